"""What routes depend on: the Neo4j driver of the running app (created once in the lifespan)
and the checked closet owner."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.security import HTTPBearer
from neo4j import Driver

from api.errors import MissingToken
from core.settings import Settings
from core.vocabulary import PERSON_PATTERN, TOKEN_PATTERN
from graph.db.connection import connect
from graph.recommend.occasion import (
    VOCABULARY_SEASONS,
    VOCABULARY_STYLES,
    Gender,
    Occasion,
    checked,
)
from graph.recommend.wording import Lang, Wording, wording
from graph.wardrobe import check_token

RETRY_SECONDS = 1.0  # a request retries a failing transaction this long, then answers 503


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


LABEL = r"^[a-z][a-z-]{1,29}$"


def occasion(
    driver: DriverDep,
    style: Annotated[
        str | None,
        Query(
            pattern=LABEL,
            description="Dress for this style: one the outfits carry (422 lists them)",
            json_schema_extra={"enum": sorted(VOCABULARY_STYLES)},
        ),
    ] = None,
    season: Annotated[
        str | None,
        Query(
            pattern=LABEL,
            description="Dress for this season: one the outfits carry (422 lists them)",
            json_schema_extra={"enum": sorted(VOCABULARY_SEASONS)},
        ),
    ] = None,
    gender: Annotated[
        Gender | None, Query(description="Only pieces worn by this gender, or unisex")
    ] = None,
) -> Occasion:
    """The occasion of a request; an unknown style or season is a 422 naming the known ones."""
    return checked(driver, Occasion(style, season, gender))


OccasionDep = Annotated[Occasion, Depends(occasion)]


def words(
    lang: Annotated[Lang, Query(description="Language of the explanations: en or ko")] = "en",
) -> Wording:
    """The wording the request's explanations are written in."""
    return wording(lang)


WordsDep = Annotated[Wording, Depends(words)]
