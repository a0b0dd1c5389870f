// Every node with its labels and properties, for reading the graph back.
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
