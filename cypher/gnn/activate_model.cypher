// Switch serving to a fully written version in one transaction (the atomic flip). The version
// it replaces stays complete as `previous` (scores, calibration, fingerprint) for a rollback.
// $name: model name, $model: version, $metrics: JSON text, $variant: training graph variant,
// $platt_a, $platt_b: the version's calibration (probability = sigmoid(a * score + b)), switched
// together with it; $fingerprint: the trained graph's fingerprint (`closet train` skips an
// unchanged graph); $ranker: a stored RankerModel version trained with these scores (or null),
// switched in the same transaction, with $best, the model its selection measured best
MERGE (r:ModelRegistry {name: $name})
SET r.previous_platt_a = r.platt_a, r.previous_platt_b = r.platt_b,
    r.previous_fingerprint = r.fingerprint, r.previous_metrics = r.metrics,
    r.previous = r.active, r.active = $model, r.activated_at = datetime(),
    r.metrics = $metrics, r.variant = $variant, r.platt_a = $platt_a, r.platt_b = $platt_b,
    r.fingerprint = $fingerprint
WITH r
OPTIONAL MATCH (m:RankerModel {version: $ranker})
FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END |
  MERGE (k:ModelRegistry {name: 'ranker'})
  SET k.previous_best = k.best, k.previous_lightgcn = k.lightgcn,
      k.previous_metrics = k.metrics,
      k.previous = k.active, k.active = m.version, k.activated_at = datetime(),
      k.best = $best, k.lightgcn = $model, k.metrics = m.selection
)
RETURN r.active AS active, r.previous AS previous
