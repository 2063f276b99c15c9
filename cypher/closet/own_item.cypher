// Add a catalog item to a person's closet (idempotent: the first `since` is kept).
// No row: the person or the item does not exist (or the item is another person's own piece).
MATCH (p:Person {id: $person})
MATCH (i:Item {id: $item_id})
WHERE coalesce(i.owned_only, false) = false OR EXISTS { (p)-[:OWNS]->(i) }
MERGE (p)-[o:OWNS]->(i)
ON CREATE SET o.since = coalesce(date($since), date())
RETURN i.id AS item_id, toString(o.since) AS since
