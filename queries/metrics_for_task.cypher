// Metrics used for a task: the metrics that papers addressing the task measure by, with how
// many such papers. The task is matched by name, id or alias.
// @param task = "image classification"
// @param limit = 25
MATCH (t:Task)
WHERE t.name = $task OR t.id = $task OR $task IN t.aliases
MATCH (t)<-[:ADDRESSES]-(p:Paper)-[:MEASURES]->(m:Metric)
RETURN m.name AS metric, count(DISTINCT p) AS papers
ORDER BY papers DESC, metric
LIMIT $limit
