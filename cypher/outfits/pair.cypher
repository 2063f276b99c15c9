// The two items of an outfit look-up: whether each exists and its cluster, with the catalog's
// generation stamp (which keys the cached cluster fallback, graph/recommend/catalog_cache.py).
UNWIND [$owned, $picked] AS id
OPTIONAL MATCH (i:Item {id: id})
OPTIONAL MATCH (i)-[:IN_CLUSTER]->(c:Cluster)
WITH collect({id: id, found: i IS NOT NULL, cluster: c.key}) AS items
OPTIONAL MATCH (g:Generation {name: 'catalog'})
RETURN items, g.stamp AS generation
