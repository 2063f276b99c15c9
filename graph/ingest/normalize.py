"""From validated snap records to the rows the graph stores (shared by importer and scraper).

Big categories are mapped to top/bottom/outer/shoes/bag/hat (others dropped); mid class and
colour family are derived by `enrich` from the category path or the product name; the cluster
key is "mid_class|color" ("mid_class|unknown" when the colour is not known; None without a mid
class).
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field

from core.records import ITEM_EXTRAS, OUTFIT_EXTRAS, Item, Outfit, SnapItem, SnapOutfit
from core.vocabulary import cluster_key, outfit_labels
from enrich.colors import color_from_name
from enrich.taxonomy import big_category, mid_class

HASHTAG = re.compile(r"#([^\s#]{1,60})")


class ItemRow(Item):
    """An item as the importer writes it: the record model plus extra scalar properties."""

    extra: dict[str, Any] = Field(default_factory=dict)
    ignored: list[str] = Field(default_factory=list)  # fields the record model does not name


class OutfitRow(Outfit):
    """An outfit as the importer writes it, with its items (in order) and tags."""

    tags: list[str] = Field(default_factory=list)
    items: list[ItemRow] = Field(default_factory=list)
    positions: list[int] = Field(default_factory=list)
    dropped_items: int = 0
    extra: dict[str, Any] = Field(default_factory=dict)
    ignored: list[str] = Field(default_factory=list)


def normalize_item(item: SnapItem) -> ItemRow | None:
    """The stored form of an item, or None when its big category is not one we keep."""
    big = big_category(item.category)
    if big is None:
        return None
    mid = item.mid_class or mid_class(item.name, big, item.category_path)
    color = item.color or color_from_name(item.name)
    return ItemRow(
        id=item.item_id,
        name=item.name,
        brand=item.brand or None,
        price=item.price,
        category=big,
        mid_class=mid,
        color=color,
        cluster=cluster_key(mid, color),
        url=item.purchase_url,
        image_url=item.image_url or (item.image_urls[0] if item.image_urls else None),
        extra=_given(item, ITEM_EXTRAS),
        ignored=sorted(item.model_extra or {}),
    )


def normalize_outfit(outfit: SnapOutfit) -> OutfitRow:
    """The stored form of an outfit; items in dropped categories are counted, not kept."""
    items: list[ItemRow] = []
    positions: list[int] = []
    seen: set[str] = set()
    dropped = 0
    for index, raw in enumerate(outfit.items, start=1):
        row = normalize_item(raw)
        if row is None:
            dropped += 1
            continue
        if row.id in seen:
            continue
        seen.add(row.id)
        items.append(row)
        positions.append(raw.position if raw.position is not None else index)
    return OutfitRow(
        id=outfit.outfit_id,
        **outfit_labels(outfit.style, outfit.season, outfit.gender),
        url=outfit.detail_url,
        image_url=outfit.image_url,
        description=outfit.description,
        tags=_merge_tags(hashtags(outfit.description), outfit.tags),
        items=items,
        positions=positions,
        dropped_items=dropped,
        extra=_given(outfit, OUTFIT_EXTRAS),
        ignored=sorted(outfit.model_extra or {}),
    )


def hashtags(text: str | None) -> list[str]:
    """The distinct hashtags of a description, in order, without '#'."""
    if not text:
        return []
    return list(dict.fromkeys(tag.strip("_").lower() for tag in HASHTAG.findall(text) if tag))


def _merge_tags(found: list[str], given: list[str] | None) -> list[str]:
    """Hashtags of the description plus an explicit `tags` list (e.g. from the snap API)."""
    if not given:
        return found
    extra = (str(tag).strip().strip("#").lower() for tag in given if str(tag).strip("# "))
    return list(dict.fromkeys([*found, *(tag[:60] for tag in extra)]))


def _given(record: SnapItem | SnapOutfit, names: tuple[str, ...]) -> dict[str, Any]:
    """The optional stored fields the record gives (validated and bounded by the record model)."""
    return {name: value for name in names if (value := getattr(record, name)) is not None}
