"""Complete the look: fill the missing categories of a look started from owned pieces, with
clusters worn with every given piece (and with each other), even when no real outfit holds the
combination."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from neo4j import Driver

from core.errors import ClosetConflict
from core.vocabulary import REQUIRED_CATEGORIES
from graph.db.connection import read
from graph.recommend.brands import ANY_BRAND
from graph.recommend.next_piece import cluster_pick
from graph.recommend.occasion import (
    ANY_OCCASION,
    NO_OUTFITS,
    POOL_FACTOR,
    Occasion,
    affinities,
    labels_of,
)
from graph.recommend.pairs import DEFAULT_MIN_SUPPORT, PairBook, PairTable
from graph.recommend.wearable import PairStep, Piece, WearableOutfit, count_real, path_of
from graph.recommend.wording import Note
from graph.wardrobe import Closet

LOOK_CANDIDATES = 12


@dataclass
class LookPiece:
    """A piece of a completed look: given, from the closet, or from the catalog."""

    piece: Piece
    role: str
    path: list[PairStep] = field(default_factory=list)


@dataclass
class Look:
    """A completed look, its pairwise path, weakest link and real outfits wearing it whole."""

    pieces: list[LookPiece]
    path: list[PairStep]
    support: int
    real_outfits: int = 0


@dataclass
class CompletedLooks:
    """The categories filled, the looks (best first) and, when there are none, why."""

    filled: list[str]
    looks: list[Look]
    note: Note | None = None


def complete_look(
    driver: Driver,
    closet: Closet,
    given_ids: Sequence[str],
    categories: Sequence[str] | None = None,
    limit: int = 3,
    min_support: int = DEFAULT_MIN_SUPPORT,
    model: str | None = None,
    occasion: Occasion = ANY_OCCASION,
) -> CompletedLooks:
    """The categories filled, the looks best first, and a note, for owned items `given_ids`.

    Fills the missing categories (by default the missing of top/bottom) with clusters worn with
    every given piece, and with each other, in real outfits — even when no real outfit holds the
    combination — then picks an owned piece of that cluster if the closet has one, else the best
    catalog item (model score, then popularity), never a dismissed one. With an occasion, no
    piece only the other gender wears is added, and of a cluster's best items the one whose
    outfits most carry its style and season is chosen.
    """
    request = look_request(closet, given_ids, categories)
    given, fill = request.given, request.fill
    book = PairBook(driver, min_support, categories=None)
    book.ensure(p.cluster for p in given)
    given_path, given_support = path_of(given, book)
    weak = next((s for s in given_path if s.outfits < max(1, min_support)), None)
    if weak is not None:
        return CompletedLooks(fill, [], Note("not_worn_together", (("a", weak.a), ("b", weak.b))))
    options = fill_options(book, given, fill)
    empty = [c for c in fill if not options[c]]
    if empty:
        return CompletedLooks(fill, [], Note("no_fill", (("categories", ",".join(empty)),)))
    book.ensure_among(option.cluster for c in fill for option in options[c])
    combos = rank_combinations(book, options, fill, given_support)[:limit]
    if not combos:
        return CompletedLooks(fill, [], Note("no_combination"))
    chosen = {(key, c) for combo in combos for key, c in zip(combo.clusters, fill, strict=True)}
    in_closet: dict[tuple[str, str], Piece] = {}
    for p in closet.pieces:
        if (p.cluster, p.category) in chosen and p.id not in given_ids:
            if not occasion.allows_item(p.item):
                continue
            piece = Piece.of(p.item, p.cluster, "closet")
            in_closet.setdefault((p.cluster or "", p.category), piece)
    need = sorted(k for k in chosen if k not in in_closet)
    excluded = [*closet.item_ids, *closet.dismissed]
    catalog = _best_items(driver, given, need, excluded, model, occasion)
    looks = assemble_looks(book, given, fill, combos, {**catalog, **in_closet})
    outfits = [WearableOutfit(tuple(lp.piece for lp in look.pieces), [], 0) for look in looks]
    count_real(driver, outfits)
    for look, outfit in zip(looks, outfits, strict=True):
        look.real_outfits = outfit.real_outfits
    return CompletedLooks(fill, looks, None)


@dataclass
class LookRequest:
    """The given pieces of a look and the categories to fill."""

    given: list[Piece]
    fill: list[str]


def look_request(
    closet: Closet, given_ids: Sequence[str], categories: Sequence[str] | None
) -> LookRequest:
    """Check the given owned items (one per category, each in a cluster) and the categories to
    fill (by default the missing of top and bottom); ClosetConflict says what does not fit."""
    owned = {p.id: p for p in closet.pieces}
    unknown = [i for i in given_ids if i not in owned]
    if unknown:
        raise ClosetConflict(f"not in this closet: {', '.join(unknown)}")
    given = [Piece.of(owned[i].item, owned[i].cluster, "given") for i in dict.fromkeys(given_ids)]
    if not given:
        raise ClosetConflict("give at least one owned item")
    no_cluster = [p.id for p in given if not p.cluster]
    if no_cluster:
        raise ClosetConflict(f"no cluster (mid class unknown) for: {', '.join(no_cluster)}")
    given_cats = [p.category for p in given]
    if len(set(given_cats)) != len(given_cats):
        raise ClosetConflict("give at most one item per category")
    missing = [c for c in REQUIRED_CATEGORIES if c not in given_cats]
    fill = list(dict.fromkeys(categories or missing))
    overlap = [c for c in fill if c in given_cats]
    if overlap:
        raise ClosetConflict(f"already given: {', '.join(overlap)}")
    if not fill:
        raise ClosetConflict("the look already has a top and a bottom: name categories to add")
    return LookRequest(given, fill)


@dataclass(frozen=True)
class FillOption:
    """A cluster that can fill a category: its weakest and total link to the given pieces."""

    cluster: str
    weakest: int
    total: int


@dataclass(frozen=True)
class Combination:
    """One cluster per filled category, its weakest pair anywhere in the look and a tie-break."""

    support: int
    strength: int
    clusters: list[str]


def fill_options(
    book: PairTable, given: Sequence[Piece], fill: Sequence[str]
) -> dict[str, list[FillOption]]:
    """Per category to fill, the clusters worn with every given piece, best first."""
    shared = set.intersection(*(set(book.neighbors[p.cluster or ""]) for p in given))
    options: dict[str, list[FillOption]] = {}
    for c in fill:
        scored = []
        for key in shared:
            if c in book.categories(key, [c]):
                links = [book.outfits(key, p.cluster) for p in given]
                scored.append(FillOption(key, min(links), sum(links)))
        scored.sort(key=lambda o: (-o.weakest, -o.total, o.cluster))
        options[c] = scored[:LOOK_CANDIDATES]
    return options


def rank_combinations(
    book: PairTable,
    options: dict[str, list[FillOption]],
    fill: Sequence[str],
    given_support: int,
) -> list[Combination]:
    """The combinations of options whose clusters also pair with each other, strongest first."""
    combos = []
    for combo in itertools.product(*(options[c] for c in fill)):
        keys = [option.cluster for option in combo]
        if any(not book.ok(a, b) for a, b in itertools.combinations(keys, 2)):
            continue
        links = [book.outfits(a, b) for a, b in itertools.combinations(keys, 2)]
        support = min([given_support or 10**9, *[o.weakest for o in combo], *links])
        combos.append(Combination(support, sum(o.total for o in combo) + sum(links), keys))
    combos.sort(key=lambda c: (-c.support, -c.strength, c.clusters))
    return combos


def assemble_looks(
    book: PairTable,
    given: Sequence[Piece],
    fill: Sequence[str],
    combos: Sequence[Combination],
    pieces_of: dict[tuple[str, str], Piece],
) -> list[Look]:
    """Looks from the combinations whose every cluster has a piece (closet first, then
    catalog), each filled piece with the path to the others."""
    looks = []
    for combo in combos:
        pieces = [LookPiece(p, "given") for p in given]
        for key, c in zip(combo.clusters, fill, strict=True):
            piece = pieces_of.get((key, c))
            if piece is None:
                break
            pieces.append(LookPiece(piece, piece.source))
        else:
            everyone = [lp.piece for lp in pieces]
            for lp in pieces:
                if lp.role != "given":
                    lp.path = [
                        PairStep(
                            o.cluster or "",
                            lp.piece.cluster or "",
                            book.outfits(o.cluster, lp.piece.cluster),
                        )
                        for o in everyone
                        if o is not lp.piece
                    ]
            path, _ = path_of(everyone, book)
            looks.append(Look(pieces, path, combo.support))
    return looks


def _best_items(
    driver: Driver,
    given: Sequence[Piece],
    need: Sequence[tuple[str, str]],
    exclude: Sequence[str],
    model: str | None,
    occasion: Occasion = ANY_OCCASION,
) -> dict[tuple[str, str], Piece]:
    """The best catalog item of each (cluster, category): model score, then popularity; with
    an occasion, the one its gender may wear with the highest style and season lift among the
    cluster's best few."""
    if not need:
        return {}
    rows = read(
        driver,
        "closet/cluster_items",
        picks=[cluster_pick(key, c) for key, c in need],
        exclude=list(exclude),
        budget=None,
        per_cluster=POOL_FACTOR if occasion.active else 1,
        **ANY_BRAND.params(),
    )
    if occasion.active:
        return _fitted_items(driver, rows, occasion)
    best = {
        (r["cluster"], r["category"]): Piece.of(r["items"][0], r["cluster"], "catalog")
        for r in rows
        if r["items"]
    }
    if model:
        scored = read(
            driver,
            "closet/scored_items",
            keys=sorted({p.cluster for p in given if p.cluster}),
            targets=sorted({key for key, _ in need}),
            model=model,
            exclude=list(exclude),
            budget=None,
            **ANY_BRAND.params(),
        )
        scored.sort(key=lambda r: -float(r["score"]))
        taken: set[tuple[str, str]] = set()
        for r in scored:
            slot = (r["cluster"], r["item"].get("category"))
            if slot in set(need) and slot not in taken:
                best[slot] = Piece.of(r["item"], r["cluster"], "catalog")
                taken.add(slot)
    return best


def _fitted_items(
    driver: Driver, rows: list[dict], occasion: Occasion
) -> dict[tuple[str, str], Piece]:
    """Of each (cluster, category)'s most worn items, the one the occasion suits best."""
    labels = labels_of(driver, occasion)
    found = affinities(driver, (i["id"] for r in rows for i in r["items"]), occasion)
    best: dict[tuple[str, str], Piece] = {}
    for r in rows:
        allowed = [
            i
            for i in r["items"]
            if occasion.allows(found.get(i["id"], NO_OUTFITS).worn_by or i.get("worn_by"))
        ]
        if not allowed:
            continue
        top = max(
            allowed,
            key=lambda i: found.get(i["id"], NO_OUTFITS).lift(occasion, labels),
        )
        best[(r["cluster"], r["category"])] = Piece.of(top, r["cluster"], "catalog")
    return best
