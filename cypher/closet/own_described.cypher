// A piece the catalog does not have, described by category, mid class and colour: a new
// (:Item {owned_only: true}) in the cluster "mid_class|color", owned by the person.
// $item: {id, name, category, mid_class, color, image_url (null: none)}, $cluster: its key.
MATCH (p:Person {id: $person})
CREATE (i:Item {id: $item.id, name: $item.name, category: $item.category,
                mid_class: $item.mid_class, color: $item.color, image_url: $item.image_url,
                owned_only: true})
MERGE (c:Cluster {key: $cluster})
ON CREATE SET c.mid_class = $item.mid_class, c.color = $item.color
CREATE (i)-[:IN_CLUSTER]->(c)
CREATE (p)-[o:OWNS]->(i)
SET o.since = coalesce(date($since), date())
RETURN i.id AS item_id, toString(o.since) AS since
