// Candidates for a whole closet: items whose cluster pairs with the clusters of the owned
// items, scored by how many owned items they pair with, then by summed co-occurrence strength,
// then popularity. Each candidate is of another big category than the owned item it pairs with.
// $brands: 'any', 'same' (only the owned items' brands) or 'other' (none of them).
// $use_top: read the paired clusters' precomputed best items of $categories (see
// candidates.cypher).
MATCH (b:Item) WHERE b.id IN $owned
WITH collect(DISTINCT b.brand) AS own_brands
UNWIND $owned AS owned_id
MATCH (o:Item {id: owned_id})-[:IN_CLUSTER]->(:Cluster)-[p:PAIRS_WITH]-(other:Cluster)
WITH o, other, p.outfits AS outfits, own_brands
CALL (other) {
  WITH other WHERE $use_top AND other.top_k IS NOT NULL
  UNWIND $categories AS category
  UNWIND coalesce(other['top_' + category], [])[..$per_category + size($owned) + size($exclude)] AS best
  MATCH (cand:Item {id: best})
  RETURN cand
  UNION
  WITH other WHERE NOT ($use_top AND other.top_k IS NOT NULL)
  MATCH (other)<-[:IN_CLUSTER]-(cand:Item)
  RETURN cand
}
WITH o, other, outfits, own_brands, cand
WHERE cand.category <> o.category
  AND NOT cand.id IN $owned
  AND NOT cand.id IN $exclude
  AND coalesce(cand.owned_only, false) = false
  AND ($brands = 'any' OR ($brands = 'same') = (coalesce(cand.brand, '') IN own_brands))
WITH cand, other, count(DISTINCT o) AS pairs_with, sum(outfits) AS strength,
     collect(DISTINCT o.id) AS partners
ORDER BY pairs_with DESC, strength DESC, coalesce(cand.popularity, 0) DESC, cand.id
WITH cand.category AS category,
     collect({item: cand, strength: strength, pairs_with: pairs_with, partners: partners,
              cluster: other.key})[..$per_category] AS top
// only the kept candidates are read whole
RETURN category,
       [t IN top | {item: properties(t.item), strength: t.strength, pairs_with: t.pairs_with,
                    partners: t.partners, cluster: t.cluster}] AS top
ORDER BY category
