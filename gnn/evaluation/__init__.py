"""Offline evaluation of the closet models: protocol (split and questions), answering with every
model on a throwaway Neo4j, and the scorer."""
