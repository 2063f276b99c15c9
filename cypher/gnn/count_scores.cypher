// SCORED edges per model version.
MATCH ()-[s:SCORED]->()
RETURN s.model AS model, count(*) AS edges
ORDER BY model
