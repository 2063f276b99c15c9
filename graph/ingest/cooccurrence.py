"""The co-occurrence refresh: PAIRS_WITH between clusters worn in the same real outfits, the
per-cluster counts, clusters left without items removed, each cluster's precomputed candidate
list (TOP, what the rule reads at scale), and what the outfits say about their items (style and
season nodes, each item's SUITS affinities and `worn_by` gender); all in Cypher, idempotent.
It ends by stamping a new catalog generation, which retires the answers the API keeps in memory
(graph/recommend/catalog_cache.py)."""

from __future__ import annotations

import time

from neo4j import Driver

import cypher
from graph.db.connection import database, run_autocommit
from graph.ingest.writer import graph_counts

TOP_K = 300  # candidates kept per cluster and category: per_category (≤ 100) + exclusions


def refresh_cooccurrence(driver: Driver) -> dict[str, int]:
    """Recompute PAIRS_WITH, the per-cluster counts and candidate lists, the outfits' styles and
    seasons and the items' affinities for them; drop clusters left without items; stamp a new
    catalog generation."""
    stamp = time.time_ns()
    db = database(driver)
    _, summary, _ = driver.execute_query(
        cypher.load("maintenance/cooccurrence"), stamp=stamp, database_=db
    )
    driver.execute_query(cypher.load("maintenance/cooccurrence_prune"), stamp=stamp, database_=db)
    driver.execute_query(cypher.load("maintenance/cluster_stats"), database_=db)
    run_autocommit(driver, "maintenance/cluster_top", k=TOP_K)
    run_autocommit(driver, "maintenance/outfit_labels")
    run_autocommit(driver, "maintenance/item_labels", stamp=stamp)
    run_autocommit(driver, "maintenance/item_labels_prune", stamp=stamp)
    driver.execute_query(cypher.load("maintenance/item_labels_unworn"), database_=db)
    driver.execute_query(
        cypher.load("maintenance/generation_bump"), name="catalog", stamp=stamp, database_=db
    )
    return {
        "pairs": graph_counts(driver)["PAIRS_WITH"],
        "pairs_created": summary.counters.relationships_created,
    }
