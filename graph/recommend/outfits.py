"""The outfit look-up: real outfits that combine an owned item with a picked one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from neo4j import Driver

from core.errors import ItemNotFound
from graph.db.connection import read
from graph.recommend.catalog_cache import CatalogCache
from graph.recommend.occasion import ANY_OCCASION, Occasion

Match = Literal["items", "clusters", "none"]
# the outfits of two clusters: the same for every pair of their items, until the next refresh
CLUSTER_OUTFITS: CatalogCache[list[dict[str, Any]]] = CatalogCache("outfits of two clusters")


@dataclass
class OutfitMatch:
    """How the outfits matched (both items, else both clusters, else none) and the outfits,
    each `{"outfit": {...}, "items": [...]}`."""

    match: Match
    outfits: list[dict[str, Any]] = field(default_factory=list)


def outfits_with(
    driver: Driver, owned: str, picked: str, limit: int = 12, occasion: Occasion = ANY_OCCASION
) -> OutfitMatch:
    """Real outfits holding both items; else outfits holding both items' clusters; only those
    of the occasion's style, season and gender. Raises ItemNotFound for an unknown id."""
    pair = read(driver, "outfits/pair", owned=owned, picked=picked)[0]
    for item in pair["items"]:
        if not item["found"]:
            raise ItemNotFound(item["id"])
    labels = {"style": occasion.style, "season": occasion.season, "gender": occasion.gender}
    rows = read(
        driver, "outfits/with_both_items", owned=owned, picked=picked, limit=limit, **labels
    )
    if rows:
        return OutfitMatch("items", rows)
    a, b = (item["cluster"] for item in pair["items"])
    if a is None or b is None:
        return OutfitMatch("none")
    rows = CLUSTER_OUTFITS.get(
        pair["generation"],
        (*sorted((a, b)), limit, occasion.style, occasion.season, occasion.gender),
        lambda: read(
            driver,
            "outfits/with_both_clusters",
            owned_cluster=a,
            picked_cluster=b,
            limit=limit,
            **labels,
        ),
    )
    return OutfitMatch("clusters", rows) if rows else OutfitMatch("none")
