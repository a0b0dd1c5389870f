// One batch of relationships of one type between nodes of fixed labels, matched by id.
UNWIND $rows AS row
MATCH (s:{{source_label}} {id: row.source})
MATCH (t:{{target_label}} {id: row.target})
MERGE (s)-[r:{{type}}]->(t)
SET r += row.props
