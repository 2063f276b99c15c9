// One learned-ranker version with everything it serves with. $version
MATCH (m:RankerModel {version: $version})
RETURN m {.*} AS model
