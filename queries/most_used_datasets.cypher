// Most-used datasets: which datasets do the most papers evaluate on?
// @param limit = 10
MATCH (p:Paper)-[:EVALUATES_ON]->(d:Dataset)
RETURN d.name AS dataset, count(DISTINCT p) AS papers
ORDER BY papers DESC, dataset
LIMIT $limit
