// The naive importer: an item's brand, one statement (bench/ingest_scale.py's baseline).
MATCH (i:Item {id: $id})
WITH i WHERE $brand IS NOT NULL
MERGE (b:Brand {name: $brand})
MERGE (i)-[:MADE_BY]->(b)
