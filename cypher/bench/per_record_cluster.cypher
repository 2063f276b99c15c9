// The naive importer: an item's cluster, one statement (bench/ingest_scale.py's baseline).
MATCH (i:Item {id: $id})
WITH i WHERE $cluster IS NOT NULL
MERGE (c:Cluster {key: $cluster})
MERGE (i)-[:IN_CLUSTER]->(c)
