// The ids of the real outfits that contain each item of $ids (to tell which wearable outfits
// real outfits contain whole).
UNWIND $ids AS id
MATCH (:Item {id: id})<-[:CONTAINS]-(o:Outfit)
RETURN id, collect(o.id) AS outfits
