"""The graph's constraints and indexes (cypher/schema/constraints.cypher), applied idempotently."""

from __future__ import annotations

from neo4j import Driver

import cypher
from graph.db.connection import database, run_statements


def apply_schema(driver: Driver) -> None:
    """Create every constraint and index that is missing, then wait until they are online."""
    run_statements(driver, "schema/constraints")
    run_statements(driver, "schema/closet")
    driver.execute_query(
        cypher.load("schema/await_indexes"), seconds=300, database_=database(driver)
    )
