"""The outfit look-up: real outfits that combine an owned item with a picked one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from neo4j import Driver

from graph.db.connection import read

Match = Literal["items", "clusters", "none"]


@dataclass
class OutfitMatch:
    """How the outfits matched (both items, else both clusters, else none) and the outfits,
    each `{"outfit": {...}, "items": [...]}`."""

    match: Match
    outfits: list[dict[str, Any]] = field(default_factory=list)


def outfits_with(driver: Driver, owned: str, picked: str, limit: int = 12) -> OutfitMatch:
    """Real outfits holding both items; else outfits holding both items' clusters."""
    rows = read(driver, "outfits/with_both_items", owned=owned, picked=picked, limit=limit)
    if rows:
        return OutfitMatch("items", rows)
    rows = read(driver, "outfits/with_both_clusters", owned=owned, picked=picked, limit=limit)
    return OutfitMatch("clusters", rows) if rows else OutfitMatch("none")
