// Delete up to $limit SCORED edges of versions other than $keep (old or crashed half-writes);
// called repeatedly until it deletes nothing. $keep: active version, $limit: batch size
MATCH ()-[s:SCORED]->()
WHERE s.model <> $keep
WITH s LIMIT $limit
DELETE s
RETURN count(*) AS deleted
