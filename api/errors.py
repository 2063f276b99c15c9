"""The API's one error model and the statuses each route declares: every 4xx and 5xx answer is
an `ErrorBody` (a sentence in `detail`, the failing fields in `errors`), and every status a route
can answer is in its OpenAPI `responses` (checked by schemathesis in the test suite)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from starlette.exceptions import HTTPException
from starlette.routing import Match

from api.schemas.errors import ErrorBody, FieldError
from core.errors import (
    ClosetConflict,
    ClosetInputError,
    DatabaseUnavailable,
    ItemNotFound,
    NotOwner,
    PersonNotFound,
    UnknownLabel,
)

log = logging.getLogger("closet.api")
UNAVAILABLE = (ServiceUnavailable, SessionExpired, DatabaseUnavailable, AuthError, OSError)
RETRY_AFTER_SECONDS = 5


WHY = {
    400: "Unreadable request: an unknown Host header or a body that is not UTF-8 JSON",
    401: "No or malformed bearer token",
    403: "The token is another closet's",
    404: "No such item or closet",
    409: "Valid input that does not fit the closet as it is (not in it, full, a category twice)",
    413: "The body (or the photo) is too large",
    415: "The upload is not a JPEG, PNG or WebP photo",
    422: "Invalid input: the failing fields are listed in `errors`",
    429: "Too many writes from this client: wait `Retry-After` seconds",
    503: "Neo4j is unavailable: retry after `Retry-After` seconds",
}
RETRY_HEADER = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}


def declare(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` of a route that can answer these error statuses."""
    declared: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        declared[status] = {"model": ErrorBody, "description": WHY[status]}
        if status in (429, 503):
            declared[status]["headers"] = RETRY_HEADER
    return declared


# Every route: a bad Host or an outage. Routes add theirs (422 for any with parameters).
EVERY_ROUTE = declare(400, 503)
WRITES = (401, 403, 404, 409, 422, 429)


def error(
    status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    """An ErrorBody answer."""
    body = ErrorBody(detail=detail, **extra).model_dump(exclude_defaults=True)
    return JSONResponse(status_code=status, content=body, headers=headers)


def _allowed_methods(app: FastAPI, request: Request) -> list[str]:
    """The methods of every route whose path matches the request's (for a 405's Allow)."""
    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches({**request.scope, "method": "__NONE__"})
        if match != Match.NONE:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    """Map each error to its status, always as an ErrorBody: Neo4j down → 503, unknown item or
    closet → 404, wrong token → 401 / 403, invalid input or an unknown style / season → 422,
    valid input the closet refuses as it is → 409, wrong method → 405 with the real `Allow`."""

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
        return error(503, detail, {"Retry-After": str(RETRY_AFTER_SECONDS)})

    async def invalid(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        fields = [
            FieldError(location=list(e.get("loc", ())), message=str(e.get("msg", "invalid")))
            for e in exc.errors()
        ]
        first = fields[0] if fields else None
        where = ".".join(str(p) for p in first.location) if first else "request"
        detail = f"invalid {where}: {first.message}" if first else "invalid request"
        return error(422, detail, errors=fields)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = ", ".join(_allowed_methods(app, request))
        return error(exc.status_code, str(exc.detail), headers)

    async def item_not_found(_: Request, exc: Exception) -> JSONResponse:
        return error(404, f"no item with id {exc.args[0]!r}")

    async def person_not_found(_: Request, exc: Exception) -> JSONResponse:
        return error(404, f"no closet with id {exc.args[0]!r}")

    async def missing_token(_: Request, exc: Exception) -> JSONResponse:
        detail = "send the closet's token as `Authorization: Bearer <token>`"
        return error(401, detail, {"WWW-Authenticate": "Bearer"})

    async def not_owner(_: Request, exc: Exception) -> JSONResponse:
        return error(403, "this token does not open this closet")

    async def bad_input(_: Request, exc: Exception) -> JSONResponse:
        return error(409 if isinstance(exc, ClosetConflict) else 422, str(exc))

    async def unknown_label(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, UnknownLabel)
        field = FieldError(location=["query", exc.kind], message=str(exc))
        return error(422, str(exc), errors=[field], known=exc.known)

    for exc_type in UNAVAILABLE:
        app.add_exception_handler(exc_type, unavailable)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(ItemNotFound, item_not_found)
    app.add_exception_handler(PersonNotFound, person_not_found)
    app.add_exception_handler(MissingToken, missing_token)
    app.add_exception_handler(NotOwner, not_owner)
    app.add_exception_handler(ClosetInputError, bad_input)
    app.add_exception_handler(UnknownLabel, unknown_label)


class MissingToken(Exception):
    """No usable `Authorization: Bearer <token>` header."""
