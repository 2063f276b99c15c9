"""Pydantic request and response models of the closet routes (`/closets/...`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, create_model, field_validator

from api.schemas.items import IsoDate, Item, RequestBody
from core.vocabulary import (
    BIG_CATEGORIES,
    COLOR_FAMILIES,
    ID_PATTERN,
    BigCategory,
    FeedbackKind,
    plain_text,
)
from enrich.taxonomy import MID_CLASSES

ITEM_ID = ID_PATTERN


def one_of(values: Iterable[str]) -> Any:
    """The Literal type of these strings (an enum in the schema)."""
    return Literal.__getitem__(tuple(values))


if TYPE_CHECKING:
    ColorFamily = str
else:
    ColorFamily = one_of(COLOR_FAMILIES)


class ClosetCreate(RequestBody):
    """A new closet (no account: keep the returned token)."""

    label: str | None = Field(default=None, max_length=60, description="A name shown in the demo")

    @field_validator("label")
    @classmethod
    def _plain(cls, value: str | None) -> str | None:
        """Control and bidi characters are removed (NUL, ANSI escapes, RTL overrides)."""
        return plain_text(value) or None if value is not None else None


class ClosetCreated(BaseModel):
    person: str = Field(description="The closet id (random, 32 hex digits)")
    token: str = Field(description="Secret for `Authorization: Bearer <token>`; shown only once")


class OwnItem(RequestBody):
    """Optional body of PUT /closets/{person}/items/{item_id}."""

    since: IsoDate | None = None


class DescribedBase(RequestBody):
    """A piece the catalog does not have, described by category, mid class and colour family."""

    category: str
    mid_class: str
    color: ColorFamily = Field(description="A colour family")
    name: str | None = Field(default=None, max_length=80)
    since: IsoDate | None = None

    @field_validator("name")
    @classmethod
    def _plain(cls, value: str | None) -> str | None:
        """Control and bidi characters are removed, as from closet labels."""
        return plain_text(value) or None if value is not None else None


def _described(category: str) -> type[DescribedBase]:
    """The described piece of one category: its mid classes are exactly the taxonomy's."""
    mids = tuple(m.name for m in MID_CLASSES if category in m.bigs)
    return create_model(
        f"Described{category.title()}",
        __base__=DescribedBase,
        category=(one_of([category]), ...),
        mid_class=(one_of(mids), Field(description=f"A {category} mid class of the taxonomy")),
    )


# The schema names every valid (category, mid class) pair: a piece that fits it is stored.
if TYPE_CHECKING:
    DescribedPiece = DescribedBase
else:
    DescribedPiece = Annotated[
        Union[tuple(_described(c) for c in BIG_CATEGORIES)],  # noqa: UP007
        Field(discriminator="category"),
    ]


class OwnedItem(BaseModel):
    item: Item
    since: str | None = None
    owned_only: bool = False


class ClosetView(BaseModel):
    person: str
    label: str | None = None
    count: int
    per_category: dict[str, int]
    wearable_outfits: int = Field(description="How many wearable outfits the closet holds")
    items: list[OwnedItem]


class PathStep(BaseModel):
    """Clusters `a` and `b` are worn together in `outfits` real outfits."""

    a: str
    b: str
    outfits: int


class WearableOutfit(BaseModel):
    items: list[Item]
    support: int = Field(description="Weakest pair: real outfits wearing its two clusters")
    real_outfits: int = Field(description="Real outfits that contain all of these items")
    path: list[PathStep]
    explanation: str
    lift: float | None = Field(
        default=None,
        description="With `style` or `season`: the look's lift, the geometric mean of its "
        "pieces' (>1: suits them)",
    )


class ClosetOutfitsResponse(BaseModel):
    person: str
    definition: str
    count: int = Field(description="All wearable outfits of the closet")
    real: int = Field(description="Of which real outfits contain all the items")
    outfits: list[WearableOutfit] = Field(description="The best `limit`, ranked")


class Partner(BaseModel):
    item_id: str
    cluster: str | None
    outfits: int = Field(description="Real outfits wearing both clusters")


