// For the items $ids: who wears them (worn_by: men, women, unisex; null when no outfit does),
// in how many outfits, and how many of those carry the style $style and the season $season
// (0 when not asked: null names no label). The SUITS counts are the co-occurrence refresh's.
UNWIND $ids AS item_id
MATCH (i:Item {id: item_id})
OPTIONAL MATCH (i)-[st:SUITS]->(:Style {name: $style})
OPTIONAL MATCH (i)-[se:SUITS]->(:Season {name: $season})
RETURN i.id AS id,
       i.worn_by AS worn_by,
       COUNT { (i)<-[:CONTAINS]-(:Outfit) } AS worn,
       coalesce(st.outfits, 0) AS style_outfits,
       coalesce(se.outfits, 0) AS season_outfits
