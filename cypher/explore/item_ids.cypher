// Every item id (benchmarks sample from it); $limit bounds the list.
MATCH (i:Item)
WHERE coalesce(i.owned_only, false) = false
RETURN i.id AS id
LIMIT $limit
