// Bench only (bench/closet_next.py, throwaway server): create the synthetic clusters.
// $rows: [{key, mid_class, color}]
UNWIND $rows AS row
CREATE (:Cluster {key: row.key, mid_class: row.mid_class, color: row.color})
