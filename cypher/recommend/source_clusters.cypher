// The owned item and the clusters the recommendation starts from, per back-off level:
// its own cluster; the clusters of its mid class; the clusters of its colour. With the
// catalog's generation stamp, which keys the in-process cache of the rule's answers.
MATCH (owned:Item {id: $item_id})
OPTIONAL MATCH (owned)-[:IN_CLUSTER]->(own:Cluster)
CALL (owned) {
  OPTIONAL MATCH (c:Cluster {mid_class: owned.mid_class})
  RETURN collect(c.key) AS mid_class_keys
}
CALL (owned) {
  OPTIONAL MATCH (c:Cluster {color: owned.color})
  WHERE owned.color IS NOT NULL AND owned.color <> 'unknown'
  RETURN collect(c.key) AS color_keys
}
OPTIONAL MATCH (g:Generation {name: 'catalog'})
RETURN owned {.*} AS item, own.key AS cluster, mid_class_keys, color_keys, g.stamp AS generation
