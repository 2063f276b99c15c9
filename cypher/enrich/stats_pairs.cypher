// The cluster co-occurrence list: one row per stored PAIRS_WITH (smaller key to larger key).
MATCH (a:Cluster)-[p:PAIRS_WITH]->(b:Cluster)
RETURN a.key AS a, b.key AS b, p.outfits AS outfits
ORDER BY outfits DESC, a, b
