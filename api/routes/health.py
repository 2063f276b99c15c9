"""Health: is the API up, and does Neo4j answer?"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import DriverDep
from api.schemas.items import CacheStats, Health
from graph.db.connection import read
from graph.recommend.catalog_cache import CACHES

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health(driver: DriverDep) -> Health:
    """200 when Neo4j answers a query (with the number of items and the state of the caches
    of catalog answers), 503 otherwise."""
    counts = read(driver, "explore/graph_counts")[0]
    caches = [
        CacheStats(name=c.name, entries=len(c), hits=c.hits, misses=c.misses)
        for c in sorted(CACHES, key=lambda c: c.name)
    ]
    return Health(status="ok", neo4j="ok", items=int(counts["Item"]), caches=caches)
