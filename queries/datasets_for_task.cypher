// Datasets used for a task: the datasets that papers addressing the task evaluate on, with
// how many such papers. The task is matched by name, id or alias.
// @param task = "image classification"
// @param limit = 25
MATCH (t:Task)
WHERE t.name = $task OR t.id = $task OR $task IN t.aliases
MATCH (t)<-[:ADDRESSES]-(p:Paper)-[:EVALUATES_ON]->(d:Dataset)
RETURN d.name AS dataset, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset
LIMIT $limit
