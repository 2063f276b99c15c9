// Model scores of the active LightGCN version from the owned clusters $keys to items of the
// clusters $targets: (:Cluster)-[:SCORED {score, model}]->(:Item). Bounded by the SCORED
// out-degree of the owned clusters (the model writes its top items per cluster). $brands:
// 'any', 'same' (only $own_brands) or 'other' (none of them).
UNWIND $keys AS key
MATCH (:Cluster {key: key})-[s:SCORED]->(i:Item)-[:IN_CLUSTER]->(c:Cluster)
WHERE s.model = $model AND c.key IN $targets
  AND i.owned_only IS NULL AND NOT i.id IN $exclude
  AND ($budget IS NULL OR i.price <= $budget)
  AND ($brands = 'any' OR ($brands = 'same') = (coalesce(i.brand, '') IN $own_brands))
RETURN i {.*} AS item, c.key AS cluster, avg(s.score) AS score, count(s) AS sources
