// Every relationship with its type, properties and the label and id of both ends.
MATCH (s)-[r]->(t)
RETURN labels(s)[0] AS source_label, s.id AS source, type(r) AS type, properties(r) AS props,
       labels(t)[0] AS target_label, t.id AS target
