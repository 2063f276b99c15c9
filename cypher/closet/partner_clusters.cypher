// The clusters that co-occur (in at least $min_support real outfits) with the clusters $keys:
// one row per source in $keys with its partners as [key, outfits] pairs (one row
// per source, not per pair: fewer Bolt records to stream). The cluster-level step of /next,
// capsule and complete-the-look; work is bounded by the PAIRS_WITH degree of $keys, not by the
// number of items. $mids (null = any) keeps only partners of those mid classes (the outfit
// categories for /next), which halves what is streamed back.
UNWIND $keys AS key
MATCH (a:Cluster {key: key})-[p:PAIRS_WITH]-(b:Cluster)
WHERE p.outfits >= $min_support AND ($mids IS NULL OR b.mid_class IN $mids)
RETURN a.key AS source, collect([b.key, p.outfits]) AS partners
