// Constraints of the closet (issue 6): a person's id is unique; applied with the graph schema.
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
// Serves a cluster's items most worn first with bounded work (cypher/closet/cluster_items.cypher).
CREATE INDEX item_cluster_popularity IF NOT EXISTS FOR (i:Item) ON (i.mid_class, i.color, i.popularity);
