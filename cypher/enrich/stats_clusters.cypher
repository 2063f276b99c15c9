// Every cluster with its item count and how many other clusters it co-occurs with.
MATCH (c:Cluster)
RETURN c.key AS key, c.mid_class AS mid_class, c.color AS color,
       COUNT { (c)<-[:IN_CLUSTER]-(:Item) } AS items,
       COUNT { (c)-[:PAIRS_WITH]-(:Cluster) } AS partners
ORDER BY items DESC, key
