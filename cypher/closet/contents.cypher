// A person's closet in one round trip: the owned items with their cluster and since date, and
// the ids of the items they dismissed (never shown to them again). No row: no such person.
MATCH (p:Person {id: $person})
CALL (p) {
  OPTIONAL MATCH (p)-[o:OWNS]->(i:Item)
  OPTIONAL MATCH (i)-[:IN_CLUSTER]->(c:Cluster)
  WITH o, i, c ORDER BY o.since, i.id
  RETURN collect(CASE WHEN i IS NULL THEN NULL
                 ELSE {item: i {.*}, cluster: c.key, since: toString(o.since)} END) AS owned
}
CALL (p) {
  OPTIONAL MATCH (p)-[:DISMISSED]->(d:Item)
  RETURN collect(d.id) AS dismissed
}
RETURN p.id AS person, p.label AS label, owned, dismissed
