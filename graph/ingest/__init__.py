"""How data gets in: records normalised into graph rows, the batched idempotent writer and the
importer, the enrichment pass over the graph, and the co-occurrence refresh."""
