// Pieces of the source items' own brands in the other big categories (a brand's shoots are a
// strong signal: 34% of the pairs inside real outfits share a brand), most worn first, at most
// $per_category per category. $item_ids, $exclude, $skip_categories
MATCH (src:Item)-[:MADE_BY]->(b:Brand)<-[:MADE_BY]-(cand:Item)
WHERE src.id IN $item_ids
  AND cand.category <> src.category
  AND NOT cand.id IN $exclude
  AND NOT cand.category IN $skip_categories
  AND coalesce(cand.owned_only, false) = false
WITH DISTINCT cand
ORDER BY coalesce(cand.popularity, 0) DESC, cand.id
WITH cand.category AS category, collect(cand {.*})[..$per_category] AS top
RETURN category, top
ORDER BY category
