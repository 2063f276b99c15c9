// Each cluster's best catalog items per big category, in the rule's order (popularity, then
// id): the first $k ids in Cluster.top_<category> (top_top, top_bottom, ...), and top_k = $k to
// say the lists are there. The rule reads them instead of every item of a paired cluster,
// which gives the same answer whenever it needs at most $k items of one cluster and category
// (per_category plus what it excludes). Rebuilt by every co-occurrence refresh (auto-commit
// transaction: batches of clusters).
MATCH (c:Cluster)
CALL (c) {
  OPTIONAL MATCH (c)<-[:IN_CLUSTER]-(i:Item)
  WHERE coalesce(i.owned_only, false) = false
  WITH c, i ORDER BY coalesce(i.popularity, 0) DESC, i.id
  WITH c, collect(i) AS items
  SET c.top_k = $k,
      c.top_top = [x IN items WHERE x.category = 'top' | x.id][..$k],
      c.top_bottom = [x IN items WHERE x.category = 'bottom' | x.id][..$k],
      c.top_outer = [x IN items WHERE x.category = 'outer' | x.id][..$k],
      c.top_shoes = [x IN items WHERE x.category = 'shoes' | x.id][..$k],
      c.top_bag = [x IN items WHERE x.category = 'bag' | x.id][..$k],
      c.top_hat = [x IN items WHERE x.category = 'hat' | x.id][..$k]
} IN TRANSACTIONS OF 100 ROWS
