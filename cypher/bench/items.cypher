// Bench only (bench/closet_next.py, throwaway server): create synthetic catalog items in their
// clusters in one batch. $rows: [{id, name, category, mid_class, color, price, popularity,
// cluster}]
UNWIND $rows AS row
MATCH (c:Cluster {key: row.cluster})
CREATE (i:Item {id: row.id, name: row.name, category: row.category, mid_class: row.mid_class,
                color: row.color, price: row.price, popularity: row.popularity})
CREATE (i)-[:IN_CLUSTER]->(c)
