"""Shared fixtures: one throwaway Neo4j server per test session, started through the same code
as `closet db start` (own state dir, free ports), a throwaway Redis for the shared crawl, and the
real data when ../shared is present."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from neo4j import Driver

from core.settings import Settings, shared_data_dir
from graph.db.connection import connect
from graph.db.schema import apply_schema
from graph.db.server import LocalServer, free_port
from scraper.distributed.server import LocalRedis
from tests.support.neo4j import wipe


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data folder, or skip the test with the reason."""
    path = shared_data_dir()
    if not (path / "musinsa-snap-2025" / "men.json").is_file():
        pytest.skip(f"real data not found at {path} (clone with ../shared beside the repo)")
    return path


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A real Neo4j server for this test session, stopped at the end."""
    state = tmp_path_factory.mktemp("neo4j-state")
    server = LocalServer(
        state, free_port(), free_port(), heap="768m", pagecache="256m", ephemeral=True
    )
    server.start(timeout=240)
    os.environ["NEO4J_URI"] = server.bolt_uri
    os.environ["NEO4J_PASSWORD"] = server.read_password() or ""
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalRedis]:
    """A throwaway Redis (Debian's redis-server) on a free loopback port, for this session."""
    with LocalRedis(tmp_path_factory.mktemp("redis-state"), free_port()) as server:
        yield server


@pytest.fixture
def redis_url(redis_server: LocalRedis) -> str:
    """The test Redis, emptied."""
    server = redis.Redis.from_url(redis_server.url)
    server.flushall()
    server.close()
    return redis_server.url


@pytest.fixture(scope="session")
def neo4j_settings(neo4j_server: LocalServer) -> Settings:
    """Settings pointing at the test server."""
    return Settings(
        neo4j_uri=neo4j_server.bolt_uri,
        neo4j_user="neo4j",
        neo4j_password=neo4j_server.read_password() or "",
    )


@pytest.fixture(scope="session")
def driver(neo4j_settings: Settings) -> Iterator[Driver]:
    """A driver to the test server."""
    drv = connect(neo4j_settings)
    apply_schema(drv)
    try:
        yield drv
    finally:
        drv.close()


@pytest.fixture
def clean_graph(driver: Driver) -> Driver:
    """An empty graph with the schema applied."""
    wipe(driver)
    apply_schema(driver)
    return driver
