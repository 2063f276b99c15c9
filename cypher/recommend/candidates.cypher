// Rule-based candidates: from the source clusters, along PAIRS_WITH (co-occurrence in real
// outfits), to the items of the paired clusters. Excludes the owned category, $exclude ids and
// $skip_categories; top $per_category per big category of $categories, ranked by co-occurrence
// strength (summed over the source clusters), then popularity, then id. $brands: 'any', 'same'
// (only items of $own_brands) or 'other' (none of them; items without a brand count as other).
// $use_top: read each paired cluster's precomputed best items (the lists Cluster.top_<category>,
// maintenance/cluster_top) instead of all its items — the same answer when per_category +
// excluded ≤ their length — and only the best (cluster, category) groups: every item of a group
// has the group's strength, so when each group has items the top $per_category come from the
// first $per_category + excluded groups and the groups tied with the last of those.
UNWIND $sources AS source_key
MATCH (src:Cluster {key: source_key})-[p:PAIRS_WITH]-(other:Cluster)
WITH other, sum(p.outfits) AS strength
UNWIND $categories AS category
WITH other, strength, category
WHERE category <> $owned_category
  AND NOT category IN $skip_categories
  AND (NOT $use_top OR other.top_k IS NULL OR size(coalesce(other['top_' + category], [])) > 0)
ORDER BY strength DESC, other.key
WITH category, collect({other: other, strength: strength}) AS groups
WITH category, groups,
     $use_top AND all(g IN groups WHERE g.other.top_k IS NOT NULL) AS prune,
     groups[..$per_category + size($exclude)] AS head
UNWIND CASE WHEN prune THEN [g IN groups WHERE g.strength >= last(head).strength]
            ELSE groups END AS g
WITH category, g.other AS other, g.strength AS strength
CALL (other, category) {
  WITH other, category WHERE $use_top AND other.top_k IS NOT NULL
  UNWIND coalesce(other['top_' + category], [])[..$per_category + size($exclude)] AS best
  MATCH (cand:Item {id: best})
  RETURN cand
  UNION
  WITH other, category WHERE NOT ($use_top AND other.top_k IS NOT NULL)
  MATCH (other)<-[:IN_CLUSTER]-(cand:Item)
  WHERE cand.category = category
  RETURN cand
}
WITH cand, other, strength
WHERE NOT cand.id IN $exclude
  AND coalesce(cand.owned_only, false) = false
  AND ($brands = 'any' OR ($brands = 'same') = (coalesce(cand.brand, '') IN $own_brands))
ORDER BY strength DESC, coalesce(cand.popularity, 0) DESC, cand.id
WITH cand.category AS category,
     collect({item: cand, strength: strength, cluster: other.key})[..$per_category] AS top
// only the kept candidates are read whole
RETURN category,
       [t IN top | {item: properties(t.item), strength: t.strength, cluster: t.cluster}] AS top
ORDER BY category
