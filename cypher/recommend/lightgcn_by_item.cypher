// LightGCN recommendations for an item (probability: the active version's Platt calibration): its cluster's SCORED items of the active model, best
// first, at most $per_category per big category (never the item's own category or the item).
// $item_id, $per_category, $name: model name ('lightgcn'), $brands: 'any', 'same' (the item's
// brand only) or 'other' (any other brand, or none)
MATCH (r:ModelRegistry {name: $name})
WHERE r.active IS NOT NULL
MATCH (src:Item {id: $item_id})-[:IN_CLUSTER]->(c:Cluster)
MATCH (c)-[s:SCORED {model: r.active}]->(i:Item)
WHERE i <> src AND i.category <> src.category
  AND ($brands = 'any' OR ($brands = 'same') = (coalesce(i.brand, '') IN [b IN [src.brand] WHERE b IS NOT NULL]))
WITH r, i, s ORDER BY s.score DESC, i.id
WITH r, i.category AS category, collect({item: i, score: s.score})[0..$per_category] AS top
UNWIND top AS t
RETURN category, t.item.id AS id, t.item.name AS name, t.item.brand AS brand,
       t.item.price AS price, t.item.mid_class AS mid_class, t.item.color AS color,
       t.item.url AS url, t.item.image_url AS image_url, t.score AS score,
       1.0 / (1.0 + exp(-(coalesce(r.platt_a, 1.0) * t.score + coalesce(r.platt_b, 0.0)))) AS probability, r.active AS model
ORDER BY category, score DESC, id
