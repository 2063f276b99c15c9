"""Wearable outfits: the one definition every closet answer uses, and the closet's outfits.

**Wearable outfit** (one definition everywhere): one top, one bottom and optionally one outer
from the closet, such that every two of them belong to clusters that are worn together
(`PAIRS_WITH.outfits >= min_support`, default 1) in real outfits. Outfits are counted as looks,
i.e. by their cluster combination: two owned items of the same cluster and category are
interchangeable (an outfit shows the one that real outfits wear most with the others), so a
second navy shirt adds no new outfit. Two clusters never pair with themselves (co-occurrence is
recorded between different clusters); items without a cluster (no mid class) take part in no
outfit. Shoes, bags and hats are not counted; complete-the-look adds them on request under the
same pairwise rule. The enumeration takes its pair counts through `PairTable`, so it runs
without a database in the unit tests.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from core.vocabulary import CORE_CATEGORIES
from graph.db.connection import read
from graph.recommend.brands import ANY_BRAND, BrandFilter
from graph.recommend.occasion import (
    ANY_OCCASION,
    NO_OUTFITS,
    Occasion,
    affinities,
    dressed_for,
    labels_of,
    look_lift,
)
from graph.recommend.pairs import DEFAULT_MIN_SUPPORT, PairBook, PairTable
from graph.recommend.wording import sentence
from graph.wardrobe import Closet

DEFINITION = sentence(
    "one top + one bottom (+ optionally one outer), every two of them from clusters worn "
    "together in at least {min_support} real outfit(s)",
    "상의 1 + 하의 1 (+ 선택으로 아우터 1), 모든 두 아이템의 종류가 실제 코디 "
    "{min_support}개 이상에서 함께 입힌 조합",
)


@dataclass(eq=False)
class Piece:
    """An item taking part in outfits: owned, a catalog candidate, or a given piece."""

    id: str
    category: str
    cluster: str | None
    item: dict[str, Any]
    source: str = "owned"

    @classmethod
    def of(cls, item: dict[str, Any], cluster: str | None, source: str) -> Piece:
        return cls(str(item["id"]), str(item.get("category") or ""), cluster, item, source)


@dataclass
class PairStep:
    """One edge of the explaining path: clusters a and b are worn together in `outfits`."""

    a: str
    b: str
    outfits: int


@dataclass
class WearableOutfit:
    """A wearable outfit: its pieces, the pairwise path, its weakest link and real outfits."""

    pieces: tuple[Piece, ...]
    path: list[PairStep]
    support: int
    real_outfits: int = 0
    options: tuple[tuple[Piece, ...], ...] = ()
    lift: float | None = None  # with a style or season: the look's lift (occasion.look_lift)

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.pieces]


@dataclass
class ClosetOutfits:
    """A closet's core pieces, the pair counts read for them, and their wearable outfits."""

    pieces: list[Piece]
    book: PairTable
    outfits: list[WearableOutfit]


@dataclass
class ShoppingScope:
    """Where to shop: the categories, the item ids never to suggest, and the brands."""

    categories: list[str]
    exclude: list[str]
    brands: BrandFilter = ANY_BRAND


def core_pieces(closet: Closet) -> list[Piece]:
    """The owned pieces that can take part in wearable outfits (core category, a cluster)."""
    return [
        Piece.of(p.item, p.cluster, "owned")
        for p in closet.pieces
        if p.category in CORE_CATEGORIES and p.cluster
    ]


def path_of(pieces: Sequence[Piece], book: PairTable) -> tuple[list[PairStep], int]:
    """The pairwise path of pieces (every two of them) and its weakest link."""
    steps = [
        PairStep(a.cluster or "", b.cluster or "", book.outfits(a.cluster, b.cluster))
        for a, b in itertools.combinations(pieces, 2)
    ]
    return steps, min((s.outfits for s in steps), default=0)


def fits(piece: Piece, others: Sequence[Piece], book: PairTable) -> bool:
    """True when `piece` pairs with every one of `others`."""
    return all(book.ok(piece.cluster, o.cluster) for o in others)


def slots(pieces: Sequence[Piece]) -> dict[tuple[str, str], list[Piece]]:
    """Pieces grouped by (category, cluster): the interchangeable members of each slot."""
    grouped: dict[tuple[str, str], list[Piece]] = {}
    for p in pieces:
        if p.category in CORE_CATEGORIES and p.cluster:
            grouped.setdefault((p.category, p.cluster), []).append(p)
    return grouped


