// Active-model scores from an item's cluster to candidate items (for re-ranking rule-based
// candidates). Candidates without a SCORED edge are simply absent. $item_id, $ids, $name
MATCH (r:ModelRegistry {name: $name})
WHERE r.active IS NOT NULL
MATCH (:Item {id: $item_id})-[:IN_CLUSTER]->(c:Cluster)
MATCH (c)-[s:SCORED {model: r.active}]->(i:Item)
WHERE i.id IN $ids
RETURN i.id AS id, s.score AS score, 1.0 / (1.0 + exp(-s.score)) AS probability,
       r.active AS model
