// Remove an item from a person's closet; a described (owned_only) piece is deleted with it.
// Returns removed = false when the person did not own it.
MATCH (p:Person {id: $person})
OPTIONAL MATCH (p)-[o:OWNS]->(i:Item {id: $item_id})
WITH o, i, o IS NOT NULL AS removed, coalesce(i.owned_only, false) AS owned_only
DELETE o
WITH i, removed, owned_only
CALL (i, owned_only) {
  WITH i WHERE owned_only
  DETACH DELETE i
}
RETURN removed
