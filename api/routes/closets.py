"""Closets: a person's wardrobe, the outfits it can wear, the next piece, complete the look,
and feedback. Writes need `Authorization: Bearer <token>` (401 without or malformed, 403 with
another closet's token); reads only need the closet id, which is random and unguessable."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

from fastapi import APIRouter, Body, File, Form, HTTPException, Path, Query, Response, UploadFile

from api.convert import piece_item, to_item, to_looks, to_next, to_outfit, to_today
from api.deps import DriverDep, OccasionDep, OwnerDep, PersonId, WordsDep
from api.errors import WRITES, declare
from api.schemas.closets import (
    ITEM_ID,
    CapsuleResponse,
    CapsuleStep,
    ClosetCreate,
    ClosetCreated,
    ClosetOutfitsResponse,
    ClosetView,
    CompleteRequest,
    CompleteResponse,
    DescribedPiece,
    FeedbackEntry,
    FeedbackRequest,
    FeedbackView,
    NextResponse,
    OwnedItem,
    OwnItem,
    PhotoAnswer,
    PhotoDescription,
    TodayResponse,
)
from api.schemas.items import BRANDS_HELP
from core.vocabulary import BigCategory, BrandMode, ClosetModelName, CoreCategory, FeedbackKind
from enrich.image import default_masker
from enrich.photo import MAX_PHOTO_BYTES, PhotoError, describe_photo, thumbnail_data_url
from graph import wardrobe as store
from graph.recommend import capsule as capsules
from graph.recommend import wearable
from graph.recommend.complete import complete_look
from graph.recommend.explain import explain_note
from graph.recommend.next_piece import next_pieces
from graph.recommend.occasion import ANY_OCCASION
from graph.recommend.pairs import DEFAULT_MIN_SUPPORT
from graph.recommend.ranking import closet_model
from graph.recommend.today import todays_outfit
from graph.recommend.wording import ENGLISH

router = APIRouter(prefix="/closets", tags=["closets"])
ItemId = Annotated[str, Path(pattern=ITEM_ID, description="Item id")]
MinSupport = Annotated[int, Query(ge=1, le=1000, description="Outfits a pair needs")]
READ = declare(404, 422)  # an unknown closet or item, a bad parameter
WRITE = declare(*WRITES)  # and the token's 401 / 403, the rate limit's 429


@router.post("", response_model=ClosetCreated, status_code=201, responses=declare(422, 429))
def create_closet(
    driver: DriverDep, body: Annotated[ClosetCreate | None, Body()] = None
) -> ClosetCreated:
    """Create an empty closet; returns its id and secret token (keep it: shown once)."""
    created = store.create_closet(driver, body.label if body else None)
    return ClosetCreated(person=created.person, token=created.token)


@router.get("/{person}", response_model=ClosetView, responses=READ)
def get_closet(driver: DriverDep, person: PersonId) -> ClosetView:
    """The closet's items, counts per category and how many wearable outfits it holds."""
    closet = store.load_closet(driver, person)
    outfits = wearable.closet_outfits(driver, closet, DEFAULT_MIN_SUPPORT).outfits
    return ClosetView(
        person=person,
        label=closet.label,
        count=len(closet.pieces),
        per_category=dict(Counter(p.category for p in closet.pieces)),
        wearable_outfits=len(outfits),
        items=[
            OwnedItem(
                item=piece_item(p),
                since=p.since,
                owned_only=bool(p.item.get("owned_only")),
            )
            for p in closet.pieces
        ],
    )


@router.put("/{person}/items/{item_id}", response_model=OwnedItem, responses=WRITE)
def own_item(
    driver: DriverDep,
    person: OwnerDep,
    item_id: ItemId,
    body: Annotated[OwnItem | None, Body()] = None,
) -> OwnedItem:
    """Add a catalog item to the closet (idempotent)."""
    since = store.own_item(driver, person, item_id, body.since if body else None)
    owned = {p.id: p for p in store.load_closet(driver, person).pieces}
    piece = owned[item_id]
    return OwnedItem(item=piece_item(piece), since=since)


@router.post("/{person}/items", response_model=OwnedItem, status_code=201, responses=WRITE)
def own_described(driver: DriverDep, person: OwnerDep, body: DescribedPiece) -> OwnedItem:
    """Add a piece the catalog lacks, described by category, mid class and colour family."""
    item = store.own_described(
        driver, person, body.category, body.mid_class, body.color, body.name, body.since
    )
    return OwnedItem(item=to_item(item), since=item["since"], owned_only=True)


