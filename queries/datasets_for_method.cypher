// Datasets a method is evaluated on: the datasets of papers that use or propose the method,
// with how many such papers. The method is matched by name, id or alias.
// @param method = "ResNet"
// @param limit = 25
MATCH (m:Method)
WHERE m.name = $method OR m.id = $method OR $method IN m.aliases
MATCH (m)<-[:USES|PROPOSES]-(p:Paper)-[:EVALUATES_ON]->(d:Dataset)
RETURN d.name AS dataset, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset
LIMIT $limit
