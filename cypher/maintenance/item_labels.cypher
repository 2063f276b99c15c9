// What the outfits that wear an item say about it: its affinity for each style and season,
// (:Item)-[:SUITS {outfits, share}]->(:Style|:Season) with share = its outfits of that label /
// all its outfits, and `worn_by`: the gender of its outfits ('men' or 'women'), 'unisex' when
// they are mixed. $stamp marks this run (SUITS edges of earlier runs are removed after, by
// item_labels_prune). Run by the co-occurrence refresh in batches of items (auto-commit).
MATCH (i:Item)
WHERE EXISTS { (i)<-[:CONTAINS]-(:Outfit) }
CALL (i) {
  MATCH (i)<-[:CONTAINS]-(o:Outfit)
  WITH i, collect(o) AS outfits, collect(DISTINCT o.gender) AS genders
  SET i.worn_by = CASE size(genders) WHEN 0 THEN null WHEN 1 THEN genders[0] ELSE 'unisex' END
  WITH i, outfits
  UNWIND outfits AS o
  MATCH (o)-[:IN_STYLE|IN_SEASON]->(label)
  WITH i, size(outfits) AS total, label, count(*) AS n
  MERGE (i)-[s:SUITS]->(label)
  SET s.outfits = n, s.share = toFloat(n) / total, s.stamp = $stamp
} IN TRANSACTIONS OF 2000 ROWS
