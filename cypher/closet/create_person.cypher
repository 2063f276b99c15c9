// A new closet: a person with a random id and the sha256 of its secret token (never the token).
// $person: uuid4 hex, $token_sha256: hex digest, $label: optional name shown in the demo.
CREATE (p:Person {id: $person, token_sha256: $token_sha256, label: $label, created: datetime()})
RETURN p.id AS person
