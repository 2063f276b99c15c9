// One page of outfits with their item ids, keyset-paginated by outfit id.
// $after: last outfit id of the previous page ("" for the first), $limit: page size.
MATCH (o:Outfit)
WHERE o.id > $after
WITH o ORDER BY o.id LIMIT $limit
OPTIONAL MATCH (o)-[:CONTAINS]->(i:Item)
WITH o, collect(i.id) AS items
RETURN o.id AS id, o.style AS style, o.season AS season, o.gender AS gender, items
ORDER BY id
