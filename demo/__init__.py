"""The Gradio demo: calls the closet API over HTTP, never Neo4j."""