def enumerate_outfits(
    pieces: Sequence[Piece], book: PairTable, including: Piece | None = None
) -> list[WearableOutfit]:
    """Every wearable outfit (look) of `pieces`; only the new ones `including` adds, if given."""
    grouped = slots(pieces)
    by: dict[str, list[list[Piece]]] = {c: [] for c in CORE_CATEGORIES}
    for (category, _), members in sorted(grouped.items()):
        by[category].append(members)
    if including is not None:
        slot = (including.category, including.cluster or "")
        if including.category not in CORE_CATEGORIES or not including.cluster or slot in grouped:
            return []
        by[including.category] = [[including]]
    found = []
    for tops in by["top"]:
        for bottoms in by["bottom"]:
            if not book.ok(tops[0].cluster, bottoms[0].cluster):
                continue
            base = (tops[0], bottoms[0])
            found.append(
                WearableOutfit(base, *path_of(base, book), 0, (tuple(tops), tuple(bottoms)))
            )
            for outers in by["outer"]:
                if fits(outers[0], base, book):
                    look = (*base, outers[0])
                    options = (tuple(tops), tuple(bottoms), tuple(outers))
                    found.append(WearableOutfit(look, *path_of(look, book), 0, options))
    if including is not None:  # an outer: the top + bottom bases it completes are not new
        return [o for o in found if including in o.pieces]
    return found


def count_real(
    driver: Driver,
    outfits: list[WearableOutfit],
    combos: int = 27,
    occasion: Occasion = ANY_OCCASION,
) -> None:
    """Set `real_outfits` (real outfits containing all the items, only those of the occasion's
    style, season and gender) and pick, among the owned items of each slot, the combination
    real outfits wear most (first `combos` tried)."""
    ids = sorted(
        {p.id for o in outfits for opts in (o.options or [(q,) for q in o.pieces]) for p in opts}
    )
    if not ids:
        return
    rows = read(
        driver,
        "closet/item_outfits",
        ids=ids,
        style=occasion.style,
        season=occasion.season,
        gender=occasion.gender,
    )
    wearing = {r["id"]: set(r["outfits"]) for r in rows}
    for outfit in outfits:
        options = outfit.options or tuple((p,) for p in outfit.pieces)
        best = (-1, outfit.pieces)
        for combo in itertools.islice(itertools.product(*options), combos):
            sets = [wearing.get(p.id, set()) for p in combo]
            real = len(set.intersection(*sets)) if sets else 0
            if real > best[0]:
                best = (real, combo)
        outfit.real_outfits, outfit.pieces = best[0], tuple(best[1])


def rank_outfits(outfits: list[WearableOutfit]) -> list[WearableOutfit]:
    """Real ones first (most real outfits), then by the occasion's lift when one was asked,
    weakest link, larger outfits, ids."""
    return sorted(
        outfits,
        key=lambda o: (-o.real_outfits, -(o.lift or 1.0), -o.support, -len(o.pieces), o.ids),
    )


def suit_occasion(
    driver: Driver, outfits: list[WearableOutfit], occasion: Occasion
) -> list[WearableOutfit]:
    """With a style or season: each outfit's look lift, and only the outfits that suit it — a
    real outfit of that style and season holds them (count_real under the occasion), or their
    pieces' outfits carry it at least as often as outfits at large (look lift ≥ 1)."""
    if not occasion.boosts:
        return outfits
    labels = labels_of(driver, occasion)
    found = affinities(driver, (p.id for o in outfits for p in o.pieces), occasion)
    kept = []
    for outfit in outfits:
        outfit.lift = look_lift(
            [found.get(p.id, NO_OUTFITS).lift(occasion, labels) for p in outfit.pieces]
        )
        if outfit.real_outfits > 0 or outfit.lift >= 1.0:
            kept.append(outfit)
    return kept


def wearable_outfits(
    driver: Driver,
    closet: Closet,
    min_support: int = DEFAULT_MIN_SUPPORT,
    occasion: Occasion = ANY_OCCASION,
) -> list[WearableOutfit]:
    """The closet's wearable outfits, ranked, with their real-outfit counts; with an
    occasion, only those of pieces its gender wears that suit its style and season."""
    found = closet_outfits(driver, dressed_for(closet, occasion), min_support).outfits
    count_real(driver, found, occasion=occasion)
    return rank_outfits(suit_occasion(driver, found, occasion))


def closet_outfits(driver: Driver, closet: Closet, min_support: int) -> ClosetOutfits:
    """The closet's core pieces, a PairBook primed with their clusters, and their outfits."""
    pieces = core_pieces(closet)
    book = PairBook(driver, min_support)
    book.ensure(p.cluster for p in pieces)
    return ClosetOutfits(pieces, book, enumerate_outfits(pieces, book))


def shopping_scope(closet: Closet, category: str | None, brands: str = "any") -> ShoppingScope:
    """The categories to shop in, the item ids never to suggest (owned and dismissed), and
    the brands: any, only the closet's (`same`) or only others (`other`)."""
    wanted = [category] if category else list(CORE_CATEGORIES)
    owned_brands = BrandFilter.of(brands, [p.item for p in closet.pieces])
    return ShoppingScope(wanted, [*closet.item_ids, *closet.dismissed], owned_brands)
