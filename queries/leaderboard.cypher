// A leaderboard from abstracts: the best value stated per (task, dataset, metric), with the
// method and the paper that state it. Improvements ("by 2.1 points") are left out; the best
// is the highest value, or the lowest for a metric whose lower_is_better is set (error
// rates, perplexity, FID). A result whose sentence names no task has task null.
// @param limit = 50
MATCH (p:Paper)-[:REPORTS]->(r:Result)-[:ON]->(d:Dataset)
MATCH (r)-[:IN_TERMS_OF]->(m:Metric)
WHERE r.delta = false
OPTIONAL MATCH (r)-[:FOR]->(t:Task)
WITH t, d, m, r, p
ORDER BY CASE WHEN m.lower_is_better THEN r.value ELSE -r.value END, p.id
WITH t, d, m, collect({id: r.id, value: r.value, unit: r.unit, paper: p.id})[0] AS best
OPTIONAL MATCH (b:Result)-[:OF]->(x:Method)
WHERE b.id = best.id
RETURN t.name AS task, d.name AS dataset, m.name AS metric, best.value AS value,
       best.unit AS unit, x.name AS method, best.paper AS paper
ORDER BY task, dataset, metric
LIMIT $limit
