// Methods with the most papers using them (papers that propose a method are not counted).
// @param limit = 10
MATCH (p:Paper)-[:USES]->(m:Method)
RETURN m.name AS method, count(DISTINCT p) AS papers
ORDER BY papers DESC, method
LIMIT $limit
