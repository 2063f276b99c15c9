// One page of items for LightGCN export, keyset-paginated by id (stream with $after = last id).
// $after: last item id of the previous page ("" for the first), $limit: page size.
MATCH (i:Item)
WHERE i.id > $after
WITH i ORDER BY i.id LIMIT $limit
OPTIONAL MATCH (i)-[:IN_CLUSTER]->(c:Cluster)
RETURN i.id AS id, i.name AS name, i.brand AS brand, i.price AS price,
       i.category AS category, i.mid_class AS mid_class, i.color AS color, c.key AS cluster
ORDER BY id
