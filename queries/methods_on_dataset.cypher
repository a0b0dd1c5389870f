// Methods evaluated on a dataset: the methods that papers evaluating on the dataset use or
// propose, with how many such papers. The dataset is matched by name, id or alias.
// @param dataset = "ImageNet"
// @param limit = 25
MATCH (d:Dataset)
WHERE d.name = $dataset OR d.id = $dataset OR $dataset IN d.aliases
MATCH (d)<-[:EVALUATES_ON]-(p:Paper)-[:USES|PROPOSES]->(m:Method)
RETURN m.name AS method, count(DISTINCT p) AS papers
ORDER BY papers DESC, method
LIMIT $limit
