// Withdraw one kind of feedback on an item ($kind: 'like' | 'dismiss' | 'pick').
MATCH (p:Person {id: $person})-[r:LIKED|DISMISSED|PICKED]->(i:Item {id: $item_id})
WHERE type(r) = CASE $kind WHEN 'like' THEN 'LIKED' WHEN 'dismiss' THEN 'DISMISSED'
                           ELSE 'PICKED' END
DELETE r
RETURN count(*) AS removed
