// Bench only: give a person the items $ids (OWNS, today).
MATCH (p:Person {id: $person})
UNWIND $ids AS id
MATCH (i:Item {id: id})
MERGE (p)-[o:OWNS]->(i)
ON CREATE SET o.since = date()
