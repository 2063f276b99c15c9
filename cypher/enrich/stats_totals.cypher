// Totals for the stats: items, items in a cluster, items in a cluster that pairs with another,
// outfits, and outfit-cluster incidences (distinct outfit, cluster pairs).
CALL () { MATCH (i:Item) RETURN count(i) AS items }
CALL () { MATCH (i:Item)-[:IN_CLUSTER]->(:Cluster) RETURN count(DISTINCT i) AS clustered }
CALL () {
  MATCH (i:Item)-[:IN_CLUSTER]->(c:Cluster)
  WHERE EXISTS { (c)-[:PAIRS_WITH]-(:Cluster) }
  RETURN count(DISTINCT i) AS paired
}
CALL () { MATCH (o:Outfit) RETURN count(o) AS outfits }
CALL () { MATCH (c:Cluster) RETURN count(c) AS clusters }
CALL () {
  MATCH (o:Outfit)-[:CONTAINS]->(:Item)-[:IN_CLUSTER]->(c:Cluster)
  RETURN count(DISTINCT [o.id, c.key]) AS incidences
}
RETURN items, clustered, paired, outfits, clusters, incidences
