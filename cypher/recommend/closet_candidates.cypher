// Candidates for a whole closet: items whose cluster pairs with the clusters of the owned
// items, scored by how many owned items they pair with, then by summed co-occurrence strength,
// then popularity. Each candidate is of another big category than the owned items it counts.
// $brands: 'any', 'same' (only the owned items' brands) or 'other' (none of them).
// $use_top: read the paired clusters' precomputed best items of $categories (see
// candidates.cypher); then only the best (cluster, category) groups are read: every item of a
// group has the group's score, so when each group has items the top $per_category come from
// the first $per_category + excluded groups, and the groups tied with the last of those.
MATCH (b:Item) WHERE b.id IN $owned
WITH collect(DISTINCT b.brand) AS own_brands
UNWIND $owned AS owned_id
MATCH (o:Item {id: owned_id})-[:IN_CLUSTER]->(:Cluster)-[p:PAIRS_WITH]-(other:Cluster)
UNWIND $categories AS category
WITH o, other, p.outfits AS outfits, own_brands, category
WHERE category <> o.category
  AND (NOT $use_top OR other.top_k IS NULL OR size(coalesce(other['top_' + category], [])) > 0)
WITH other, category, own_brands, count(DISTINCT o) AS pairs_with, sum(outfits) AS strength,
     collect(DISTINCT o.id) AS partners
ORDER BY pairs_with DESC, strength DESC, other.key
WITH category, own_brands,
     collect({other: other, pairs_with: pairs_with, strength: strength, partners: partners})
       AS groups
WITH category, own_brands, groups,
     $use_top AND all(g IN groups WHERE g.other.top_k IS NOT NULL) AS prune,
     groups[..$per_category + size($owned) + size($exclude)] AS head
UNWIND CASE WHEN prune
         THEN [g IN groups WHERE g.pairs_with > last(head).pairs_with
               OR (g.pairs_with = last(head).pairs_with AND g.strength >= last(head).strength)]
         ELSE groups END AS g
WITH category, own_brands, g, g.other AS other
CALL (other, category) {
  WITH other, category WHERE $use_top AND other.top_k IS NOT NULL
  UNWIND coalesce(other['top_' + category], [])[..$per_category + size($owned) + size($exclude)]
    AS best
  MATCH (cand:Item {id: best})
  RETURN cand
  UNION
  WITH other, category WHERE NOT ($use_top AND other.top_k IS NOT NULL)
  MATCH (other)<-[:IN_CLUSTER]-(cand:Item)
  WHERE cand.category = category
  RETURN cand
}
WITH cand, other, g, own_brands
WHERE NOT cand.id IN $owned
  AND NOT cand.id IN $exclude
  AND coalesce(cand.owned_only, false) = false
  AND ($brands = 'any' OR ($brands = 'same') = (coalesce(cand.brand, '') IN own_brands))
ORDER BY g.pairs_with DESC, g.strength DESC, coalesce(cand.popularity, 0) DESC, cand.id
WITH cand.category AS category,
     collect({item: cand, strength: g.strength, pairs_with: g.pairs_with, partners: g.partners,
              cluster: other.key})[..$per_category] AS top
// only the kept candidates are read whole
RETURN category,
       [t IN top | {item: properties(t.item), strength: t.strength, pairs_with: t.pairs_with,
                    partners: t.partners, cluster: t.cluster}] AS top
ORDER BY category
