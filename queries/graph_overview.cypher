// Graph overview: how many nodes carry each label.
MATCH (n)
RETURN labels(n)[0] AS label, count(n) AS nodes
ORDER BY label
