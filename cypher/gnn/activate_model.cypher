// Switch serving to a fully written version in one transaction (the atomic flip).
// $name: model name, $model: version, $metrics: JSON text, $variant: training graph variant,
// $platt_a, $platt_b: the version's calibration (probability = sigmoid(a * score + b)), switched
// together with it
MERGE (r:ModelRegistry {name: $name})
SET r.previous = r.active, r.active = $model, r.activated_at = datetime(),
    r.metrics = $metrics, r.variant = $variant, r.platt_a = $platt_a, r.platt_b = $platt_b
RETURN r.active AS active, r.previous AS previous
