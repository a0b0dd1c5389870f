// Papers that propose a method and link code: each proposed method with its paper and the
// repository the paper links.
// @param limit = 100
MATCH (p:Paper)-[:PROPOSES]->(m:Method)
MATCH (p)-[:HAS_CODE]->(r:Repository)
RETURN p.id AS paper, p.title AS title, m.name AS method, r.url AS repository
ORDER BY paper, method, repository
LIMIT $limit
