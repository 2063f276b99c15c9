"""Closets: a person's wardrobe, the outfits it can wear, the next piece, complete the look,
and feedback. Writes need `Authorization: Bearer <token>` (401 without or malformed, 403 with
another closet's token); reads only need the closet id, which is random and unguessable."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request, Response
from fastapi.security import HTTPBearer
from neo4j import Driver

from api.closet_models import (
    ITEM_ID,
    CapsuleResponse,
    CapsuleStep,
    ClosetCreate,
    ClosetCreated,
    ClosetView,
    CompleteRequest,
    CompleteResponse,
    DescribedPiece,
    FeedbackEntry,
    FeedbackRequest,
    FeedbackView,
    Look,
    LookPiece,
    NextPiece,
    NextResponse,
    OutfitsResponse,
    OwnedItem,
    OwnItem,
    Partner,
    PathStep,
    WearableOutfit,
)
from api.convert import to_item
from api.deps import get_driver
from api.models import ErrorBody
from core.vocabulary import PERSON_PATTERN, ClosetModelName, CoreCategory, FeedbackKind
from graph import closet as store
from graph import closet_outfits as wear

router = APIRouter(prefix="/closets", tags=["closets"])
DriverDep = Annotated[Driver, Depends(get_driver)]
PersonId = Annotated[str, Path(pattern=PERSON_PATTERN, description="Closet id")]
ItemId = Annotated[str, Path(pattern=ITEM_ID, description="Item id")]
MinSupport = Annotated[int, Query(ge=1, le=1000, description="Outfits a pair needs")]
bearer = HTTPBearer(auto_error=False, description="The token returned by POST /closets")
AUTH_ERRORS = {
    401: {"model": ErrorBody, "description": "No or malformed bearer token"},
    403: {"model": ErrorBody, "description": "The token is another closet's"},
    404: {"model": ErrorBody, "description": "No such closet"},
}


@contextmanager
def _errors() -> Iterator[None]:
    """Closet errors → 404 / 403 / 422 with a clear message."""
    try:
        yield
    except store.PersonNotFound as exc:
        raise HTTPException(404, f"no closet with id {exc.args[0]!r}") from None
    except store.NotOwner:
        raise HTTPException(403, "this token does not open this closet") from None
    except store.ClosetInputError as exc:
        raise HTTPException(422, str(exc)) from None


def owner(
    person: PersonId,
    request: Request,
    driver: DriverDep,
    _: Annotated[object, Depends(bearer)] = None,
) -> str:
    """The closet id, once the request's bearer token is checked against it."""
    token = store.bearer_token(request.headers.get("authorization"))
    if token is None:
        raise HTTPException(
            401,
            "send the closet's token as `Authorization: Bearer <token>`",
            headers={"WWW-Authenticate": "Bearer"},
        )
    with _errors():
        store.check_token(driver, person, token)
    return person


OwnerDep = Annotated[str, Depends(owner)]


def _model(driver: Driver, requested: str | None) -> str | None:
    return None if requested == "rule" else wear.active_model(driver)


def _steps(path: list[wear.PairStep]) -> list[PathStep]:
    return [PathStep(a=s.a, b=s.b, outfits=s.outfits) for s in path]


def _outfit(o: wear.WearableOutfit) -> WearableOutfit:
    return WearableOutfit(
        items=[to_item({**p.item, "cluster": p.cluster}) for p in o.pieces],
        support=o.support,
        real_outfits=o.real_outfits,
        path=_steps(o.path),
        explanation=wear.explain_outfit(o),
    )


def _next(n: wear.NextPiece) -> NextPiece:
    return NextPiece(
        item=to_item({**n.piece.item, "cluster": n.piece.cluster}),
        new_outfits=n.gain.gain,
        score=round(n.score, 6),
        model_score=n.model_score,
        pairs_with=n.gain.pairs_with,
        partners=[Partner(item_id=p.id, cluster=p.cluster, outfits=c) for p, c in n.partners],
        worn_with=n.worn_with,
        unlocks=[_outfit(o) for o in n.unlocks],
        path=[
            PathStep(a=p.cluster or "", b=n.piece.cluster or "", outfits=c) for p, c in n.partners
        ],
        explanation=wear.explain_next_piece(n),
    )


