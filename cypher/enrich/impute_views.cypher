// Missing item views -> the views of the outfit wearing it (the most viewed one when several),
// where outfits carry crawled views. Imputed fields are listed in `imputed`.
MATCH (i:Item)
WHERE i.views IS NULL OR 'views' IN coalesce(i.imputed, [])
CALL (i) {
  MATCH (o:Outfit)-[:CONTAINS]->(i)
  WHERE o.views IS NOT NULL
  RETURN max(o.views) AS views
}
WITH i, views WHERE views IS NOT NULL
SET i.views = views,
    i.imputed = CASE WHEN 'views' IN coalesce(i.imputed, []) THEN i.imputed
                     ELSE coalesce(i.imputed, []) + 'views' END
RETURN count(i) AS imputed
