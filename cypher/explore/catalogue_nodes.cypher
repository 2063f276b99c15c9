// The shared catalogue, node by node: outfits, catalog items (not a person's own described
// pieces), clusters, brands and tags, with every property. Tests checksum it to show that no
// request changed it.
MATCH (n)
WHERE (n:Outfit OR n:Item OR n:Brand OR n:Tag OR n:Cluster) AND NOT coalesce(n.owned_only, false)
RETURN labels(n) AS labels, coalesce(n.id, n.key, n.name) AS key, properties(n) AS props
ORDER BY key
