"""The next piece: the catalog items that unlock the most new wearable outfits.

The work is done at cluster level: one query reads the co-occurrence partners of the closet's
clusters (bounded by their PAIRS_WITH degree); the marginal gain of a candidate cluster — how
many new wearable outfits one more item of it would create — is computed in numpy from the
closet's compatibility matrix (`cluster_gains`, pure); only then are items picked from the best
clusters, a bounded number per cluster (`cypher/closet/cluster_items.cypher`). A LightGCN model,
when one is active, weights each item: score = new outfits × (0.5 + 0.5 · sigmoid(mean SCORED
score from the closet's clusters)), so the model reorders items of similar gain but never
outweighs a whole extra outfit by more than a factor of two; without a model the weight is 1.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from neo4j import Driver

from core.vocabulary import CORE_CATEGORIES, split_cluster_key
from graph.db.connection import read
from graph.recommend.brands import ANY_BRAND, BrandFilter
from graph.recommend.catalog_cache import CatalogCache, frozen
from graph.recommend.occasion import (
    ANY_OCCASION,
    NO_OUTFITS,
    POOL_FACTOR,
    Occasion,
    affinities,
    dressed_for,
    labels_of,
)
from graph.recommend.pairs import DEFAULT_MIN_SUPPORT, PairTable
from graph.recommend.wearable import (
    Piece,
    WearableOutfit,
    closet_outfits,
    enumerate_outfits,
    rank_outfits,
    shopping_scope,
    slots,
)
from graph.wardrobe import Closet

# a (cluster, category)'s most worn catalog items, until the next refresh
BEST_ITEMS: CatalogCache[list[dict[str, Any]]] = CatalogCache("cluster best items")


@dataclass
class ClusterGain:
    """One more item of `category` in `cluster`: the new outfits and the owned pieces it pairs."""

    cluster: str
    category: str
    gain: int
    pairs_with: int
    strength: int


@dataclass
class NextPiece:
    """A catalog item, the new wearable outfits it creates, its score and why."""

    piece: Piece
    gain: ClusterGain
    weight: float
    model_score: float | None
    score: float
    partners: list[tuple[Piece, int]] = field(default_factory=list)
    worn_with: dict[str, int] = field(default_factory=dict)
    unlocks: list[WearableOutfit] = field(default_factory=list)
    lift: float | None = None  # with a style or season: the piece's lift (graph.recommend.occasion)


@dataclass
class NextPieces:
    """How many outfits the closet wears now, and the next pieces, best first."""

    current_outfits: int
    picks: list[NextPiece]


def cluster_gains(
    pieces: Sequence[Piece], book: PairTable, wanted: Sequence[str]
) -> list[ClusterGain]:
    """Marginal gain of one more item for every (partner cluster, category), best first.

    Over the closet's slots (one per owned cluster and category) and the slots v the new
    item's cluster pairs with: a top (or bottom) adds Σ_{bottoms b ∈ v} (1 + Σ_{outers o ∈ v}
    M[b, o]) outfits; an outer adds Σ_{tops t, bottoms b ∈ v} M[t, b] — with M the closet's
    pairwise compatibility. A cluster the closet already holds in that category adds nothing
    and is not a candidate. `pairs_with` counts owned items (not slots).
    """
    book.ensure(p.cluster for p in pieces)
    owned_slots = slots(pieces)
    pieces = [members[0] for members in owned_slots.values()]
    sizes = np.array([len(members) for members in owned_slots.values()], dtype=np.float64)
    n = len(pieces)
    cats = np.array([p.category for p in pieces], dtype=object)
    mask = {c: (cats == c) if n else np.zeros(0, dtype=bool) for c in CORE_CATEGORIES}
    compat = np.zeros((n, n), dtype=np.float64)
    for i, j in itertools.combinations(range(n), 2):
        a, b = pieces[i], pieces[j]
        if a.category != b.category and book.ok(a.cluster, b.cluster):
            compat[i, j] = compat[j, i] = 1.0
    candidates: dict[str, int] = {}
    for p in pieces:
        for key, outfits in book.neighbors.get(p.cluster or "", {}).items():
            if outfits >= book.min_support:
                candidates[key] = candidates.get(key, 0) + outfits
    entries: list[tuple[str, str]] = [
        (key, c)
        for key in sorted(candidates)
        for c in book.categories(key, wanted)
        if (c, key) not in owned_slots
    ]
    if not entries or n == 0:
        return []
    fits = np.zeros((len(entries), n), dtype=np.float64)
    rows_of: dict[str, list[int]] = {}
    for row, (key, _) in enumerate(entries):
        rows_of.setdefault(key, []).append(row)
    entry_cat = np.array([c for _, c in entries], dtype=object)
    for col, p in enumerate(pieces):  # O(sum of the slots' degrees), not entries × slots
        hits = [
            row
            for key, outfits in book.neighbors.get(p.cluster or "", {}).items()
            if outfits >= book.min_support
            for row in rows_of.get(key, ())
        ]
        if hits:
            idx = np.array(hits)
            fits[idx[entry_cat[idx] != p.category], col] = 1.0
    gains = np.zeros(len(entries))
    for c in CORE_CATEGORIES:
        rows = entry_cat == c
        if not rows.any():
            continue
        v = fits[rows]
        if c == "outer":
            vt, vb = v * mask["top"], v * mask["bottom"]
            gains[rows] = np.einsum("ci,ij,cj->c", vt, compat, vb)
        else:
            other = "bottom" if c == "top" else "top"
            vr, vo = v * mask[other], v * mask["outer"]
            gains[rows] = vr.sum(1) + np.einsum("ci,ij,cj->c", vr, compat, vo)
    result = [
        ClusterGain(key, c, int(round(gains[k])), int(fits[k] @ sizes), candidates[key])
        for k, (key, c) in enumerate(entries)
        if fits[k].any()
    ]
    result.sort(key=lambda g: (-g.gain, -g.pairs_with, -g.strength, g.cluster, g.category))
    return result


def cluster_pick(key: str, category: str) -> dict[str, str]:
    """A row of cypher/closet/cluster_items.cypher."""
    mid, color = split_cluster_key(key)
    return {"cluster": key, "category": category, "mid_class": mid, "color": color}


def best_items(
    driver: Driver,
    generation: int | None,
    gains: Sequence[ClusterGain],
    exclude: Sequence[str],
    budget: int | None,
    per_cluster: int,
    brands: BrandFilter,
) -> dict[tuple[str, str], dict[str, dict[str, Any]]]:
    """The best `per_cluster` catalog items of each (cluster, category) of `gains`, without
    `exclude`, by id, most worn first. Each list is read with room for the exclusions (the next
    power of two, at least 4, so closets of similar size share it) and kept until the next
    refresh."""
    room = per_cluster + (1 << max(3, len(exclude) - 1).bit_length())
    brand_params = brands.params()

    def from_graph(missing: list[tuple]) -> dict[tuple, list[dict[str, Any]]]:
        rows = read(
            driver,
            "closet/cluster_items",
            picks=[cluster_pick(cluster, category) for cluster, category, *_ in missing],
            exclude=[],
            budget=budget,
            per_cluster=room,
            **brand_params,
        )
        got = {(row["cluster"], row["category"]): row["items"] for row in rows}
        return {entry: got.get(entry[:2], []) for entry in missing}

    keys = [(g.cluster, g.category, room, budget, frozen(brand_params)) for g in gains]
    skip = set(exclude)
    found: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for entry, items in BEST_ITEMS.get_many(generation, keys, from_graph).items():
        kept = [item for item in items if item["id"] not in skip][:per_cluster]
        found[entry[:2]] = {item["id"]: item for item in kept}
    return found


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def rank_next(
    driver: Driver,
    pieces: Sequence[Piece],
    book: PairTable,
    exclude: Sequence[str],
    wanted: Sequence[str] = CORE_CATEGORIES,
    budget: int | None = None,
    limit: int = 10,
    per_cluster: int = 2,
    model: str | None = None,
    brands: BrandFilter = ANY_BRAND,
    occasion: Occasion = ANY_OCCASION,
) -> list[NextPiece]:
    """The catalog items that add the most wearable outfits to `pieces`, best first; with an
    occasion, never the other gender's, and weighted by their style and season lift."""
    gains = cluster_gains(pieces, book, wanted)
    positive = [g for g in gains if g.gain > 0]
    shortlist = (positive or gains)[: max(2 * limit, 4)]
    if not shortlist:
        return []
    read_per_cluster = per_cluster * POOL_FACTOR if occasion.active else per_cluster
    found = best_items(
        driver, book.generation, shortlist, exclude, budget, read_per_cluster, brands
    )
    keys = sorted({p.cluster for p in pieces if p.cluster})
    scores: dict[str, float] = {}
    if model:
        scored = read(
            driver,
            "closet/scored_items",
            keys=keys,
            targets=sorted({g.cluster for g in shortlist}),
            model=model,
            exclude=list(exclude),
            budget=budget,
            **brands.params(),
        )
        scored.sort(key=lambda r: -float(r["score"]))
        for row in scored:
            slot = found.setdefault((row["cluster"], row["item"].get("category")), {})
            if row["item"]["id"] in slot or len(slot) < 2 * per_cluster:
                slot[row["item"]["id"]] = row["item"]
                scores[row["item"]["id"]] = float(row["score"])
    ranked: list[NextPiece] = []
    for g in shortlist:
        for item in found.get((g.cluster, g.category), {}).values():
            raw = scores.get(item["id"])
            weight = 1.0 if not model else 0.5 + 0.5 * (_sigmoid(raw) if raw is not None else 0.0)
            score = (g.gain if g.gain > 0 else 0.01 * g.pairs_with) * weight
            ranked.append(NextPiece(Piece.of(item, g.cluster, "catalog"), g, weight, raw, score))
    if occasion.active:
        ranked = fit_next(driver, ranked, occasion, per_cluster)
    ranked.sort(
        key=lambda n: (
            -n.score,
            -n.gain.gain,
            -n.gain.pairs_with,
            -int(n.piece.item.get("popularity") or 0),
            n.piece.id,
        )
    )
    return ranked[:limit]


