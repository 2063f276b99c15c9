// Rule-based candidates: from the source clusters, along PAIRS_WITH (co-occurrence in real
// outfits), to the items of the paired clusters. Excludes the owned category, $exclude ids and
// $skip_categories; top $per_category per big category, ranked by co-occurrence strength
// (summed over the source clusters), then popularity, then id. $brands: 'any', 'same' (only
// items of $own_brands) or 'other' (none of them; items without a brand count as other).
// $use_top: read each paired cluster's precomputed best items of $categories (the lists
// Cluster.top_<category>, maintenance/cluster_top) instead of all its items: the same answer
// when per_category + excluded ≤ their length.
UNWIND $sources AS source_key
MATCH (src:Cluster {key: source_key})-[p:PAIRS_WITH]-(other:Cluster)
WITH other, sum(p.outfits) AS strength
CALL (other) {
  WITH other WHERE $use_top AND other.top_k IS NOT NULL
  UNWIND $categories AS category
  UNWIND coalesce(other['top_' + category], [])[..$per_category + size($exclude)] AS best
  MATCH (cand:Item {id: best})
  RETURN cand
  UNION
  WITH other WHERE NOT ($use_top AND other.top_k IS NOT NULL)
  MATCH (other)<-[:IN_CLUSTER]-(cand:Item)
  RETURN cand
}
WITH cand, other, strength
WHERE cand.category <> $owned_category
  AND NOT cand.id IN $exclude
  AND NOT cand.category IN $skip_categories
  AND coalesce(cand.owned_only, false) = false
  AND ($brands = 'any' OR ($brands = 'same') = (coalesce(cand.brand, '') IN $own_brands))
WITH cand, other, strength
ORDER BY strength DESC, coalesce(cand.popularity, 0) DESC, cand.id
WITH cand.category AS category,
     collect({item: cand, strength: strength, cluster: other.key})[..$per_category] AS top
// only the kept candidates are read whole
RETURN category,
       [t IN top | {item: properties(t.item), strength: t.strength, cluster: t.cluster}] AS top
ORDER BY category
