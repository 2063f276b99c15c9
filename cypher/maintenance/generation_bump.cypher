// Record that the catalog changed: the co-occurrence, the cluster lists or the active model were
// rewritten. Answers the API keeps in memory (graph/recommend/catalog_cache.py) are valid for
// one stamp only; a new stamp retires all of them.
MERGE (g:Generation {name: $name})
SET g.stamp = $stamp
