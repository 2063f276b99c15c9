// Real outfits that contain both items, with all their items in order.
MATCH (a:Item {id: $owned})<-[:CONTAINS]-(o:Outfit)-[:CONTAINS]->(b:Item {id: $picked})
WITH o
ORDER BY o.id
LIMIT $limit
MATCH (o)-[r:CONTAINS]->(i:Item)
WITH o, i, r
ORDER BY r.position, i.id
RETURN o {.*} AS outfit, collect(i {.*}) AS items
ORDER BY outfit.id
