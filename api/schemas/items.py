"""Pydantic response and request models of the REST API."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from core import records
from core.records import Item
from core.vocabulary import ID_PATTERN, BrandMode, ModelName

__all__ = ["Item"]  # the record model, as the API serves it

BRANDS_HELP = (
    "any brand; same: only the owned items' brands; other: only other brands (items without a "
    "brand count as other)"
)


def _iso_text(value: object) -> object:
    if value is not None and not isinstance(value, str):
        raise ValueError("a date is a string YYYY-MM-DD")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_text)]  # never a number of seconds


class RequestBody(BaseModel):
    """A request body: unknown fields are ignored, never stored."""

    model_config = ConfigDict(extra="ignore")


class ItemDetail(Item):
    """An item with its graph context."""

    outfits: int = 0
    cluster_items: int | None = None


class SearchHit(BaseModel):
    item: Item
    score: float


class SearchResponse(BaseModel):
    query: str
    count: int
    items: list[SearchHit]


class Recommendation(BaseModel):
    """A recommended item, its score and why."""

    item: Item
    score: float = Field(
        description="The model's raw score when `probability` is set, else the rule's "
        "co-occurrence strength (outfits)"
    )
    probability: float | None = Field(
        default=None,
        description="When a model ranked it: the chance, calibrated on held-out outfits, that "
        "this piece is the one completing a real outfit against a random piece of its category",
    )
    strength: int = Field(description="Outfits in which the two clusters are worn together")
    basis: str = Field(description="cluster, mid_class or color (back-off level), or model")
    cluster: str | None = None
    pairs_with: int = Field(default=1, description="Owned items it pairs with (closet)")
    partners: list[str] = Field(default_factory=list)
    explanation: str
    lift: float | None = Field(
        default=None,
        description="With `style` or `season`: how much more (>1) or less (<1) often than "
        "outfits at large this piece's outfits carry them; its probability is updated by it",
    )


class CategoryRecommendations(BaseModel):
    category: str
    items: list[Recommendation]


class RecommendationsResponse(BaseModel):
    item: Item | None = None
    owned: list[str] = Field(default_factory=list)
    model: str = Field(description="The model that ranked: rule, lightgcn, hybrid or ranker")
    model_version: str | None = None
    note: str | None = None
    categories: list[CategoryRecommendations]


class ClosetRequest(RequestBody):
    """Several owned items."""

    items: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(min_length=1, max_length=200)
    per_category: int = Field(default=10, ge=1, le=100)
    model: ModelName | None = None
    brands: BrandMode = Field(default="any", description=BRANDS_HELP)


class Outfit(records.Outfit):
    """A real outfit with its items, in position order."""

    items: list[Item]


class OutfitsResponse(BaseModel):
    owned: str
    picked: str
    match: Literal["items", "clusters", "none"] = Field(
        description="items: real outfits with both; clusters: outfits with both clusters"
    )
    count: int
    outfits: list[Outfit]


class Category(BaseModel):
    category: str
    items: int
    mid_classes: list[str]
    colors: list[str]


class CacheStats(BaseModel):
    """One in-process cache of catalog answers (kept until the next co-occurrence refresh)."""

    name: str
    entries: int
    hits: int
    misses: int


class Health(BaseModel):
    status: str
    neo4j: str
    items: int | None = None
    caches: list[CacheStats] = []
