// The naive importer's first statement per outfit (bench/ingest_scale.py's baseline).
MERGE (o:Outfit {id: $id}) SET o.style = $style
