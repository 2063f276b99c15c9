// Neo4j Browser: the items worn most in outfits of one style (:param style => 'street'; also
// casual, minimal, sporty), with who wears them and their share of outfits of that style.
// The same for a season: replace Style with Season and $style with a season (spring, summer,
// autumn, winter).
MATCH (i:Item)-[s:SUITS]->(:Style {name: $style})
RETURN i.name AS item, i.brand AS brand, i.worn_by AS worn_by, s.outfits AS outfits,
       round(s.share, 2) AS share
ORDER BY s.outfits DESC, s.share DESC, item
LIMIT 25
