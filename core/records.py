"""The record model: snap outfit JSON (what the spiders emit and the importer reads), validated,
and the catalog item and outfit every layer reads.

See ../shared/data/musinsa-snap-2025/README.md. A record that does not validate is rejected
whole, with a reason, never half-loaded. Every field has bounds; fields the model does not name
are dropped (and counted by the importer), never written onto nodes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.vocabulary import ID_PATTERN, item_cluster

Url = Annotated[str, Field(max_length=2000)]
Label = Annotated[str, Field(max_length=100)]
# Optional record fields stored as node properties when given (all others are the graph's own).
ITEM_EXTRAS = (
    "brand_id",
    "normal_price",
    "sale_price",
    "discount_rate",
    "category_mid",
    "gender",
    "season",
    "season_year",
    "review_count",
    "rating",
    "likes",
    "color_options",
    "images",
)
OUTFIT_EXTRAS = (
    "likes",
    "views",
    "comments",
    "model_height",
    "model_weight",
    "content_type",
    "created_at",
)


class SnapItem(BaseModel):
    """One product as it appears in an outfit (or in a catalog list)."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    item_id: str = Field(pattern=ID_PATTERN)
    category: str = Field(min_length=1, max_length=64)
    brand: str | None = Field(default=None, max_length=200)
    name: str = Field(min_length=1, max_length=500)
    price: int | None = Field(default=None, ge=0, le=100_000_000)
    image_url: str | None = Field(default=None, max_length=2000)
    purchase_url: str | None = Field(default=None, max_length=2000)
    position: int | None = Field(default=None, ge=0, le=1000)
    image_urls: list[Url] = Field(default_factory=list, max_length=50)
    category_path: str | None = Field(default=None, max_length=300)
    # given by the sample and by enriched exports (derived from the name otherwise)
    mid_class: str | None = Field(default=None, max_length=64)
    color: str | None = Field(default=None, max_length=32)
    # what the goods spider adds; stored as Item properties (ITEM_EXTRAS)
    brand_id: str | None = Field(default=None, max_length=100)
    normal_price: int | None = Field(default=None, ge=0, le=100_000_000)
    sale_price: int | None = Field(default=None, ge=0, le=100_000_000)
    discount_rate: int | None = Field(default=None, ge=0, le=100)
    category_mid: str | None = Field(default=None, max_length=100)
    gender: str | None = Field(default=None, max_length=32)
    season: str | None = Field(default=None, max_length=32)
    season_year: str | None = Field(default=None, max_length=16)
    review_count: int | None = Field(default=None, ge=0, le=1_000_000_000)
    rating: float | None = Field(default=None, ge=0, le=100, allow_inf_nan=False)
    likes: int | None = Field(default=None, ge=0, le=1_000_000_000_000)
    color_options: list[Label] | None = Field(default=None, max_length=50)
    images: list[Url] | None = Field(default=None, max_length=50)

    @field_validator("item_id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class SnapOutfit(BaseModel):
    """One real outfit ("snap") with the products worn in it."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    outfit_id: str = Field(pattern=ID_PATTERN)
    gender: str | None = Field(default=None, max_length=32)
    detail_url: str | None = Field(default=None, max_length=2000)
    image_url: str | None = Field(default=None, max_length=2000)
    items: list[SnapItem] = Field(min_length=1, max_length=50)
    season: str | None = Field(default=None, max_length=32)
    style: str | None = Field(default=None, max_length=64)
    description: str | None = Field(default=None, max_length=20_000)
    tags: list[Label] | None = Field(default=None, max_length=100)
    # what the snaps spider adds; stored as Outfit properties (OUTFIT_EXTRAS)
    likes: int | None = Field(default=None, ge=0, le=1_000_000_000_000)
    views: int | None = Field(default=None, ge=0, le=1_000_000_000_000)
    comments: int | None = Field(default=None, ge=0, le=1_000_000_000_000)
    model_height: int | None = Field(default=None, ge=0, le=300)
    model_weight: int | None = Field(default=None, ge=0, le=500)
    content_type: str | None = Field(default=None, max_length=64)
    created_at: str | None = Field(default=None, max_length=64)

    @field_validator("outfit_id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Item(BaseModel):
    """A catalog item as the graph stores it and every layer reads it (importer rows, the
    training export, API responses)."""

    id: str
    name: str
    brand: str | None = None
    price: int | None = None
    category: str
    mid_class: str | None = None
    color: str | None = None
    cluster: str | None = None
    url: str | None = None
    image_url: str | None = None
    popularity: int = 0
    worn_by: str | None = None  # men, women or unisex: who its outfits are for (None: no outfit)


def item_from_row(row: Mapping[str, Any]) -> Item:
    """An item as a query returns it (its properties, `cluster` when the query joined it) in the
    form the training export and the ranker read."""
    price = row.get("price")
    return Item(
        id=str(row["id"]),
        name=row.get("name") or "",
        brand=row.get("brand"),
        price=int(price) if isinstance(price, int | float) else None,
        category=row.get("category") or "",
        mid_class=row.get("mid_class"),
        color=row.get("color"),
        cluster=item_cluster(row),
    )


class Outfit(BaseModel):
    """A real outfit as the graph stores it and every layer reads it (without its items, which
    each reader holds in its own form)."""

    id: str
    style: str | None = None
    season: str | None = None
    gender: str | None = None
    url: str | None = None
    image_url: str | None = None
    description: str | None = None
