// Active-model scores from an item's cluster to candidate items (for re-ranking rule-based
// candidates). Candidates without a SCORED edge are simply absent. $item_id, $ids, $name
MATCH (r:ModelRegistry {name: $name})
WHERE r.active IS NOT NULL
MATCH (:Item {id: $item_id})-[:IN_CLUSTER]->(c:Cluster)
MATCH (c)-[s:SCORED {model: r.active}]->(i:Item)
WHERE i.id IN $ids
RETURN i.id AS id, s.score AS score, 1.0 / (1.0 + exp(-(coalesce(r.platt_a, 1.0) * s.score + coalesce(r.platt_b, 0.0)))) AS probability,
       r.active AS model
