// Active-model scores from several items (a closet) to candidate items: per candidate, the mean
// score over the distinct clusters of $item_ids that have a SCORED edge to it. $item_ids, $ids, $name
MATCH (r:ModelRegistry {name: $name})
WHERE r.active IS NOT NULL
MATCH (src:Item)-[:IN_CLUSTER]->(c:Cluster)
WHERE src.id IN $item_ids
WITH DISTINCT r, c
MATCH (c)-[s:SCORED {model: r.active}]->(i:Item)
WHERE i.id IN $ids
WITH r, i, avg(s.score) AS score
RETURN i.id AS id, score,
       1.0 / (1.0 + exp(-(coalesce(r.platt_a, 1.0) * score + coalesce(r.platt_b, 0.0))))
         AS probability,
       r.active AS model
