// One batch of nodes of one label with the same properties; each row is [id, value, ...].
UNWIND $rows AS row
MERGE (n:{{label}} {id: row[0]})
{{set}}
