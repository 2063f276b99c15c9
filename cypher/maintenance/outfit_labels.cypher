// Each outfit's style and season as nodes, (:Outfit)-[:IN_STYLE]->(:Style {name}) and
// (:Outfit)-[:IN_SEASON]->(:Season {name}), from its `style` and `season` properties (the
// graph's terms: casual, street, …; spring, summer, …). An edge to a label the outfit no longer
// has is removed. Idempotent; run by the co-occurrence refresh in batches of outfits
// (auto-commit transaction).
MATCH (o:Outfit)
CALL (o) {
  CALL (o) {
    MATCH (o)-[r:IN_STYLE]->(s:Style)
    WHERE s.name <> coalesce(o.style, '')
    DELETE r
  }
  CALL (o) {
    MATCH (o)-[r:IN_SEASON]->(s:Season)
    WHERE s.name <> coalesce(o.season, '')
    DELETE r
  }
  CALL (o) {
    WITH o WHERE o.style IS NOT NULL
    MERGE (s:Style {name: o.style})
    MERGE (o)-[:IN_STYLE]->(s)
  }
  CALL (o) {
    WITH o WHERE o.season IS NOT NULL
    MERGE (s:Season {name: o.season})
    MERGE (o)-[:IN_SEASON]->(s)
  }
} IN TRANSACTIONS OF 5000 ROWS
