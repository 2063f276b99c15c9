// Which of the given item ids exist. $ids: [item id]
UNWIND $ids AS id
OPTIONAL MATCH (i:Item {id: id})
RETURN collect(i.id) AS ids
