// Fallback when no real outfit holds both items: outfits that hold an item of each of the two
// clusters ($owned_cluster, $picked_cluster), with all their items in order (by outfit id, for
// stability).
MATCH (ca:Cluster {key: $owned_cluster})<-[:IN_CLUSTER]-(:Item)<-[:CONTAINS]-(o:Outfit)
      -[:CONTAINS]->(:Item)-[:IN_CLUSTER]->(cb:Cluster {key: $picked_cluster})
WITH DISTINCT o
ORDER BY o.id
LIMIT $limit
MATCH (o)-[r:CONTAINS]->(i:Item)
WITH o, i, r
ORDER BY r.position, i.id
RETURN o {.*} AS outfit, collect(i {.*}) AS items
ORDER BY outfit.id
