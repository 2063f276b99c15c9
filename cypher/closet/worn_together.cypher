// Real outfits that contain each item of $ids together with items of $others:
// [{id, other, outfits}] (bounded by the outfits of each item of $ids).
UNWIND $ids AS id
MATCH (x:Item {id: id})<-[:CONTAINS]-(o:Outfit)-[:CONTAINS]->(y:Item)
WHERE y.id IN $others AND y.id <> id
RETURN id, y.id AS other, count(DISTINCT o) AS outfits
