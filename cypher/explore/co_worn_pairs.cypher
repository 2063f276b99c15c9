// Pairs of items worn together in at least one real outfit; $limit bounds the list.
MATCH (a:Item)<-[:CONTAINS]-(:Outfit)-[:CONTAINS]->(b:Item)
WHERE a.id < b.id
RETURN DISTINCT a.id AS owned, b.id AS picked
LIMIT $limit
