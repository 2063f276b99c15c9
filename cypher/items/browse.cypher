// Items without a text query: filtered by big category and colour, most worn first.
MATCH (i:Item)
WHERE ($category IS NULL OR i.category = $category)
  AND ($color IS NULL OR i.color = $color)
  AND coalesce(i.owned_only, false) = false
RETURN i {.*} AS item, toFloat(coalesce(i.popularity, 0)) AS score
ORDER BY coalesce(i.popularity, 0) DESC, i.id
LIMIT $limit
