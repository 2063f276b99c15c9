// Candidates for a whole closet, reading every item of the paired clusters: what the rule runs
// with a brand filter, or when more than a cluster's precomputed list could be needed (see
// closet_candidates.cypher, which gives the same answer from the lists). Items whose cluster
// pairs with the clusters of the owned items, scored by how many owned items they pair with,
// then by summed co-occurrence strength, then popularity. Each candidate is of another big
// category than the owned item it pairs with. $brands: 'any', 'same' (only the owned items'
// brands) or 'other' (none of them).
MATCH (b:Item) WHERE b.id IN $owned
WITH collect(DISTINCT b.brand) AS own_brands
UNWIND $owned AS owned_id
MATCH (o:Item {id: owned_id})-[:IN_CLUSTER]->(:Cluster)-[p:PAIRS_WITH]-(other:Cluster)
WITH o, other, p.outfits AS outfits, own_brands
MATCH (other)<-[:IN_CLUSTER]-(cand:Item)
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
