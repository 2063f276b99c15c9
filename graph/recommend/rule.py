"""Rule-based recommendation over the outfit graph (the Cypher of cypher/recommend/).

From an owned item to its cluster, to the clusters that co-occur with it in real outfits, to
their items — grouped per big category, ranked by co-occurrence strength then popularity. A
category the item's own cluster has no co-occurrence for is filled by backing off to the
clusters of its mid class, then to those of its colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from neo4j import Driver

from core.errors import ItemNotFound
from core.vocabulary import BIG_CATEGORIES
from graph.db.connection import read
from graph.ingest.cooccurrence import TOP_K
from graph.recommend.brands import BrandFilter
from graph.recommend.catalog_cache import CatalogCache, frozen

BACKOFF_LEVELS = ("cluster", "mid_class", "color")
# one back-off level's answer: the same for every item of a cluster, until the next refresh
CANDIDATES: CatalogCache[list[dict[str, Any]]] = CatalogCache("rule candidates")


def reads_top(brands: str, per_category: int, excluded: int) -> bool:
    """Whether the clusters' precomputed best items (TOP) give the exact answer: without a
    brand filter, and when no more than TOP_K items of one cluster can be needed."""
    return brands == "any" and per_category + excluded <= TOP_K


def candidate_query(name: str, use_top: bool) -> str:
    """The named candidate query reading the clusters' lists, or its `_scan` twin."""
    return name if use_top else f"{name}_scan"


@dataclass
class Candidate:
    """One recommended item, with why it was chosen."""

    item: dict[str, Any]
    strength: int
    cluster: str | None
    basis: str
    pairs_with: int = 1
    partners: list[str] = field(default_factory=list)


@dataclass
class Recommendations:
    """Recommendations for one owned item (or a closet), per big category."""

    item: dict[str, Any] | None
    per_category: dict[str, list[Candidate]]


def recommend_for_item(
    driver: Driver,
    item_id: str,
    per_category: int = 10,
    exclude: list[str] | None = None,
    categories: list[str] | None = None,
    brands: str = "any",
) -> Recommendations:
    """Top `per_category` items of each other big category that go with `item_id`, of any
    brand, only its brand (`brands="same"`) or only other brands (`"other"`)."""
    rows = read(driver, "recommend/source_clusters", item_id=item_id)
    if not rows:
        raise ItemNotFound(item_id)
    source = rows[0]
    owned = source["item"]
    wanted = [c for c in (categories or BIG_CATEGORIES) if c != owned.get("category")]
    levels = {
        "cluster": [source["cluster"]] if source["cluster"] else [],
        "mid_class": source["mid_class_keys"],
        "color": source["color_keys"],
    }
    # the owned item is never a candidate (another category), so it is left out of the key
    excluded = list(exclude or [])
    use_top = reads_top(brands, per_category, len(excluded))
    query = candidate_query("recommend/candidates", use_top)
    brand_params = {} if use_top else BrandFilter.of(brands, [owned]).params()
    result: dict[str, list[Candidate]] = {}
    for level in BACKOFF_LEVELS:
        missing = [c for c in wanted if c not in result]
        if not missing or not levels[level]:
            continue
        params = {
            "sources": levels[level],
            "owned_category": owned.get("category"),
            "exclude": excluded,
            "skip_categories": [c for c in BIG_CATEGORIES if c not in missing],
            "per_category": per_category,
            "categories": missing,
            **brand_params,
        }
        rows = CANDIDATES.get(
            source["generation"], (query, *frozen(params)), partial(read, driver, query, **params)
        )
        for row in rows:
            result[row["category"]] = [
                Candidate(c["item"], int(c["strength"]), c["cluster"], level) for c in row["top"]
            ]
    return Recommendations(owned, {c: result[c] for c in wanted if c in result})


def recommend_for_closet(
    driver: Driver,
    owned: list[str],
    per_category: int = 10,
    exclude: list[str] | None = None,
    brands: str = "any",
) -> Recommendations:
    """Candidates for several owned items, scored by how many of them each one pairs with, of
    any brand, only the owned items' brands or only other brands."""
    BrandFilter(brands)  # an unknown mode is a ValueError before any query
    owned = list(dict.fromkeys(owned))
    found = set(read(driver, "items/existing", ids=owned)[0]["ids"])
    missing = [item_id for item_id in owned if item_id not in found]
    if missing:
        raise ItemNotFound(missing[0])
    use_top = reads_top(brands, per_category, len(owned) + len(exclude or []))
    params: dict[str, Any] = {
        "owned": owned,
        "exclude": exclude or [],
        "per_category": per_category,
    }
    if use_top:
        params["categories"] = list(BIG_CATEGORIES)
    else:
        params["brands"] = brands
    rows = read(driver, candidate_query("recommend/closet_candidates", use_top), **params)
    return Recommendations(
        None,
        {
            row["category"]: [
                Candidate(
                    c["item"],
                    int(c["strength"]),
                    c["cluster"],
                    "cluster",
                    int(c["pairs_with"]),
                    list(c["partners"]),
                )
                for c in row["top"]
            ]
            for row in rows
        },
    )
