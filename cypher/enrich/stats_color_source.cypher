// Item counts by where the colour came from: the enrichment's color_source, "import" for a
// colour set when loading (from the name, or a crawled colour), "none" without colour.
MATCH (i:Item)
WITH coalesce(i.color_source, CASE WHEN i.color IS NULL THEN 'none' ELSE 'import' END) AS value
RETURN value, count(*) AS items
ORDER BY items DESC, value
