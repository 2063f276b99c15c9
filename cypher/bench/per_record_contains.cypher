// The naive importer: one outfit–item link per statement (bench/ingest_scale.py's baseline).
MATCH (o:Outfit {id: $outfit}), (i:Item {id: $item})
MERGE (o)-[r:CONTAINS]->(i) SET r.position = $pos
