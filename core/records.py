"""The record model: snap outfit JSON (what the spiders emit and the importer reads), validated,
and the catalog item and outfit every layer reads.

See ../shared/data/musinsa-snap-2025/README.md. A record that does not validate is rejected
whole, with a reason, never half-loaded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from core.vocabulary import ID_PATTERN, item_cluster


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
    image_urls: list[str] = Field(default_factory=list)
    category_path: str | None = Field(default=None, max_length=300)

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
