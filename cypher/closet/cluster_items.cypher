// The best catalog items of some clusters, with bounded work per cluster: $picks: [{cluster,
// category, mid_class, color}]; at most $per_cluster each, most worn first, without $exclude
// (owned, dismissed) and within $budget (null = any). A cluster's items share its mid class and
// colour, so the range index item_cluster_popularity (mid_class, color, popularity) serves them
// already ordered by popularity: the seek stops after $per_cluster matches instead of reading
// every item of a large cluster. Items of unknown colour (no color property, not in that index)
// are read through IN_CLUSTER. $brands: 'any', 'same' (only $own_brands) or 'other' (none).
UNWIND $picks AS pick
CALL (pick) {
  WITH pick WHERE pick.color <> 'unknown'
  MATCH (i:Item)
  WHERE i.mid_class = pick.mid_class AND i.color = pick.color AND i.popularity IS NOT NULL
    AND i.category = pick.category
    AND i.owned_only IS NULL
    AND NOT i.id IN $exclude
    AND ($budget IS NULL OR i.price <= $budget)
    AND ($brands = 'any' OR ($brands = 'same') = (coalesce(i.brand, '') IN $own_brands))
  WITH i ORDER BY i.mid_class DESC, i.color DESC, i.popularity DESC
  LIMIT $per_cluster
  RETURN i
  UNION
  WITH pick WHERE pick.color = 'unknown'
  MATCH (:Cluster {key: pick.cluster})<-[:IN_CLUSTER]-(i:Item)
  WHERE i.category = pick.category
    AND i.owned_only IS NULL
    AND NOT i.id IN $exclude
    AND ($budget IS NULL OR i.price <= $budget)
    AND ($brands = 'any' OR ($brands = 'same') = (coalesce(i.brand, '') IN $own_brands))
  WITH i ORDER BY coalesce(i.popularity, 0) DESC, i.id
  LIMIT $per_cluster
  RETURN i
}
WITH pick, i ORDER BY coalesce(i.popularity, 0) DESC, i.id
RETURN pick.cluster AS cluster, pick.category AS category, collect(i {.*}) AS items