@router.post(
    "/{person}/items/photo",
    response_model=PhotoAnswer,
    responses={
        201: {"model": PhotoAnswer, "description": "Described and added (category confirmed)"},
        **declare(*WRITES, 413, 415),
    },
)
def own_photo(
    driver: DriverDep,
    person: OwnerDep,
    response: Response,
    photo: Annotated[UploadFile, File(description="JPEG, PNG or WebP, at most 10 MB")],
    name: Annotated[str | None, Form(max_length=80, description="What you call it")] = None,
    category: Annotated[BigCategory | None, Form(description="Confirmed category")] = None,
    mid_class: Annotated[str | None, Form(max_length=30, description="Confirmed kind")] = None,
    thumbnail: Annotated[bool, Form(description="Keep a small thumbnail as its picture")] = False,
) -> PhotoAnswer:
    """Describe a photo of your own piece (colour family; a category and mid class to
    confirm) — 200, nothing stored — or, with `category` and `mid_class` confirmed, also add it
    to the closet in its cluster — 201. The photo is read in memory and never stored; with
    `thumbnail`, a 160-pixel JPEG of it becomes the piece's picture."""
    data = photo.file.read(MAX_PHOTO_BYTES + 1)
    masker = default_masker()
    try:
        found = describe_photo(data, name, masker)
        kept = thumbnail_data_url(data) if thumbnail and category and mid_class else None
    except PhotoError as exc:
        raise HTTPException(exc.status, str(exc)) from None
    description = PhotoDescription(**{**found.__dict__, "rgb": list(found.rgb)}, masker=masker.name)
    if category is None or mid_class is None:
        return PhotoAnswer(description=description, thumbnail_kept=False)
    item = store.own_described(
        driver, person, category, mid_class, found.color, name, image_url=kept
    )
    response.status_code = 201
    added = OwnedItem(item=to_item(item), since=item["since"], owned_only=True)
    return PhotoAnswer(description=description, added=added, thumbnail_kept=kept is not None)


@router.delete("/{person}/items/{item_id}", status_code=204, responses=WRITE)
def disown_item(driver: DriverDep, person: OwnerDep, item_id: ItemId) -> Response:
    """Remove an item from the closet (404 when it was not in it)."""
    removed = store.disown_item(driver, person, item_id)
    if not removed:
        raise HTTPException(404, f"item {item_id!r} is not in this closet")
    return Response(status_code=204)


@router.get("/{person}/outfits", response_model=ClosetOutfitsResponse, responses=READ)
def outfits(
    driver: DriverDep,
    person: PersonId,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    min_support: MinSupport = 1,
    occasion: OccasionDep = ANY_OCCASION,
    words: WordsDep = ENGLISH,
) -> ClosetOutfitsResponse:
    """The outfits the closet can wear now (real ones first), with the total count; with
    `gender`, of the pieces it wears; with `style` / `season`, only the outfits that suit them
    (a real outfit of them holds the pieces, or the pieces' outfits carry them at least as
    often as outfits at large)."""
    closet = store.load_closet(driver, person)
    found = wearable.wearable_outfits(driver, closet, min_support, occasion)
    return ClosetOutfitsResponse(
        person=person,
        definition=(words.sentence(wearable.DEFINITION) or "").format(min_support=min_support),
        count=len(found),
        real=sum(1 for o in found if o.real_outfits),
        outfits=[to_outfit(o, words) for o in found[:limit]],
    )


@router.get("/{person}/next", response_model=NextResponse, responses=READ)
def next_piece(
    driver: DriverDep,
    person: PersonId,
    budget: Annotated[int | None, Query(ge=0, le=100_000_000, description="Max price")] = None,
    category: CoreCategory | None = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    per_cluster: Annotated[int, Query(ge=1, le=10)] = 2,
    min_support: MinSupport = 1,
    model: ClosetModelName | None = None,
    brands: Annotated[BrandMode, Query(description=BRANDS_HELP)] = "any",
    occasion: OccasionDep = ANY_OCCASION,
    words: WordsDep = ENGLISH,
) -> NextResponse:
    """Catalog items ranked by how many new wearable outfits each adds, with what they unlock;
    never the other `gender`'s, weighted by their `style` / `season` lift."""
    closet = store.load_closet(driver, person)
    version = closet_model(driver, model)
    found = next_pieces(
        driver,
        closet,
        category,
        budget,
        limit,
        per_cluster,
        min_support,
        version,
        brands,
        occasion,
    )
    return NextResponse(
        person=person,
        definition=(words.sentence(wearable.DEFINITION) or "").format(min_support=min_support),
        owned=len(closet.pieces),
        current_outfits=found.current_outfits,
        model="lightgcn" if version else "rule",
        model_version=version,
        category=category,
        budget=budget,
        items=[to_next(n, words) for n in found.picks],
    )


