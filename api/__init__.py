"""The REST API (FastAPI) over the outfit graph."""
