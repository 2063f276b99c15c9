// The shared catalogue's relationships (between the nodes of catalogue_nodes), with their
// properties; PAIRS_WITH's run stamp is left out (it marks each co-occurrence refresh).
MATCH (a)-[r]->(b)
WHERE type(r) IN ['CONTAINS', 'IN_CLUSTER', 'MADE_BY', 'TAGGED', 'PAIRS_WITH']
  AND NOT coalesce(a.owned_only, false) AND NOT coalesce(b.owned_only, false)
RETURN type(r) AS type, coalesce(a.id, a.key, a.name) AS source,
       coalesce(b.id, b.key, b.name) AS target, r {.*, stamp: null} AS props
ORDER BY type, source, target
