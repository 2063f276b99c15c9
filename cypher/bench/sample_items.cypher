// Bench only: catalog items worn in at least one outfit, with their category ($limit bounds it).
MATCH (i:Item)<-[:CONTAINS]-(:Outfit)
WHERE coalesce(i.owned_only, false) = false
WITH DISTINCT i LIMIT $limit
RETURN i.id AS id, i.category AS category
