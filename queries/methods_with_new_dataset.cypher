// Methods introduced alongside a new dataset: methods proposed by papers that also introduce a
// dataset they evaluate on (EVALUATES_ON with introduced = true).
MATCH (p:Paper)-[e:EVALUATES_ON]->(d:Dataset)
WHERE e.introduced = true
MATCH (p)-[:PROPOSES]->(m:Method)
RETURN d.name AS dataset, m.name AS method, p.id AS paper, p.title AS title
ORDER BY dataset, method, paper
