"""The Neo4j driver of the running app (created once in the lifespan) and error mapping."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from neo4j import Driver
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from core.errors import DatabaseUnavailable
from core.settings import Settings
from graph.db.connection import connect
from graph.recommend import ItemNotFound

RETRY_SECONDS = 1.0  # a request retries a failing transaction this long, then answers 503
UNAVAILABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable, AuthError, OSError)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Create the driver once (without failing if Neo4j is down: requests then get 503)."""
    settings: Settings = app.state.settings
    app.state.driver = connect(settings, verify=False, retry_seconds=RETRY_SECONDS)
    try:
        yield
    finally:
        app.state.driver.close()


def get_driver(request: Request) -> Driver:
    """The app's driver (FastAPI dependency)."""
    return request.app.state.driver


def install_error_handlers(app: FastAPI) -> None:
    """Neo4j down → 503 with a clear body; unknown item → 404."""

    async def unavailable(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(
            status_code=503,
            content={"detail": f"the graph database is unavailable: {type(exc).__name__}: {exc}"},
            headers={"Retry-After": "5"},
        )

    async def not_found(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(status_code=404, content={"detail": f"no item with id {exc.args[0]!r}"})

    for exc_type in UNAVAILABLE:
        app.add_exception_handler(exc_type, unavailable)
    app.add_exception_handler(ItemNotFound, not_found)