def fit_next(
    driver: Driver, picks: list[NextPiece], occasion: Occasion, per_cluster: int
) -> list[NextPiece]:
    """The picks the occasion's gender may wear, each score multiplied by its style and season
    lift, the best `per_cluster` of each (cluster, category) kept."""
    labels = labels_of(driver, occasion)
    found = affinities(driver, (n.piece.id for n in picks), occasion)
    kept: list[NextPiece] = []
    for n in picks:
        seen = found.get(n.piece.id, NO_OUTFITS)
        if not occasion.allows(seen.worn_by or n.piece.item.get("worn_by")):
            continue
        if occasion.boosts:
            n.lift = seen.lift(occasion, labels)
            n.score *= n.lift
        kept.append(n)
    kept.sort(key=lambda n: (-n.score, n.piece.id))
    taken: dict[tuple[str | None, str], int] = {}
    out = []
    for n in kept:
        slot = (n.piece.cluster, n.piece.category)
        if taken.get(slot, 0) < per_cluster:
            taken[slot] = taken.get(slot, 0) + 1
            out.append(n)
    return out


def add_reasons(
    driver: Driver,
    pieces: Sequence[Piece],
    book: PairTable,
    picks: list[NextPiece],
    unlock_limit: int = 5,
) -> None:
    """Fill each pick's partners (owned pieces its cluster pairs with), real outfits wearing it
    with owned items, and the outfits it unlocks (first `unlock_limit`)."""
    owned_ids = [p.id for p in pieces]
    if picks and owned_ids:
        rows = read(
            driver, "closet/worn_together", ids=[n.piece.id for n in picks], others=owned_ids
        )
        for row in rows:
            for n in picks:
                if n.piece.id == row["id"]:
                    n.worn_with[row["other"]] = int(row["outfits"])
    for n in picks:
        n.partners = [
            (p, book.outfits(n.piece.cluster, p.cluster))
            for p in pieces
            if p.category != n.piece.category and book.ok(n.piece.cluster, p.cluster)
        ]
        n.partners.sort(key=lambda pair: (-pair[1], pair[0].id))
        unlocked = enumerate_outfits(pieces, book, including=n.piece)
        n.unlocks = rank_outfits(unlocked)[:unlock_limit]


def next_pieces(
    driver: Driver,
    closet: Closet,
    category: str | None = None,
    budget: int | None = None,
    limit: int = 10,
    per_cluster: int = 2,
    min_support: int = DEFAULT_MIN_SUPPORT,
    model: str | None = None,
    brands: str = "any",
    occasion: Occasion = ANY_OCCASION,
) -> NextPieces:
    """The wearable outfits now, and the next pieces ranked by the new outfits each adds; with
    an occasion, counted over the pieces its gender wears and fitted to it (`fit_next`)."""
    now = closet_outfits(driver, dressed_for(closet, occasion), min_support)
    scope = shopping_scope(closet, category, brands)
    picks = rank_next(
        driver,
        now.pieces,
        now.book,
        scope.exclude,
        scope.categories,
        budget,
        limit,
        per_cluster,
        model,
        scope.brands,
        occasion,
    )
    add_reasons(driver, now.pieces, now.book, picks)
    return NextPieces(len(now.outfits), picks)
