// After item_labels: remove the SUITS edges it did not write in this run ($stamp)
// (auto-commit, in batches).
MATCH (:Item)-[s:SUITS]->()
WHERE s.stamp <> $stamp
CALL (s) {
  DELETE s
} IN TRANSACTIONS OF 10000 ROWS
