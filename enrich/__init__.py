"""Item enrichment: taxonomy (big and mid class), colour family (from names and images), clusters.

`enrich.taxonomy` maps raw categories and product names to classes, `enrich.colors` maps colour
words and pixels to about 15 colour families, `enrich.image` finds the dominant garment colour of
a product photo (rembg or a model-free fallback mask, then colorgram), `enrich.describe` combines
them for one product. The package is pure (no database): its pass over the graph is
`graph.ingest.enrichment`.
"""
