// One page of items that lack a mid class or a colour and were not yet enriched by this version
// (or every item when $force). Paged by id: $after (exclusive), $limit.
MATCH (i:Item)
WHERE i.id > $after
  AND ($force OR ((i.mid_class IS NULL OR i.color IS NULL)
                  AND coalesce(i.enrich_version, 0) < $version))
RETURN i.id AS id, i.name AS name, i.category AS category, i.category_path AS category_path,
       i.image_url AS image_url, i.mid_class AS mid_class, i.color AS color
ORDER BY i.id
LIMIT $limit
