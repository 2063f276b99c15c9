"""Health: is the API up, and does Neo4j answer?"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DriverDep
from api.schemas.items import Health
from graph.db.connection import read

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(driver: DriverDep) -> Health:
    """200 when Neo4j answers a query (with the number of items), 503 otherwise."""
    counts = read(driver, "explore/graph_counts")[0]
    return Health(status="ok", neo4j="ok", items=int(counts["Item"]))
