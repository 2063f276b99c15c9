// Serve the previous version again, in one transaction: LightGCN's active and previous swap
// with their calibration, fingerprint and metrics; the ranker swaps too when its active version
// was trained with the LightGCN version being rolled back. Nothing when there is no previous.
// $name: 'lightgcn'
MATCH (r:ModelRegistry {name: $name})
WHERE r.previous IS NOT NULL
WITH r, r.active AS rolled_back, r.platt_a AS a, r.platt_b AS b, r.fingerprint AS f,
     r.metrics AS m
SET r.active = r.previous, r.previous = rolled_back, r.activated_at = datetime(),
    r.platt_a = r.previous_platt_a, r.platt_b = r.previous_platt_b,
    r.fingerprint = r.previous_fingerprint, r.metrics = r.previous_metrics,
    r.previous_platt_a = a, r.previous_platt_b = b, r.previous_fingerprint = f,
    r.previous_metrics = m
WITH r, rolled_back
OPTIONAL MATCH (k:ModelRegistry {name: 'ranker'})
WHERE k.lightgcn = rolled_back AND k.previous IS NOT NULL
WITH r, k, k.active AS ka, k.best AS kb, k.lightgcn AS kl, k.metrics AS km
FOREACH (_ IN CASE WHEN k IS NULL THEN [] ELSE [1] END |
  SET k.active = k.previous, k.previous = ka, k.best = k.previous_best, k.previous_best = kb,
      k.lightgcn = k.previous_lightgcn, k.previous_lightgcn = kl,
      k.metrics = k.previous_metrics, k.previous_metrics = km, k.activated_at = datetime()
)
RETURN r.active AS active, r.previous AS previous, k IS NOT NULL AS ranker
