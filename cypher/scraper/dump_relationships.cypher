// Every relationship between outfit-graph nodes, keyed by its end nodes' stable keys.
MATCH (a)-[r]->(b)
WHERE type(r) IN ['CONTAINS', 'IN_CLUSTER', 'MADE_BY', 'TAGGED', 'PAIRS_WITH']
RETURN type(r) AS type, coalesce(a.id, a.key, a.name) AS source,
       coalesce(b.id, b.key, b.name) AS target, properties(r) AS props
ORDER BY type, source, target
