// The distinct clusters of each outfit (to check or recompute the co-occurrence).
MATCH (o:Outfit)
OPTIONAL MATCH (o)-[:CONTAINS]->(:Item)-[:IN_CLUSTER]->(c:Cluster)
RETURN o.id AS outfit, collect(DISTINCT c.key) AS clusters
ORDER BY outfit
