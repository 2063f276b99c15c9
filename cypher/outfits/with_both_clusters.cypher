// Fallback when no real outfit holds both items: outfits that hold an item of each item's
// cluster, with all their items in order (most recent id first for stability).
MATCH (a:Item {id: $owned})-[:IN_CLUSTER]->(ca:Cluster)
MATCH (b:Item {id: $picked})-[:IN_CLUSTER]->(cb:Cluster)
MATCH (ca)<-[:IN_CLUSTER]-(:Item)<-[:CONTAINS]-(o:Outfit)-[:CONTAINS]->(:Item)-[:IN_CLUSTER]->(cb)
WITH DISTINCT o
ORDER BY o.id
LIMIT $limit
MATCH (o)-[r:CONTAINS]->(i:Item)
WITH o, i, r
ORDER BY r.position, i.id
RETURN o {.*} AS outfit, collect(i {.*}) AS items
ORDER BY outfit.id
