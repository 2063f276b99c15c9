// Several items by id, in no particular order (missing ids are absent). $ids
MATCH (i:Item)
WHERE i.id IN $ids
RETURN i {.*} AS item
