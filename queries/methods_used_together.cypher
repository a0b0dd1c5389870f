// Methods often used together: pairs of methods that the same papers use or propose, with the
// number of such papers, keeping pairs seen in at least min_papers papers.
// @param min_papers = 2
// @param limit = 25
MATCH (a:Method)<-[:USES|PROPOSES]-(p:Paper)-[:USES|PROPOSES]->(b:Method)
WHERE a.id < b.id
WITH a, b, count(DISTINCT p) AS papers
WHERE papers >= $min_papers
RETURN a.name AS method, b.name AS used_with, papers
ORDER BY papers DESC, method, used_with
LIMIT $limit
