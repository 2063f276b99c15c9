// Popularity of the given items = the number of outfits that contain them. $ids: [item id]
UNWIND $ids AS id
MATCH (i:Item {id: id})
SET i.popularity = COUNT { (i)<-[:CONTAINS]-(:Outfit) }
