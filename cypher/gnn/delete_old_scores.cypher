// Delete up to $limit SCORED edges of versions not in $keep (older or crashed half-writes);
// called repeatedly until it deletes nothing. $keep: the active and the previous version (kept
// whole, so a rollback serves complete scores), $limit: batch size
MATCH ()-[s:SCORED]->()
WHERE NOT s.model IN $keep
WITH s LIMIT $limit
DELETE s
RETURN count(*) AS deleted
