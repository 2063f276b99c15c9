// Fallback when no real outfit holds both items: outfits that hold an item of each of the two
// clusters ($owned_cluster, $picked_cluster), with all their items in order (by outfit id, for
// stability); only those of the style $style, the season $season and the gender $gender (each
// null = any).
MATCH (ca:Cluster {key: $owned_cluster})<-[:IN_CLUSTER]-(:Item)<-[:CONTAINS]-(o:Outfit)
      -[:CONTAINS]->(:Item)-[:IN_CLUSTER]->(cb:Cluster {key: $picked_cluster})
WHERE ($style IS NULL OR EXISTS { (o)-[:IN_STYLE]->(:Style {name: $style}) })
  AND ($season IS NULL OR EXISTS { (o)-[:IN_SEASON]->(:Season {name: $season}) })
  AND ($gender IS NULL OR o.gender = $gender)
WITH DISTINCT o
ORDER BY o.id
LIMIT $limit
MATCH (o)-[r:CONTAINS]->(i:Item)
WITH o, i, r
ORDER BY r.position, i.id
RETURN o {.*} AS outfit, collect(i {.*}) AS items
ORDER BY outfit.id
