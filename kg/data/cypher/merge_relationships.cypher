// One batch of relationships of one type between nodes of fixed labels, matched by id, with the
// same properties; each row is [source id, target id, value, ...].
UNWIND $rows AS row
MATCH (s:{{source_label}} {id: row[0]})
MATCH (t:{{target_label}} {id: row[1]})
MERGE (s)-[r:{{type}}]->(t)
{{set}}
