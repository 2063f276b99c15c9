// Popularity of every item = the number of outfits that contain it, in batches of its own
// transactions (after a bulk import; run in an auto-commit transaction).
MATCH (i:Item)
CALL (i) {
  SET i.popularity = COUNT { (i)<-[:CONTAINS]-(:Outfit) }
} IN TRANSACTIONS OF 10000 ROWS
