// Uniqueness of the id of one label (also backs MERGE and MATCH by id with an index).
CREATE CONSTRAINT {{name}} IF NOT EXISTS FOR (n:{{label}}) REQUIRE n.id IS UNIQUE
