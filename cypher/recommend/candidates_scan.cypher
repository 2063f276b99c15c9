// Rule-based candidates, reading every item of the paired clusters: what the rule runs with a
// brand filter, or when more than a cluster's precomputed list could be needed (see
// candidates.cypher, which gives the same answer from the lists). From the source clusters,
// along PAIRS_WITH, to the items of the paired clusters; excludes the owned category, $exclude
// ids and $skip_categories; top $per_category per big category, ranked by co-occurrence strength
// (summed over the source clusters), then popularity, then id. $brands: 'any', 'same' (only items
// of $own_brands) or 'other' (none of them; items without a brand count as other).
UNWIND $sources AS source_key
MATCH (src:Cluster {key: source_key})-[p:PAIRS_WITH]-(other:Cluster)
WITH other, sum(p.outfits) AS strength
MATCH (other)<-[:IN_CLUSTER]-(cand:Item)
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
