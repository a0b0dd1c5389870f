// Papers that propose a method but link no code repository.
// @param limit = 100
MATCH (p:Paper)-[:PROPOSES]->(m:Method)
WHERE NOT (p)-[:HAS_CODE]->(:Repository)
RETURN p.id AS paper, p.title AS title, collect(DISTINCT m.name) AS methods
ORDER BY paper
LIMIT $limit
