// Item counts grouped by one property ($field: category, mid_class or color).
MATCH (i:Item)
RETURN i[$field] AS value, count(*) AS items
ORDER BY items DESC, value
