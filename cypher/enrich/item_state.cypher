// Enrichment state of the given items. $ids: [item id]
UNWIND $ids AS id
MATCH (i:Item {id: id})
OPTIONAL MATCH (i)-[:IN_CLUSTER]->(c:Cluster)
RETURN i.id AS id, i.mid_class AS mid_class, i.color AS color, i.color_source AS color_source,
       i.likes AS likes, i.views AS views, i.rating AS rating, i.imputed AS imputed,
       collect(c.key) AS clusters
ORDER BY id
