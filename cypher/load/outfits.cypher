// Upsert outfits with their items (by position) and tags; the items must exist (written first,
// in the same transaction). $rows: [{id, props, items: [{id, position}], tags: [name]}]
// An outfit is replaced whole: items or tags no longer listed are unlinked.
UNWIND $rows AS row
MERGE (o:Outfit {id: row.id})
SET o += row.props
WITH o, row
CALL (o, row) {
  OPTIONAL MATCH (o)-[old:CONTAINS]->(i:Item)
  WHERE NOT i.id IN [it IN row.items | it.id]
  DELETE old
}
CALL (o, row) {
  OPTIONAL MATCH (o)-[old:TAGGED]->(t:Tag)
  WHERE NOT t.name IN row.tags
  DELETE old
}
CALL (o, row) {
  UNWIND row.items AS it
  MATCH (i:Item {id: it.id})
  MERGE (o)-[r:CONTAINS]->(i)
  SET r.position = it.position
}
CALL (o, row) {
  UNWIND row.tags AS tag
  MERGE (t:Tag {name: tag})
  MERGE (o)-[:TAGGED]->(t)
}
