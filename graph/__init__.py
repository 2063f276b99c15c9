"""Neo4j: provisioning of a local server, connection, schema and batched loaders."""