class NextPiece(BaseModel):
    item: Item
    new_outfits: int = Field(description="Wearable outfits it adds to the closet")
    score: float = Field(
        description="new_outfits × model weight (1 without a model) × the occasion's lift"
    )
    model_score: float | None = None
    pairs_with: int = Field(description="Owned pieces its cluster pairs with")
    partners: list[Partner]
    worn_with: dict[str, int] = Field(
        default_factory=dict, description="Owned item id → real outfits wearing both items"
    )
    unlocks: list[WearableOutfit]
    path: list[PathStep]
    explanation: str
    lift: float | None = Field(
        default=None, description="With `style` or `season`: the piece's lift (>1: suits them)"
    )


class NextResponse(BaseModel):
    person: str
    definition: str
    owned: int
    current_outfits: int
    model: str = Field(description="rule, or lightgcn when model scores weighted the ranking")
    model_version: str | None = None
    category: str | None = None
    budget: int | None = None
    items: list[NextPiece]


class CapsuleStep(BaseModel):
    piece: NextPiece
    total_outfits: int


class CapsuleResponse(BaseModel):
    person: str
    k: int
    start_outfits: int
    end_outfits: int
    model: str
    steps: list[CapsuleStep]
    method: str


class CompleteRequest(RequestBody):
    items: list[Annotated[str, Field(pattern=ITEM_ID)]] = Field(
        min_length=1, max_length=5, description="Owned item ids"
    )
    categories: list[BigCategory] | None = Field(
        default=None, max_length=6, description="What to fill (default: missing top/bottom)"
    )
    limit: int = Field(default=3, ge=1, le=10)
    min_support: int = Field(default=1, ge=1, le=1000)


class LookPiece(BaseModel):
    item: Item
    role: Literal["given", "closet", "catalog"]
    path: list[PathStep]
    explanation: str


class Look(BaseModel):
    items: list[LookPiece]
    support: int
    real_outfits: int
    path: list[PathStep]
    explanation: str


class CompleteResponse(BaseModel):
    person: str
    given: list[str]
    filled: list[str]
    model: str
    note: str | None = None
    looks: list[Look]


class FeedbackRequest(RequestBody):
    item_id: str = Field(pattern=ITEM_ID)
    kind: FeedbackKind


class FeedbackEntry(BaseModel):
    kind: FeedbackKind
    at: str | None
    item: Item


class FeedbackView(BaseModel):
    person: str
    feedback: list[FeedbackEntry]


class TodayResponse(BaseModel):
    """Today's outfit from owned pieces only, or what is missing for one."""

    person: str
    style: str | None = None
    season: str | None = None
    gender: str | None = None
    lock: str | None = Field(default=None, description="The owned piece kept in the outfit")
    seed: int = Field(description="Which outfit: 0 the best, 1 the next-best, … (wraps around)")
    next_seed: int = Field(description="The seed of the next different outfit (Another one)")
    options: int = Field(description="Whole outfits the closet offers for this request")
    outfit: WearableOutfit | None = Field(
        default=None, description="Top, bottom and (by season) outer; None when none is possible"
    )
    shoes: Item | None = Field(default=None, description="Owned shoes worn with the pieces")
    probability: float | None = Field(
        default=None,
        description="With a trained ranker: the mean chance that each piece completes the others",
    )
    explanation: str = ""
    missing: list[str] = Field(
        default_factory=list, description="Required categories the closet has nothing of"
    )
    next_piece: list[str] = Field(
        default_factory=list, description="Links to the next-piece suggestion for what to buy"
    )
    notes: list[str] = Field(default_factory=list)


class PhotoDescription(BaseModel):
    """What the photo says, for the person to confirm."""

    color: str = Field(description="The garment's colour family (rembg or the fallback mask)")
    rgb: list[int]
    color_source: str = Field(description="image/rembg, image/fallback, or name")
    category: str = Field(description="Suggested category")
    mid_class: str = Field(description="Suggested mid class")
    suggested_from: str = Field(description="name (a garment word in it) or silhouette (shape)")
    silhouette: float = Field(description="Height / width of the garment's outline")
    masker: str = Field(description="rembg when its model is installed, else fallback")


class PhotoAnswer(BaseModel):
    """The description and, once category and mid class were sent (confirmed), the piece added."""

    description: PhotoDescription
    added: OwnedItem | None = None
    thumbnail_kept: bool = Field(
        description="Whether a 160-pixel thumbnail was kept as the piece's picture; the photo "
        "itself is never stored"
    )
