// Store enrichment results and move each item to its cluster (mid class, colour family).
// $rows: [{id, mid_class, color, color_source, cluster, cluster_color}], $version.
// Idempotent: MERGE on Cluster.key; a changed cluster replaces the old IN_CLUSTER. Clusters left
// without items are removed by maintenance/cluster_stats (run after, with the co-occurrence).
UNWIND $rows AS row
MATCH (i:Item {id: row.id})
SET i.mid_class = row.mid_class,
    i.color = row.color,
    i.color_source = coalesce(row.color_source, i.color_source),
    i.enrich_version = $version
WITH i, row
CALL (i, row) {
  OPTIONAL MATCH (i)-[old:IN_CLUSTER]->(c:Cluster)
  WHERE row.cluster IS NULL OR c.key <> row.cluster
  DELETE old
}
CALL (i, row) {
  WITH i, row WHERE row.cluster IS NOT NULL
  MERGE (c:Cluster {key: row.cluster})
  ON CREATE SET c.mid_class = row.mid_class, c.color = row.cluster_color
  MERGE (i)-[:IN_CLUSTER]->(c)
}
