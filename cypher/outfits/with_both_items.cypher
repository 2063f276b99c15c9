// Real outfits that contain both items, with all their items in order; only those of the style
// $style, the season $season and the gender $gender (each null = any).
MATCH (a:Item {id: $owned})<-[:CONTAINS]-(o:Outfit)-[:CONTAINS]->(b:Item {id: $picked})
WHERE ($style IS NULL OR EXISTS { (o)-[:IN_STYLE]->(:Style {name: $style}) })
  AND ($season IS NULL OR EXISTS { (o)-[:IN_SEASON]->(:Season {name: $season}) })
  AND ($gender IS NULL OR o.gender = $gender)
WITH o
ORDER BY o.id
LIMIT $limit
MATCH (o)-[r:CONTAINS]->(i:Item)
WITH o, i, r
ORDER BY r.position, i.id
RETURN o {.*} AS outfit, collect(i {.*}) AS items
ORDER BY outfit.id
