// Methods evaluated on a dataset for a task: the methods that papers addressing the task and
// evaluating on the dataset use or propose, with how many such papers. The task and the
// dataset are matched by name, id or alias.
// @param task = "image classification"
// @param dataset = "ImageNet"
// @param limit = 25
MATCH (t:Task)
WHERE t.name = $task OR t.id = $task OR $task IN t.aliases
MATCH (d:Dataset)
WHERE d.name = $dataset OR d.id = $dataset OR $dataset IN d.aliases
MATCH (t)<-[:ADDRESSES]-(p:Paper)-[:EVALUATES_ON]->(d)
MATCH (p)-[:USES|PROPOSES]->(m:Method)
RETURN m.name AS method, count(DISTINCT p) AS papers
ORDER BY papers DESC, method
LIMIT $limit
