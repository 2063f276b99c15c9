// Items by id with their cluster key (for complete-the-look inputs).
UNWIND $ids AS id
MATCH (i:Item {id: id})
OPTIONAL MATCH (i)-[:IN_CLUSTER]->(c:Cluster)
RETURN i {.*} AS item, c.key AS cluster
