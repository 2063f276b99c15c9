// Mean model score (active version $model) from the clusters $keys to each item of $ids.
UNWIND $ids AS id
MATCH (c:Cluster)-[s:SCORED]->(i:Item {id: id})
WHERE c.key IN $keys AND s.model = $model
RETURN id, avg(s.score) AS score
