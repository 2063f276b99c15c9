// The ids of the real outfits that contain each item of $ids (to tell which wearable outfits
// real outfits contain whole); only outfits of the style $style, the season $season and the
// gender $gender (each null = any).
UNWIND $ids AS id
MATCH (:Item {id: id})<-[:CONTAINS]-(o:Outfit)
WHERE ($style IS NULL OR EXISTS { (o)-[:IN_STYLE]->(:Style {name: $style}) })
  AND ($season IS NULL OR EXISTS { (o)-[:IN_SEASON]->(:Season {name: $season}) })
  AND ($gender IS NULL OR o.gender = $gender)
RETURN id, collect(o.id) AS outfits
