// Each cluster's best catalog items per big category, in the rule's order (popularity, then
// id): (:Cluster)-[:TOP {rank}]->(:Item) for the first $k. The rule reads these instead of every
// item of a paired cluster, which gives the same answer whenever it needs at most $k items of
// one cluster and category (per_category plus what it excludes). Rebuilt by every
// co-occurrence refresh (auto-commit transaction: batches of clusters).
MATCH (c:Cluster)
CALL (c) {
  SET c.top_k = $k
  WITH c
  MATCH (c)<-[:IN_CLUSTER]-(i:Item)
  WHERE coalesce(i.owned_only, false) = false
  WITH i ORDER BY coalesce(i.popularity, 0) DESC, i.id
  WITH i.category AS category, collect(i)[..$k] AS best
  UNWIND range(0, size(best) - 1) AS r
  WITH best[r] AS i, r
  CREATE (c)-[:TOP {rank: r + 1}]->(i)
} IN TRANSACTIONS OF 50 ROWS
