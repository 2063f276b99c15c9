// The styles and seasons the outfits carry, each with its number of outfits, and the number of
// outfits: an item's affinity for a label is compared with that label's share of all outfits
// (graph.recommend.occasion). Degree and count-store reads only: constant time at any size.
CALL () {
  MATCH (o:Outfit)
  RETURN count(o) AS outfits
}
CALL () {
  OPTIONAL MATCH (s:Style)
  WITH s WHERE s IS NOT NULL
  RETURN collect({name: s.name, outfits: COUNT { (s)<-[:IN_STYLE]-(:Outfit) }}) AS styles
}
CALL () {
  OPTIONAL MATCH (s:Season)
  WITH s WHERE s IS NOT NULL
  RETURN collect({name: s.name, outfits: COUNT { (s)<-[:IN_SEASON]-(:Outfit) }}) AS seasons
}
RETURN outfits, styles, seasons
