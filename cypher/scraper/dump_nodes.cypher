// Every node of the outfit graph with its labels and properties (tests compare two crawls).
MATCH (n)
WHERE n:Outfit OR n:Item OR n:Brand OR n:Tag OR n:Cluster
RETURN labels(n) AS labels, coalesce(n.id, n.key, n.name) AS key, properties(n) AS props
ORDER BY key
