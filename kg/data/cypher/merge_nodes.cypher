// One batch of nodes of one label: create each missing node, then set its properties.
UNWIND $rows AS row
MERGE (n:{{label}} {id: row.id})
SET n += row.props
