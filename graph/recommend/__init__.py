"""How a recommendation is made — all of it, in this package.

- `rule`: the rule-based candidates (Cypher: item → cluster → PAIRS_WITH → clusters → items,
  with mid-class and colour back-off).
- `scores`: the trained model's scores, read from the SCORED edges written into the graph.
- `ranking`: the one choice of model (rule / lightgcn / hybrid) and the hybrid re-rank.
- `brands`: brand control (any brand, only the owned pieces' brands, or only other brands).
- `outfits`: the real outfits that combine two items.
- `pairs`: cluster co-occurrence counts as the closet maths reads them.
- `wearable`, `next_piece`, `capsule`, `complete`: reasoning over a whole closet.
- `explain`: the sentences that say why, drawn from the path that produced each answer.
"""
