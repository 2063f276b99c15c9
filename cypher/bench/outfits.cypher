// Bench only (bench/closet_next.py, throwaway server): create synthetic outfits wearing
// existing items. $rows: [{id, style, items: [item id]}]
UNWIND $rows AS row
CREATE (o:Outfit {id: row.id, style: row.style})
WITH o, row
UNWIND range(0, size(row.items) - 1) AS n
MATCH (i:Item {id: row.items[n]})
CREATE (o)-[:CONTAINS {position: n + 1}]->(i)
