// Store a learned-ranker version, not yet served (activate_model.cypher switches to it).
// $version; $booster: LightGBM model text; $tables, $embeddings: compressed NumPy archives
// (pair tables, LightGCN item vectors; embeddings may be null); $features: column names;
// $platt_a, $platt_b: calibration of its log-odds; $selection: JSON of each model's FITB@10 on the selection outfits; $best: the model selected
MERGE (m:RankerModel {version: $version})
SET m.booster = $booster, m.tables = $tables, m.embeddings = $embeddings,
    m.features = $features, m.platt_a = $platt_a, m.platt_b = $platt_b, m.selection = $selection, m.best = $best, m.created_at = datetime()
RETURN m.version AS version
