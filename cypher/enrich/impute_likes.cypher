// Missing likes -> 0 on items and outfits, but only where the crawl has likes at all (some node
// of that label carries a crawled value). Imputed fields are listed in `imputed`.
CALL () {
  MATCH (x:Item) WHERE x.likes IS NOT NULL AND NOT 'likes' IN coalesce(x.imputed, [])
  RETURN count(x) > 0 AS items_have
}
CALL () {
  MATCH (x:Outfit) WHERE x.likes IS NOT NULL AND NOT 'likes' IN coalesce(x.imputed, [])
  RETURN count(x) > 0 AS outfits_have
}
MATCH (n)
WHERE ((n:Item AND items_have) OR (n:Outfit AND outfits_have))
  AND (n.likes IS NULL OR 'likes' IN coalesce(n.imputed, []))
SET n.likes = 0,
    n.imputed = CASE WHEN 'likes' IN coalesce(n.imputed, []) THEN n.imputed
                     ELSE coalesce(n.imputed, []) + 'likes' END
RETURN count(n) AS imputed
