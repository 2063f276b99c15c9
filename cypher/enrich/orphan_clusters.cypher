// Clusters without any item (there should be none after enrichment).
MATCH (c:Cluster)
WHERE NOT EXISTS { (c)<-[:IN_CLUSTER]-(:Item) }
RETURN c.key AS key
