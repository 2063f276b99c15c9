// Candidates for a whole closet from the paired clusters' precomputed best items (see
// candidates.cypher): items whose cluster pairs with the clusters of the owned items, scored by
// how many owned items they pair with, then by summed co-occurrence strength, then popularity.
// Each candidate is of another big category than the owned items it counts. The same answer as
// closet_candidates_scan.cypher without a brand filter, when per_category + owned + excluded ≤
// the lists' length. Only the best (cluster, category) groups are read: every item of a group
// has the group's score, so the top $per_category come from the first $per_category + owned +
// excluded groups with items and the groups tied with the last of those.
UNWIND $owned AS owned_id
MATCH (o:Item {id: owned_id})-[:IN_CLUSTER]->(:Cluster)-[p:PAIRS_WITH]-(other:Cluster)
UNWIND $categories AS category
WITH o, other, p.outfits AS outfits, category
WHERE category <> o.category
  AND (other.top_k IS NULL OR size(coalesce(other['top_' + category], [])) > 0)
WITH other, category, count(DISTINCT o) AS pairs_with, sum(outfits) AS strength,
     collect(DISTINCT o.id) AS partners
ORDER BY pairs_with DESC, strength DESC, other.key
WITH category,
     collect({other: other, pairs_with: pairs_with, strength: strength, partners: partners})
       AS groups
WITH category, groups, all(g IN groups WHERE g.other.top_k IS NOT NULL) AS listed,
     groups[..$per_category + size($owned) + size($exclude)] AS head
UNWIND CASE WHEN listed
         THEN [g IN groups WHERE g.pairs_with > last(head).pairs_with
               OR (g.pairs_with = last(head).pairs_with AND g.strength >= last(head).strength)]
         ELSE groups END AS g
WITH category, g, g.other AS other
CALL (other, category) {
  WITH other, category WHERE other.top_k IS NOT NULL
  UNWIND coalesce(other['top_' + category], [])[..$per_category + size($owned) + size($exclude)]
    AS best
  MATCH (cand:Item {id: best})
  RETURN cand
  UNION
  WITH other, category WHERE other.top_k IS NULL
  MATCH (other)<-[:IN_CLUSTER]-(cand:Item)
  WHERE cand.category = category
  RETURN cand
}
WITH cand, other, g
WHERE NOT cand.id IN $owned
  AND NOT cand.id IN $exclude
  AND coalesce(cand.owned_only, false) = false
ORDER BY g.pairs_with DESC, g.strength DESC, coalesce(cand.popularity, 0) DESC, cand.id
WITH cand.category AS category,
     collect({item: cand, strength: g.strength, pairs_with: g.pairs_with, partners: g.partners,
              cluster: other.key})[..$per_category] AS top
// only the kept candidates are read whole
RETURN category,
       [t IN top | {item: properties(t.item), strength: t.strength, pairs_with: t.pairs_with,
                    partners: t.partners, cluster: t.cluster}] AS top
ORDER BY category
