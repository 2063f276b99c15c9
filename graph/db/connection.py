"""The Neo4j driver and helpers that run the named queries of `cypher/`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from typing import Any
from weakref import WeakKeyDictionary

from neo4j import (
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationMinimumSeverity,
    RoutingControl,
)
from neo4j.exceptions import AuthError, ServiceUnavailable

import cypher
from core.errors import DatabaseUnavailable
from core.settings import Settings
from graph.db.server import LocalServer

_DATABASES: WeakKeyDictionary[Driver, str] = WeakKeyDictionary()


def resolve_settings(settings: Settings) -> Settings:
    """Fill in the URI and password of the embedded server when none was given."""
    if settings.external and settings.neo4j_password:
        return settings
    server = LocalServer.from_env()
    return replace(
        settings,
        neo4j_uri=settings.neo4j_uri or server.bolt_uri,
        neo4j_password=settings.neo4j_password or server.read_password() or "",
    )


def connect(
    settings: Settings | None = None, verify: bool = True, retry_seconds: float = 10.0
) -> Driver:
    """A driver for the configured server (the embedded local one by default).

    `retry_seconds` bounds how long a failing transaction is retried (a server that is down
    is reported after about that long; the API uses a short bound to answer 503 quickly).
    """
    resolved = resolve_settings(settings or Settings())
    if not resolved.neo4j_uri:
        raise DatabaseUnavailable("no Neo4j URI: run `closet db start` or set NEO4J_URI")
    auth = (resolved.neo4j_user, resolved.neo4j_password) if resolved.neo4j_password else None
    driver = GraphDatabase.driver(
        resolved.neo4j_uri,
        auth=auth,
        connection_acquisition_timeout=10.0,
        connection_timeout=5.0,
        max_transaction_retry_time=retry_seconds,
        notifications_min_severity=NotificationMinimumSeverity.OFF,
    )
    _DATABASES[driver] = resolved.neo4j_database
    if verify:
        try:
            driver.verify_connectivity()
        except AuthError as exc:
            driver.close()
            raise DatabaseUnavailable(
                f"Neo4j at {resolved.neo4j_uri} refused the credentials: {exc.message}"
            ) from None
        except (ServiceUnavailable, OSError) as exc:
            driver.close()
            raise DatabaseUnavailable(
                f"Neo4j is not reachable at {resolved.neo4j_uri} ({exc}); "
                "start it with `closet db start` or check NEO4J_URI"
            ) from None
    return driver


def database(driver: Driver) -> str:
    """The database `driver` was connected for (NEO4J_DATABASE when it was made by `connect`)."""
    return _DATABASES.get(driver) or Settings().neo4j_database


def run(driver: Driver, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Run the named query of cypher/ with parameters; return its records as dicts."""
    records, _, _ = driver.execute_query(cypher.load(name), params, database_=database(driver))
    return [record.data() for record in records]


def read(driver: Driver, name: str, /, **params: Any) -> list[dict[str, Any]]:
    """Like `run`, but routed as a read (lets a cluster serve it from a follower)."""
    records, _, _ = driver.execute_query(
        cypher.load(name), params, database_=database(driver), routing_=RoutingControl.READ
    )
    return [record.data() for record in records]


def chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Split an iterable into lists of at most `size` elements."""
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def run_batches(
    driver: Driver, name: str, rows: Iterable[dict[str, Any]], batch_size: int = 1000, **params: Any
) -> int:
    """Run an `UNWIND $rows` query once per batch, each batch in its own transaction."""
    query = cypher.load(name)
    total = 0

    def write(tx: ManagedTransaction, batch: list[dict[str, Any]]) -> None:
        tx.run(query, rows=batch, **params).consume()

    with driver.session(database=database(driver)) as session:
        for batch in chunks(rows, batch_size):
            session.execute_write(write, batch)
            total += len(batch)
    return total


def run_statements(driver: Driver, name: str) -> None:
    """Run every statement of a multi-statement file (schema, maintenance), in order."""
    for statement in cypher.statements(name):
        driver.execute_query(statement, database_=database(driver))


def run_autocommit(driver: Driver, name: str, /, **params: Any) -> None:
    """Run a named query in an auto-commit transaction: the only kind in which a query may
    commit its own batches (`CALL { … } IN TRANSACTIONS`)."""
    with driver.session(database=database(driver)) as session:
        session.run(cypher.load(name), params).consume()
