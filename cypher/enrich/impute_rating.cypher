// Missing item rating -> the mean crawled rating (imputed ratings do not count towards it).
// Nothing happens when no item has a crawled rating. Imputed fields are listed in `imputed`.
CALL () {
  MATCH (x:Item) WHERE x.rating IS NOT NULL AND NOT 'rating' IN coalesce(x.imputed, [])
  RETURN avg(toFloat(x.rating)) AS mean
}
MATCH (i:Item)
WHERE mean IS NOT NULL AND (i.rating IS NULL OR 'rating' IN coalesce(i.imputed, []))
SET i.rating = mean,
    i.imputed = CASE WHEN 'rating' IN coalesce(i.imputed, []) THEN i.imputed
                     ELSE coalesce(i.imputed, []) + 'rating' END
RETURN count(i) AS imputed
