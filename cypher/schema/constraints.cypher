// Uniqueness constraints and indexes of the outfit graph; applied on every start (idempotent).
CREATE CONSTRAINT outfit_id IF NOT EXISTS FOR (o:Outfit) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT item_id IF NOT EXISTS FOR (i:Item) REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT cluster_key IF NOT EXISTS FOR (c:Cluster) REQUIRE c.key IS UNIQUE;
CREATE CONSTRAINT brand_name IF NOT EXISTS FOR (b:Brand) REQUIRE b.name IS UNIQUE;
CREATE CONSTRAINT tag_name IF NOT EXISTS FOR (t:Tag) REQUIRE t.name IS UNIQUE;
CREATE CONSTRAINT generation_name IF NOT EXISTS FOR (g:Generation) REQUIRE g.name IS UNIQUE;
CREATE CONSTRAINT style_name IF NOT EXISTS FOR (s:Style) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT season_name IF NOT EXISTS FOR (s:Season) REQUIRE s.name IS UNIQUE;
CREATE INDEX item_category IF NOT EXISTS FOR (i:Item) ON (i.category);
CREATE INDEX item_mid_class IF NOT EXISTS FOR (i:Item) ON (i.mid_class);
CREATE INDEX item_color IF NOT EXISTS FOR (i:Item) ON (i.color);
CREATE INDEX cluster_mid_class IF NOT EXISTS FOR (c:Cluster) ON (c.mid_class);
CREATE INDEX cluster_color IF NOT EXISTS FOR (c:Cluster) ON (c.color);
CREATE FULLTEXT INDEX item_text IF NOT EXISTS FOR (i:Item) ON EACH [i.name, i.brand, i.mid_class, i.color]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX tag_text IF NOT EXISTS FOR (t:Tag) ON EACH [t.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
