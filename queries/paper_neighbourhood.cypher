// A paper's neighbourhood for visual exploration (Neo4j Browser draws the returned nodes and
// relationships): the paper (matched by id or title), its methods, datasets and repositories,
// and the other papers linked to those.
// @param paper = "An Image is Worth 16x16 Words"
// @param limit = 200
MATCH (p:Paper)
WHERE p.id = $paper OR p.title = $paper
MATCH (p)-[r]->(x)
OPTIONAL MATCH (x)<-[r2]-(q:Paper)
WHERE q <> p
RETURN p, r, x, r2, q
ORDER BY type(r), x.id, q.id
LIMIT $limit
