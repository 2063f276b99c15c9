// Remove co-occurrence pairs not produced by the run $stamp (their outfits are gone).
MATCH ()-[p:PAIRS_WITH]->()
WHERE p.stamp IS NULL OR p.stamp <> $stamp
DELETE p
