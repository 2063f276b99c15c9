// Imputation state of the given outfits. $ids: [outfit id]
UNWIND $ids AS id
MATCH (o:Outfit {id: id})
RETURN o.id AS id, o.likes AS likes, o.views AS views, o.imputed AS imputed
ORDER BY id
