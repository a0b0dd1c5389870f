// Papers that share the most datasets with a given paper (matched by id or title), with the
// shared datasets.
// @param paper = "An Image is Worth 16x16 Words"
// @param limit = 10
MATCH (p:Paper)
WHERE p.id = $paper OR p.title = $paper
MATCH (p)-[:EVALUATES_ON]->(d:Dataset)<-[:EVALUATES_ON]-(other:Paper)
WHERE other <> p
WITH other, d
ORDER BY d.name
WITH other, collect(DISTINCT d.name) AS datasets
RETURN other.id AS paper, other.title AS title, size(datasets) AS shared, datasets
ORDER BY shared DESC, paper
LIMIT $limit
