// Full-text search over item name, brand, mid class and colour (CJK analyser, so Korean
// substrings match), optionally filtered by big category and colour family.
CALL db.index.fulltext.queryNodes('item_text', $query, {limit: $scan}) YIELD node, score
WHERE ($category IS NULL OR node.category = $category)
  AND ($color IS NULL OR node.color = $color)
  AND coalesce(node.owned_only, false) = false
RETURN node {.*} AS item, score
ORDER BY score DESC, coalesce(node.popularity, 0) DESC, node.id
LIMIT $limit