@router.post("", response_model=ClosetCreated, status_code=201)
def create_closet(
    driver: DriverDep, body: Annotated[ClosetCreate | None, Body()] = None
) -> ClosetCreated:
    """Create an empty closet; returns its id and secret token (keep it: shown once)."""
    person, token = store.create_closet(driver, body.label if body else None)
    return ClosetCreated(person=person, token=token)


@router.get("/{person}", response_model=ClosetView, responses={404: AUTH_ERRORS[404]})
def get_closet(driver: DriverDep, person: PersonId) -> ClosetView:
    """The closet's items, counts per category and how many wearable outfits it holds."""
    with _errors():
        closet = store.load_closet(driver, person)
    _, _, outfits = wear.closet_outfits(driver, closet, wear.DEFAULT_MIN_SUPPORT)
    return ClosetView(
        person=person,
        label=closet.label,
        count=len(closet.pieces),
        per_category=dict(Counter(p.category for p in closet.pieces)),
        wearable_outfits=len(outfits),
        items=[
            OwnedItem(
                item=to_item({**p.item, "cluster": p.cluster}),
                since=p.since,
                owned_only=bool(p.item.get("owned_only")),
            )
            for p in closet.pieces
        ],
    )


@router.put("/{person}/items/{item_id}", response_model=OwnedItem, responses=AUTH_ERRORS)
def own_item(
    driver: DriverDep,
    person: OwnerDep,
    item_id: ItemId,
    body: Annotated[OwnItem | None, Body()] = None,
) -> OwnedItem:
    """Add a catalog item to the closet (idempotent)."""
    with _errors():
        since = store.own_item(driver, person, item_id, body.since if body else None)
        owned = {p.id: p for p in store.load_closet(driver, person).pieces}
    piece = owned[item_id]
    return OwnedItem(item=to_item({**piece.item, "cluster": piece.cluster}), since=since)


@router.post("/{person}/items", response_model=OwnedItem, status_code=201, responses=AUTH_ERRORS)
def own_described(driver: DriverDep, person: OwnerDep, body: DescribedPiece) -> OwnedItem:
    """Add a piece the catalog lacks, described by category, mid class and colour family."""
    with _errors():
        item = store.own_described(
            driver, person, body.category, body.mid_class, body.color, body.name, body.since
        )
    return OwnedItem(item=to_item(item), since=item["since"], owned_only=True)


@router.delete("/{person}/items/{item_id}", status_code=204, responses=AUTH_ERRORS)
def disown_item(driver: DriverDep, person: OwnerDep, item_id: ItemId) -> Response:
    """Remove an item from the closet (404 when it was not in it)."""
    with _errors():
        removed = store.disown_item(driver, person, item_id)
    if not removed:
        raise HTTPException(404, f"item {item_id!r} is not in this closet")
    return Response(status_code=204)


@router.get("/{person}/outfits", response_model=OutfitsResponse, responses={404: AUTH_ERRORS[404]})
def outfits(
    driver: DriverDep,
    person: PersonId,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    min_support: MinSupport = 1,
) -> OutfitsResponse:
    """The outfits the closet can wear now (real ones first), with the total count."""
    with _errors():
        closet = store.load_closet(driver, person)
    found = wear.wearable_outfits(driver, closet, min_support)
    return OutfitsResponse(
        person=person,
        definition=wear.DEFINITION.format(min_support=min_support),
        count=len(found),
        real=sum(1 for o in found if o.real_outfits),
        outfits=[_outfit(o) for o in found[:limit]],
    )


@router.get("/{person}/next", response_model=NextResponse, responses={404: AUTH_ERRORS[404]})
def next_piece(
    driver: DriverDep,
    person: PersonId,
    budget: Annotated[int | None, Query(ge=0, le=100_000_000, description="Max price")] = None,
    category: CoreCategory | None = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    per_cluster: Annotated[int, Query(ge=1, le=10)] = 2,
    min_support: MinSupport = 1,
    model: ClosetModelName | None = None,
) -> NextResponse:
    """Catalog items ranked by how many new wearable outfits each adds, with what they unlock."""
    with _errors():
        closet = store.load_closet(driver, person)
    version = _model(driver, model)
    now, picks = wear.next_pieces(
        driver, closet, category, budget, limit, per_cluster, min_support, version
    )
    return NextResponse(
        person=person,
        definition=wear.DEFINITION.format(min_support=min_support),
        owned=len(closet.pieces),
        current_outfits=now,
        model="lightgcn" if version else "rule",
        model_version=version,
        category=category,
        budget=budget,
        items=[_next(n) for n in picks],
    )


