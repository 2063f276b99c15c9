// One item with its cluster (and the cluster's size) and the number of outfits wearing it.
MATCH (i:Item {id: $item_id})
OPTIONAL MATCH (i)-[:IN_CLUSTER]->(c:Cluster)
RETURN i {.*, cluster: c.key, cluster_items: c.items,
          outfits: COUNT { (i)<-[:CONTAINS]-(:Outfit) }} AS item
