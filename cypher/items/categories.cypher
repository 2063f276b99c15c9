// Big categories with their item counts, mid classes and colours (for filters and the demo).
MATCH (i:Item)
WHERE coalesce(i.owned_only, false) = false
WITH i.category AS category, i.mid_class AS mid_class, i.color AS color, count(*) AS n
WITH category, sum(n) AS items,
     collect(DISTINCT mid_class) AS mid_classes, collect(DISTINCT color) AS colors
RETURN category, items, [m IN mid_classes WHERE m IS NOT NULL] AS mid_classes,
       [c IN colors WHERE c IS NOT NULL] AS colors
ORDER BY category
