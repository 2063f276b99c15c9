// Co-occurrence counts between the clusters of $keys (each unordered pair once).
MATCH (a:Cluster)-[p:PAIRS_WITH]->(b:Cluster)
WHERE a.key IN $keys AND b.key IN $keys
RETURN a.key AS a, b.key AS b, p.outfits AS outfits
