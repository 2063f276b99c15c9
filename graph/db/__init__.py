"""Storage beneath the recommender: the Neo4j driver and named-query runner, the schema, and
provisioning of the local server (`pom.xml`)."""
