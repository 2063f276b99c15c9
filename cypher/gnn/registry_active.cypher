// The active version of a model (none when no model was ever activated). $name: model name
OPTIONAL MATCH (r:ModelRegistry {name: $name})
RETURN r.active AS active, r.previous AS previous, r.activated_at AS activated_at,
       r.metrics AS metrics, r.variant AS variant, r.platt_a AS platt_a, r.platt_b AS platt_b,
       r.fingerprint AS fingerprint, r.best AS best, r.lightgcn AS lightgcn
