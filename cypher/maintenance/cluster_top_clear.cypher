// Drop every cluster's precomputed candidate list (before cluster_top rebuilds it), in batches
// (auto-commit transaction).
MATCH (:Cluster)-[t:TOP]->(:Item)
CALL (t) {
  DELETE t
} IN TRANSACTIONS OF 10000 ROWS
