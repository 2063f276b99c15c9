"""What routes depend on: the Neo4j driver of the running app (created once in the lifespan),
the checked closet owner, and the mapping of errors to HTTP statuses."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Path, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPBearer
from neo4j import Driver
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired

from core.errors import (
    ClosetInputError,
    DatabaseUnavailable,
    ItemNotFound,
    NotOwner,
    PersonNotFound,
)
from core.settings import Settings
from core.vocabulary import PERSON_PATTERN, TOKEN_PATTERN
from graph.db.connection import connect
from graph.wardrobe import check_token

log = logging.getLogger("closet.api")
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


DriverDep = Annotated[Driver, Depends(get_driver)]
PersonId = Annotated[str, Path(pattern=PERSON_PATTERN, description="Closet id")]
bearer = HTTPBearer(auto_error=False, description="The token returned by POST /closets")


class MissingToken(Exception):
    """No usable `Authorization: Bearer <token>` header."""


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, None when missing or malformed."""
    if not header:
        return None
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not re.fullmatch(TOKEN_PATTERN, token):
        return None
    return token


def closet_owner(
    person: PersonId,
    request: Request,
    driver: DriverDep,
    _: Annotated[object, Depends(bearer)] = None,
) -> str:
    """The closet id, once the request's bearer token is checked against it (401/403/404)."""
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise MissingToken
    check_token(driver, person, token)
    return person


OwnerDep = Annotated[str, Depends(closet_owner)]


def _error(status: int, detail: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": detail}, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Neo4j down → 503 with a clear body; unknown item or closet → 404; wrong token → 401 or
    403; input that cannot be stored → 422."""

    async def unavailable(request: Request, exc: Exception) -> JSONResponse:
        # the database's address stays in the log, never in the answer
        log.warning(
            "%s %s: database unavailable: %s: %s",
            request.method,
            request.url.path,
            type(exc).__name__,
            exc,
        )
        detail = "the graph database is unavailable; try again shortly"
        return _error(503, detail, {"Retry-After": "5"})

    async def item_not_found(_: Request, exc: Exception) -> JSONResponse:
        return _error(404, f"no item with id {exc.args[0]!r}")

    async def person_not_found(_: Request, exc: Exception) -> JSONResponse:
        return _error(404, f"no closet with id {exc.args[0]!r}")

    async def missing_token(_: Request, exc: Exception) -> JSONResponse:
        detail = "send the closet's token as `Authorization: Bearer <token>`"
        return _error(401, detail, {"WWW-Authenticate": "Bearer"})

    async def not_owner(_: Request, exc: Exception) -> JSONResponse:
        return _error(403, "this token does not open this closet")

    async def bad_input(_: Request, exc: Exception) -> JSONResponse:
        return _error(422, str(exc))

    for exc_type in UNAVAILABLE:
        app.add_exception_handler(exc_type, unavailable)
    app.add_exception_handler(ItemNotFound, item_not_found)
    app.add_exception_handler(PersonNotFound, person_not_found)
    app.add_exception_handler(MissingToken, missing_token)
    app.add_exception_handler(NotOwner, not_owner)
    app.add_exception_handler(ClosetInputError, bad_input)
