"""A person's closet in the graph: `(:Person {id})-[:OWNS {since}]->(:Item)`, its secret token,
described pieces (`(:Item {owned_only: true})` in their cluster) and feedback edges
`(:Person)-[:LIKED|DISMISSED|PICKED {at}]->(:Item)`.

No accounts: creating a closet returns a random id (uuid4 hex) and a secret token; only the
token's sha256 is stored, and it is compared in constant time. The reasoning over a closet
(wearable outfits, next piece, capsule, complete the look) lives in `graph.recommend`.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from neo4j import Driver

from core.errors import ClosetConflict, ClosetInputError, ItemNotFound, NotOwner, PersonNotFound
from core.vocabulary import (
    BIG_CATEGORIES,
    COLOR_FAMILIES,
    FEEDBACK_KINDS,
    FEEDBACK_RELATIONSHIPS,
    cluster_key,
)
from enrich.taxonomy import MID_CLASS_NAMES, mid_class_big
from graph.db.connection import read, run

MAX_CLOSET = 100


@dataclass
class OwnedPiece:
    """One item of a closet, with its cluster key and since when it is owned."""

    item: dict[str, Any]
    cluster: str | None
    since: str | None = None

    @property
    def id(self) -> str:
        return str(self.item["id"])

    @property
    def category(self) -> str:
        return str(self.item.get("category") or "")


@dataclass
class Closet:
    """A person's owned pieces and the items they dismissed."""

    person: str
    label: str | None
    pieces: list[OwnedPiece] = field(default_factory=list)
    dismissed: list[str] = field(default_factory=list)

    @property
    def item_ids(self) -> list[str]:
        return [p.id for p in self.pieces]


def token_digest(token: str) -> str:
    """The sha256 hex digest stored in place of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewCloset:
    """A closet just created: its id and its secret token (shown once, never stored)."""

    person: str
    token: str


def create_closet(driver: Driver, label: str | None = None) -> NewCloset:
    """Create an empty closet; only the token's digest is stored."""
    person = uuid.uuid4().hex
    token = secrets.token_urlsafe(32)
    digest = token_digest(token)
    run(driver, "closet/create_person", person=person, token_sha256=digest, label=label)
    return NewCloset(person, token)


def check_token(driver: Driver, person: str, token: str) -> None:
    """Raise PersonNotFound, or NotOwner unless `token` is this closet's (constant time)."""
    rows = read(driver, "closet/person_auth", person=person)
    if not rows:
        raise PersonNotFound(person)
    stored = rows[0]["token_sha256"] or ""
    if not hmac.compare_digest(token_digest(token).encode(), str(stored).encode()):
        raise NotOwner(person)


def load_closet(driver: Driver, person: str) -> Closet:
    """The closet of `person` (owned pieces oldest first, dismissed ids)."""
    rows = read(driver, "closet/contents", person=person)
    if not rows:
        raise PersonNotFound(person)
    row = rows[0]
    pieces = [OwnedPiece(entry["item"], entry["cluster"], entry["since"]) for entry in row["owned"]]
    return Closet(row["person"], row["label"], pieces, list(row["dismissed"]))


def _check_room(driver: Driver, person: str, adding: str | None = None) -> None:
    closet = load_closet(driver, person)
    if adding in closet.item_ids:
        return
    if len(closet.pieces) >= MAX_CLOSET:
        raise ClosetConflict(f"a closet holds at most {MAX_CLOSET} items")


def own_item(driver: Driver, person: str, item_id: str, since: date | None = None) -> str:
    """Add a catalog item to the closet (idempotent); returns the since date."""
    _check_room(driver, person, item_id)
    rows = run(
        driver,
        "closet/own_item",
        person=person,
        item_id=item_id,
        since=since.isoformat() if since else None,
    )
    if not rows:
        raise ItemNotFound(item_id)
    return str(rows[0]["since"])


def validate_description(category: str, mid_class: str, color: str) -> str:
    """The cluster key of a described piece; ClosetInputError when the parts do not fit."""
    if category not in BIG_CATEGORIES:
        raise ClosetInputError(f"unknown category {category!r}; one of {', '.join(BIG_CATEGORIES)}")
    if mid_class not in MID_CLASS_NAMES:
        raise ClosetInputError(f"unknown mid class {mid_class!r}")
    if category not in mid_class_big(mid_class):
        allowed = ", ".join(mid_class_big(mid_class))
        raise ClosetInputError(f"a {mid_class} is not a {category} (it is: {allowed})")
    if color not in COLOR_FAMILIES:
        raise ClosetInputError(f"unknown colour family {color!r}")
    key = cluster_key(mid_class, color)
    assert key is not None
    return key


def own_described(
    driver: Driver,
    person: str,
    category: str,
    mid_class: str,
    color: str,
    name: str | None = None,
    since: date | None = None,
    image_url: str | None = None,
) -> dict[str, Any]:
    """Add a piece the catalog lacks, as an owned-only item in its cluster (with the picture
    at `image_url`, e.g. a photo's thumbnail as a data: URL); returns the item."""
    key = validate_description(category, mid_class, color)
    _check_room(driver, person)
    item = {
        "id": f"own_{uuid.uuid4().hex}",
        "name": (name or "").strip() or f"{color} {mid_class}",
        "category": category,
        "mid_class": mid_class,
        "color": color,
        "image_url": image_url,
    }
    rows = run(
        driver,
        "closet/own_described",
        person=person,
        item=item,
        cluster=key,
        since=since.isoformat() if since else None,
    )
    if not rows:
        raise PersonNotFound(person)
    return {**item, "owned_only": True, "cluster": key, "since": rows[0]["since"]}


def disown_item(driver: Driver, person: str, item_id: str) -> bool:
    """Remove an item from the closet (a described piece is deleted); False if not owned."""
    rows = run(driver, "closet/disown_item", person=person, item_id=item_id)
    if not rows:
        raise PersonNotFound(person)
    return bool(rows[0]["removed"])


def add_feedback(driver: Driver, person: str, item_id: str, kind: str) -> None:
    """Store a like, dismissal or pick (idempotent; the latest time is kept)."""
    if kind not in FEEDBACK_KINDS:
        raise ClosetInputError(f"unknown feedback {kind!r}; one of {', '.join(FEEDBACK_KINDS)}")
    rows = run(driver, "closet/feedback_add", person=person, item_id=item_id, kind=kind)
    if not rows:
        load_closet(driver, person)  # raises PersonNotFound when that is the reason
        raise ItemNotFound(item_id)


def remove_feedback(driver: Driver, person: str, item_id: str, kind: str) -> bool:
    """Withdraw one kind of feedback; False when there was none."""
    rows = run(driver, "closet/feedback_remove", person=person, item_id=item_id, kind=kind)
    return bool(rows and rows[0]["removed"])


KIND_OF = {rel: kind for kind, rel in FEEDBACK_RELATIONSHIPS.items()}


def list_feedback(driver: Driver, person: str) -> list[dict[str, Any]]:
    """A person's feedback, newest first: [{kind, at, item}]."""
    rows = read(driver, "closet/feedback_list", person=person)
    if not rows:
        raise PersonNotFound(person)
    return [{**f, "kind": KIND_OF[f["kind"]]} for f in rows[0]["feedback"]]
