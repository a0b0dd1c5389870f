// Labels and properties that already have an index.
CALL db.indexes() YIELD label, properties
RETURN label, properties
