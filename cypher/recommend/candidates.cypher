// Rule-based candidates from the paired clusters' precomputed best items: from the source
// clusters, along PAIRS_WITH (co-occurrence in real outfits), to the ids listed in
// Cluster.top_<category> (maintenance/cluster_top). Excludes the owned category, $exclude ids and
// $skip_categories; top $per_category per big category of $categories, ranked by co-occurrence
// strength (summed over the source clusters), then popularity, then id. The same answer as
// candidates_scan.cypher without a brand filter, when per_category + excluded ≤ the lists'
// length. Only the best (cluster, category) groups are read: every item of a group has the
// group's strength, so the top $per_category come from the first $per_category + excluded
// groups with items and the groups tied with the last of those. A cluster without lists (none
// refreshed yet) is scanned instead, and then no group is left out.
UNWIND $sources AS source_key
MATCH (src:Cluster {key: source_key})-[p:PAIRS_WITH]-(other:Cluster)
WITH other, sum(p.outfits) AS strength
UNWIND $categories AS category
WITH other, strength, category
WHERE category <> $owned_category
  AND NOT category IN $skip_categories
  AND (other.top_k IS NULL OR size(coalesce(other['top_' + category], [])) > 0)
ORDER BY strength DESC, other.key
WITH category, collect({other: other, strength: strength}) AS groups
WITH category, groups, all(g IN groups WHERE g.other.top_k IS NOT NULL) AS listed,
     groups[..$per_category + size($exclude)] AS head
UNWIND CASE WHEN listed THEN [g IN groups WHERE g.strength >= last(head).strength]
            ELSE groups END AS g
WITH category, g.other AS other, g.strength AS strength
CALL (other, category) {
  WITH other, category WHERE other.top_k IS NOT NULL
  UNWIND coalesce(other['top_' + category], [])[..$per_category + size($exclude)] AS best
  MATCH (cand:Item {id: best})
  RETURN cand
  UNION
  WITH other, category WHERE other.top_k IS NULL
  MATCH (other)<-[:IN_CLUSTER]-(cand:Item)
  WHERE cand.category = category
  RETURN cand
}
WITH cand, other, strength
WHERE NOT cand.id IN $exclude
  AND coalesce(cand.owned_only, false) = false
ORDER BY strength DESC, coalesce(cand.popularity, 0) DESC, cand.id
WITH cand.category AS category,
     collect({item: cand, strength: strength, cluster: other.key})[..$per_category] AS top
// only the kept candidates are read whole
RETURN category,
       [t IN top | {item: properties(t.item), strength: t.strength, cluster: t.cluster}] AS top
ORDER BY category