@router.get("/{person}/capsule", response_model=CapsuleResponse, responses=READ)
def capsule(
    driver: DriverDep,
    person: PersonId,
    k: Annotated[int, Query(ge=1, le=10)] = 3,
    budget: Annotated[int | None, Query(ge=0, le=100_000_000)] = None,
    category: CoreCategory | None = None,
    min_support: MinSupport = 1,
    model: ClosetModelName | None = None,
    brands: Annotated[BrandMode, Query(description=BRANDS_HELP)] = "any",
    words: WordsDep = ENGLISH,
) -> CapsuleResponse:
    """The best k purchases together, chosen greedily on the marginal gain."""
    closet = store.load_closet(driver, person)
    version = closet_model(driver, model)
    chosen = capsules.capsule(driver, closet, k, category, budget, min_support, version, brands)
    return CapsuleResponse(
        person=person,
        k=k,
        start_outfits=chosen.start_outfits,
        end_outfits=chosen.end_outfits,
        model="lightgcn" if version else "rule",
        steps=[
            CapsuleStep(piece=to_next(s.pick, words), total_outfits=s.total) for s in chosen.steps
        ],
        method=words.sentence(capsules.GREEDY_NOTE) or capsules.GREEDY_NOTE,
    )


@router.post(
    "/{person}/complete", response_model=CompleteResponse, responses=declare(404, 409, 422, 429)
)
def complete(
    driver: DriverDep,
    person: PersonId,
    body: CompleteRequest,
    occasion: OccasionDep = ANY_OCCASION,
    words: WordsDep = ENGLISH,
) -> CompleteResponse:
    """Fill the missing categories of a look started from owned items, even when no real
    outfit holds the combination (composed from cluster co-occurrence and model scores); with
    the `style`, `season` and `gender` query parameters, with pieces that suit them."""
    closet = store.load_closet(driver, person)
    version = closet_model(driver, None)
    completed = complete_look(
        driver,
        closet,
        body.items,
        body.categories,
        body.limit,
        body.min_support,
        version,
        occasion,
    )
    return CompleteResponse(
        person=person,
        given=list(dict.fromkeys(body.items)),
        filled=completed.filled,
        model="lightgcn" if version else "rule",
        note=explain_note(completed.note.code, words, **dict(completed.note.parts))
        if completed.note
        else None,
        looks=to_looks(completed, words),
    )


@router.get("/{person}/today", response_model=TodayResponse, responses=declare(404, 409, 422))
def today(
    driver: DriverDep,
    person: PersonId,
    lock: Annotated[
        str | None, Query(pattern=ITEM_ID, description="An owned piece to keep in the outfit")
    ] = None,
    seed: Annotated[int, Query(ge=0, le=10_000, description="0: the best; n: the n-th next")] = 0,
    min_support: MinSupport = 1,
    occasion: OccasionDep = ANY_OCCASION,
    words: WordsDep = ENGLISH,
) -> TodayResponse:
    """One whole outfit from owned pieces only (top, bottom, an outer in autumn and winter,
    shoes when some go), ranked by real outfits and the model; `lock` keeps a piece, `seed`
    walks to the next-best; when no outfit is possible, what is missing and where to shop."""
    closet = store.load_closet(driver, person)
    found = todays_outfit(driver, closet, occasion, lock, seed, min_support)
    return to_today(person, found, occasion, lock, words)


@router.post("/{person}/feedback", response_model=FeedbackView, status_code=201, responses=WRITE)
def add_feedback(driver: DriverDep, person: OwnerDep, body: FeedbackRequest) -> FeedbackView:
    """Like, dismiss (never shown again) or pick an item."""
    store.add_feedback(driver, person, body.item_id, body.kind)
    return get_feedback(driver, person)


@router.delete("/{person}/feedback/{kind}/{item_id}", status_code=204, responses=WRITE)
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


@router.get("/{person}/feedback", response_model=FeedbackView, responses=READ)
def get_feedback(driver: DriverDep, person: PersonId) -> FeedbackView:
    """The closet's likes, dismissals and picks, newest first."""
    entries = store.list_feedback(driver, person)
    return FeedbackView(
        person=person,
        feedback=[
            FeedbackEntry(kind=e["kind"], at=e["at"], item=to_item(e["item"])) for e in entries
        ],
    )
