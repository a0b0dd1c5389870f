// Repositories per host: how many linked code repositories live on each host, and how many
// papers link them.
MATCH (r:Repository)
OPTIONAL MATCH (p:Paper)-[:HAS_CODE]->(r)
RETURN r.host AS host, count(DISTINCT r) AS repositories, count(DISTINCT p) AS papers
ORDER BY repositories DESC, host
