// Index on the id of one label, so MERGE and MATCH by id do not scan.
CREATE INDEX FOR (n:{{label}}) ON (n.id)
