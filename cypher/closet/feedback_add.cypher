// Store a like, dismissal or pick as (:Person)-[:LIKED|DISMISSED|PICKED {at}]->(:Item).
// A like or a pick withdraws an earlier dismissal; a dismissal withdraws an earlier like.
// $kind: 'like' | 'dismiss' | 'pick'. No row: the person or the item does not exist.
MATCH (p:Person {id: $person})
MATCH (i:Item {id: $item_id})
CALL (p, i) {
  WITH p, i WHERE $kind = 'like'
  MERGE (p)-[r:LIKED]->(i) SET r.at = datetime()
  WITH p, i
  OPTIONAL MATCH (p)-[d:DISMISSED]->(i)
  DELETE d
}
CALL (p, i) {
  WITH p, i WHERE $kind = 'pick'
  MERGE (p)-[r:PICKED]->(i) SET r.at = datetime()
  WITH p, i
  OPTIONAL MATCH (p)-[d:DISMISSED]->(i)
  DELETE d
}
CALL (p, i) {
  WITH p, i WHERE $kind = 'dismiss'
  MERGE (p)-[r:DISMISSED]->(i) SET r.at = datetime()
  WITH p, i
  OPTIONAL MATCH (p)-[l:LIKED]->(i)
  DELETE l
}
RETURN i.id AS item_id
