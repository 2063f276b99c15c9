"""How a recommendation is made — all of it, in this package.

- `rule`: the rule-based candidates (Cypher: item → cluster → PAIRS_WITH → clusters → items,
  with mid-class and colour back-off).
- `scores`: the trained model's scores, read from the SCORED edges written into the graph.
- `ranking`: the one choice of model (rule / lightgcn / hybrid / ranker, the default measured
  by `closet train`) and the hybrid re-rank.
- `features`: the learned ranker's signals, counted from the training outfits (pure NumPy).
- `learned`: the learned ranker as stored and served (LightGBM + tables + LightGCN vectors).
- `learned_ranking`: candidates from the graph, ordered by the active ranker.
- `brands`: brand control (any brand, only the owned pieces' brands, or only other brands).
- `outfits`: the real outfits that combine two items.
- `pairs`: cluster co-occurrence counts as the closet maths reads them.
- `wearable`, `next_piece`, `capsule`, `complete`, `today`: reasoning over a whole closet.
- `occasion`: style, season and gender — the other gender's pieces left out, the others
  boosted by their style and season lift.
- `explain`, `wording`: the sentences that say why, drawn from the path that produced each
  answer, in English or Korean.
- `catalog_cache`: answers that depend only on the catalog, kept in the process until the next
  co-occurrence refresh stamps a new generation.
"""
