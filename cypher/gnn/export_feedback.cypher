// Positive feedback as extra training edges: items a person liked or picked, grouped per person,
// keyset-paginated by the person's element id. $after: last key ("" first), $limit: page size.
MATCH (p:Person)
WHERE elementId(p) > $after
WITH p ORDER BY elementId(p) LIMIT $limit
MATCH (p)-[:LIKED|PICKED]->(i:Item)
WITH p, collect(DISTINCT i.id) AS items
RETURN elementId(p) AS key, items
ORDER BY key
