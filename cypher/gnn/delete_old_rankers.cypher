// Remove ranker versions that are neither served nor kept for rollback (the registry's active
// and previous).
OPTIONAL MATCH (r:ModelRegistry {name: 'ranker'})
WITH [v IN [r.active, r.previous] WHERE v IS NOT NULL] AS keep
MATCH (m:RankerModel)
WHERE NOT m.version IN keep
DETACH DELETE m
RETURN count(*) AS deleted
