// Recompute the cluster co-occurrence (:Cluster)-[:PAIRS_WITH {outfits}]->(:Cluster): the number
// of distinct outfits holding items of both clusters, stored once per unordered pair (from the
// smaller key to the larger). $stamp marks this run; pairs from earlier runs are removed after.
MATCH (o:Outfit)-[:CONTAINS]->(:Item)-[:IN_CLUSTER]->(c:Cluster)
WITH o, collect(DISTINCT c) AS clusters
UNWIND clusters AS a
UNWIND clusters AS b
WITH a, b
WHERE a.key < b.key
WITH a, b, count(*) AS outfits
MERGE (a)-[p:PAIRS_WITH]->(b)
SET p.outfits = outfits, p.stamp = $stamp
