// Schema for model scores: one registry node per model name, an index on SCORED.model so
// serving (filter on the active version) and cleanup (delete other versions) stay fast, and one
// RankerModel node per learned-ranker version.
CREATE CONSTRAINT model_registry_name IF NOT EXISTS
FOR (r:ModelRegistry) REQUIRE r.name IS UNIQUE;
CREATE INDEX scored_model IF NOT EXISTS
FOR ()-[s:SCORED]-() ON (s.model);
CREATE CONSTRAINT ranker_model_version IF NOT EXISTS
FOR (m:RankerModel) REQUIRE m.version IS UNIQUE;
