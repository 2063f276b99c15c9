// Per-cluster counts used for ranking and stats: items in it, outfits wearing it, and
// orphan clusters (no items left) removed.
MATCH (c:Cluster)
OPTIONAL MATCH (c)<-[:IN_CLUSTER]-(i:Item)
WITH c, count(i) AS items
CALL (c, items) {
  WITH c, items WHERE items = 0
  DETACH DELETE c
}
CALL (c, items) {
  WITH c, items WHERE items > 0
  SET c.items = items,
      c.outfits = COUNT {
        MATCH (c)<-[:IN_CLUSTER]-(:Item)<-[:CONTAINS]-(o:Outfit)
        RETURN DISTINCT o
      }
}
