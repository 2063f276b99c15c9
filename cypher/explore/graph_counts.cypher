// How big the graph is: nodes per label and relationships per type (count store, instant).
RETURN
  COUNT { (:Outfit) } AS Outfit,
  COUNT { (:Item) } AS Item,
  COUNT { (:Cluster) } AS Cluster,
  COUNT { (:Brand) } AS Brand,
  COUNT { (:Tag) } AS Tag,
  COUNT { ()-[:CONTAINS]->() } AS CONTAINS,
  COUNT { ()-[:IN_CLUSTER]->() } AS IN_CLUSTER,
  COUNT { ()-[:MADE_BY]->() } AS MADE_BY,
  COUNT { ()-[:TAGGED]->() } AS TAGGED,
  COUNT { ()-[:PAIRS_WITH]->() } AS PAIRS_WITH