@router.get("/{person}/capsule", response_model=CapsuleResponse, responses={404: AUTH_ERRORS[404]})
def capsule(
    driver: DriverDep,
    person: PersonId,
    k: Annotated[int, Query(ge=1, le=10)] = 3,
    budget: Annotated[int | None, Query(ge=0, le=100_000_000)] = None,
    category: CoreCategory | None = None,
    min_support: MinSupport = 1,
    model: ClosetModelName | None = None,
) -> CapsuleResponse:
    """The best k purchases together, chosen greedily on the marginal gain."""
    with _errors():
        closet = store.load_closet(driver, person)
    version = _model(driver, model)
    start, steps = wear.capsule(driver, closet, k, category, budget, min_support, version)
    return CapsuleResponse(
        person=person,
        k=k,
        start_outfits=start,
        end_outfits=steps[-1].total if steps else start,
        model="lightgcn" if version else "rule",
        steps=[CapsuleStep(piece=_next(s.pick), total_outfits=s.total) for s in steps],
        method=wear.GREEDY_NOTE,
    )


@router.post(
    "/{person}/complete", response_model=CompleteResponse, responses={404: AUTH_ERRORS[404]}
)
def complete(driver: DriverDep, person: PersonId, body: CompleteRequest) -> CompleteResponse:
    """Fill the missing categories of a look started from owned items, even when no real
    outfit holds the combination (composed from cluster co-occurrence and model scores)."""
    with _errors():
        closet = store.load_closet(driver, person)
        version = wear.active_model(driver)
        filled, looks, note = wear.complete_look(
            driver, closet, body.items, body.categories, body.limit, body.min_support, version
        )
    return CompleteResponse(
        person=person,
        given=list(dict.fromkeys(body.items)),
        filled=filled,
        model="lightgcn" if version else "rule",
        note=note,
        looks=[
            Look(
                items=[
                    LookPiece(
                        item=to_item({**lp.piece.item, "cluster": lp.piece.cluster}),
                        role=lp.role,  # type: ignore[arg-type]
                        path=_steps(lp.path),
                        explanation=wear.explain_look_piece(lp),
                    )
                    for lp in look.pieces
                ],
                support=look.support,
                real_outfits=look.real_outfits,
                path=_steps(look.path),
                explanation=wear.explain_look(look),
            )
            for look in looks
        ],
    )


@router.post(
    "/{person}/feedback", response_model=FeedbackView, status_code=201, responses=AUTH_ERRORS
)
def add_feedback(driver: DriverDep, person: OwnerDep, body: FeedbackRequest) -> FeedbackView:
    """Like, dismiss (never shown again) or pick an item."""
    with _errors():
        store.add_feedback(driver, person, body.item_id, body.kind)
    return get_feedback(driver, person)


@router.delete("/{person}/feedback/{kind}/{item_id}", status_code=204, responses=AUTH_ERRORS)
def remove_feedback(
    driver: DriverDep,
    person: OwnerDep,
    kind: FeedbackKind,
    item_id: ItemId,
) -> Response:
    """Withdraw a like, dismissal or pick (404 when there was none)."""
    if not store.remove_feedback(driver, person, item_id, kind):
        raise HTTPException(404, f"no {kind} of {item_id!r} in this closet")
    return Response(status_code=204)


@router.get("/{person}/feedback", response_model=FeedbackView, responses={404: AUTH_ERRORS[404]})
def get_feedback(driver: DriverDep, person: PersonId) -> FeedbackView:
    """The closet's likes, dismissals and picks, newest first."""
    with _errors():
        entries = store.list_feedback(driver, person)
    return FeedbackView(
        person=person,
        feedback=[
            FeedbackEntry(kind=e["kind"], at=e["at"], item=to_item(e["item"])) for e in entries
        ],
    )
