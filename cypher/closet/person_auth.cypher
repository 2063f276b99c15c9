// The stored token hash of a person (for the constant-time comparison in graph/closet.py).
MATCH (p:Person {id: $person})
RETURN p.token_sha256 AS token_sha256
