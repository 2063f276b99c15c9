"""The co-occurrence refresh: PAIRS_WITH between clusters worn in the same real outfits, the
per-cluster counts, and clusters left without items removed (all in Cypher, idempotent)."""

from __future__ import annotations

import time

from neo4j import Driver

import cypher
from graph.db.connection import database
from graph.ingest.writer import graph_counts


def refresh_cooccurrence(driver: Driver) -> dict[str, int]:
    """Recompute PAIRS_WITH and the per-cluster counts; drop clusters left without items."""
    stamp = time.time_ns()
    db = database(driver)
    _, summary, _ = driver.execute_query(
        cypher.load("maintenance/cooccurrence"), stamp=stamp, database_=db
    )
    driver.execute_query(cypher.load("maintenance/cooccurrence_prune"), stamp=stamp, database_=db)
    driver.execute_query(cypher.load("maintenance/cluster_stats"), database_=db)
    return {
        "pairs": graph_counts(driver)["PAIRS_WITH"],
        "pairs_created": summary.counters.relationships_created,
    }
