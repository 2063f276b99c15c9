// The catalog's current generation stamp (null before the first co-occurrence refresh).
OPTIONAL MATCH (g:Generation {name: 'catalog'})
RETURN g.stamp AS stamp
