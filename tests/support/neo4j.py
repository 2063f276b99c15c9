"""Helpers for tests that talk to the real Neo4j test server."""

from __future__ import annotations

from neo4j import Driver

import cypher


def wipe(drv: Driver) -> None:
    """Delete every node and relationship (in batches), keeping the schema."""
    drv.execute_query(cypher.load("maintenance/wipe"))
