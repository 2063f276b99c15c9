// Wait until every index is online (after schema changes). $seconds: timeout
CALL db.awaitIndexes($seconds)
