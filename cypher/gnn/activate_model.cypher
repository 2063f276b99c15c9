// Switch serving to a fully written version in one transaction (the atomic flip).
// $name: model name, $model: version, $metrics: JSON text, $variant: training graph variant
MERGE (r:ModelRegistry {name: $name})
SET r.previous = r.active, r.active = $model, r.activated_at = datetime(),
    r.metrics = $metrics, r.variant = $variant
RETURN r.active AS active, r.previous AS previous
