// Upsert items with their brand and cluster. $rows: [{id, props, brand, cluster, mid_class, color}]
// Idempotent: MERGE on Item.id / Brand.name / Cluster.key; a changed brand or cluster replaces
// the old relationship.
UNWIND $rows AS row
MERGE (i:Item {id: row.id})
SET i += row.props
WITH i, row
CALL (i, row) {
  OPTIONAL MATCH (i)-[old:MADE_BY]->(b:Brand)
  WHERE row.brand IS NULL OR b.name <> row.brand
  DELETE old
}
CALL (i, row) {
  WITH i, row WHERE row.brand IS NOT NULL
  MERGE (b:Brand {name: row.brand})
  MERGE (i)-[:MADE_BY]->(b)
}
CALL (i, row) {
  OPTIONAL MATCH (i)-[old:IN_CLUSTER]->(c:Cluster)
  WHERE row.cluster IS NULL OR c.key <> row.cluster
  DELETE old
}
CALL (i, row) {
  WITH i, row WHERE row.cluster IS NOT NULL
  MERGE (c:Cluster {key: row.cluster})
  ON CREATE SET c.mid_class = row.mid_class, c.color = row.color
  MERGE (i)-[:IN_CLUSTER]->(c)
}
