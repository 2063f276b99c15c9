// Write one batch of (:Cluster)-[:SCORED {score, rank, model}]->(:Item) for a model version that
// is not active yet (serving reads only the active version, so a half-written one is invisible).
// $model: version string, $rows: [{cluster, item, score, rank}]
UNWIND $rows AS row
MATCH (c:Cluster {key: row.cluster})
MATCH (i:Item {id: row.item})
MERGE (c)-[s:SCORED {model: $model}]->(i)
SET s.score = row.score, s.rank = row.rank
