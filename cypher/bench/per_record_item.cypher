// The naive importer: one item per statement (bench/ingest_scale.py's baseline).
MERGE (i:Item {id: $id}) SET i.name = $name, i.price = $price
