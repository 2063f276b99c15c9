// A person's feedback, newest first: [{kind, at, item}].
MATCH (p:Person {id: $person})
OPTIONAL MATCH (p)-[r:LIKED|DISMISSED|PICKED]->(i:Item)
WITH r, i ORDER BY r.at DESC
RETURN collect(CASE WHEN r IS NULL THEN NULL
               ELSE {kind: type(r), at: toString(r.at), item: i {.*}} END) AS feedback
