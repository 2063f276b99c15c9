"""Reasoning over a whole closet: wearable outfits, the next piece, a capsule, complete the look.

**Wearable outfit** (one definition everywhere): one top, one bottom and optionally one outer
from the closet, such that every two of them belong to clusters that are worn together
(`PAIRS_WITH.outfits >= min_support`, default 1) in real outfits. Outfits are counted as looks,
i.e. by their cluster combination: two owned items of the same cluster and category are
interchangeable (an outfit shows the one that real outfits wear most with the others), so a
second navy shirt adds no new outfit. Two clusters never pair with themselves (co-occurrence is
recorded between different clusters); items without a cluster (no mid class) take part in no
outfit. Shoes, bags and hats are not counted; complete-the-look adds them on request under the
same pairwise rule.

The work is done at cluster level: one query reads the co-occurrence partners of the closet's
clusters (bounded by their PAIRS_WITH degree); the marginal gain of a candidate cluster — how
many new wearable outfits one more item of it would create — is computed in numpy from the
closet's compatibility matrix; only then are items picked from the best clusters, a bounded
number per cluster (`cypher/closet/cluster_items.cypher`). A LightGCN model, when one is active,
weights each item: score = new outfits × (0.5 + 0.5 · sigmoid(mean SCORED score from the
closet's clusters)), so the model reorders items of similar gain but never outweighs a whole
extra outfit by more than a factor of two; without a model the weight is 1.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from neo4j import Driver

from core.vocabulary import split_cluster_key
from enrich.taxonomy import MID_CLASSES, mid_class_big
from graph.closet import Closet, ClosetInputError
from graph.db.connection import read

CORE = ("top", "bottom", "outer")
REQUIRED = ("top", "bottom")
OPTIONAL = ("outer",)
DEFAULT_MIN_SUPPORT = 1
LOOK_CANDIDATES = 12
DEFINITION = (
    "one top + one bottom (+ optionally one outer), every two of them from clusters worn "
    "together in at least {min_support} real outfit(s)"
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

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.pieces]


class PairBook:
    """Cluster co-occurrence read from the graph on demand (per source cluster, cached)."""

    def __init__(
        self,
        driver: Driver,
        min_support: int = DEFAULT_MIN_SUPPORT,
        categories: Sequence[str] | None = CORE,
    ) -> None:
        self.driver = driver
        self.min_support = min_support
        # partners are read only for these big categories (None: all, for complete-the-look)
        self.mids = (
            None
            if categories is None
            else sorted(m.name for m in MID_CLASSES if set(m.bigs) & set(categories))
        )
        self.neighbors: dict[str, dict[str, int]] = {}
        self._extra: dict[tuple[str, str], int] = {}

    def ensure(self, keys: Iterable[str | None]) -> None:
        """Read the partners of the clusters not read yet (one query)."""
        missing = sorted({k for k in keys if k and k not in self.neighbors})
        if not missing:
            return
        rows = read(
            self.driver,
            "closet/partner_clusters",
            keys=missing,
            min_support=self.min_support,
            mids=self.mids,
        )
        for key in missing:
            self.neighbors[key] = {}
        for row in rows:
            partners = self.neighbors[row["source"]]
            for key, outfits in row["partners"]:
                partners[key] = int(outfits)

    def ensure_among(self, keys: Iterable[str]) -> None:
        """Read the pairs between clusters none of which had its partners read (one query)."""
        wanted = sorted({k for k in keys if k and k not in self.neighbors})
        if len(wanted) < 2:
            return
        for row in read(self.driver, "closet/pairs_among", keys=wanted):
            if int(row["outfits"]) >= self.min_support:
                self._extra[_pair(row["a"], row["b"])] = int(row["outfits"])

    def outfits(self, a: str | None, b: str | None) -> int:
        """Real outfits wearing both clusters (0 when unknown, the same cluster or none)."""
        if not a or not b or a == b:
            return 0
        if a in self.neighbors:
            return self.neighbors[a].get(b, 0)
        if b in self.neighbors:
            return self.neighbors[b].get(a, 0)
        return self._extra.get(_pair(a, b), 0)

    def ok(self, a: str | None, b: str | None) -> bool:
        return self.outfits(a, b) >= self.min_support and self.outfits(a, b) > 0

    def categories(self, key: str, wanted: Sequence[str]) -> list[str]:
        """The wanted big categories an item of this cluster may have (from its mid class)."""
        bigs = mid_class_big(split_cluster_key(key)[0])
        return [c for c in wanted if c in bigs]


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def core_pieces(closet: Closet) -> list[Piece]:
    """The owned pieces that can take part in wearable outfits (core category, a cluster)."""
    return [
        Piece.of(p.item, p.cluster, "owned")
        for p in closet.pieces
        if p.category in CORE and p.cluster
    ]


def _path(pieces: Sequence[Piece], book: PairBook) -> tuple[list[PairStep], int]:
    steps = [
        PairStep(a.cluster or "", b.cluster or "", book.outfits(a.cluster, b.cluster))
        for a, b in itertools.combinations(pieces, 2)
    ]
    return steps, min((s.outfits for s in steps), default=0)


def _fits(piece: Piece, others: Sequence[Piece], book: PairBook) -> bool:
    return all(book.ok(piece.cluster, o.cluster) for o in others)


def slots(pieces: Sequence[Piece]) -> dict[tuple[str, str], list[Piece]]:
    """Pieces grouped by (category, cluster): the interchangeable members of each slot."""
    grouped: dict[tuple[str, str], list[Piece]] = {}
    for p in pieces:
        if p.category in CORE and p.cluster:
            grouped.setdefault((p.category, p.cluster), []).append(p)
    return grouped


def enumerate_outfits(
    pieces: Sequence[Piece], book: PairBook, including: Piece | None = None
) -> list[WearableOutfit]:
    """Every wearable outfit (look) of `pieces`; only the new ones `including` adds, if given."""
    grouped = slots(pieces)
    by: dict[str, list[list[Piece]]] = {c: [] for c in CORE}
    for (category, _), members in sorted(grouped.items()):
        by[category].append(members)
    if including is not None:
        slot = (including.category, including.cluster or "")
        if including.category not in CORE or not including.cluster or slot in grouped:
            return []
        by[including.category] = [[including]]
    found = []
    for tops in by["top"]:
        for bottoms in by["bottom"]:
            if not book.ok(tops[0].cluster, bottoms[0].cluster):
                continue
            base = (tops[0], bottoms[0])
            found.append(WearableOutfit(base, *_path(base, book), 0, (tuple(tops), tuple(bottoms))))
            for outers in by["outer"]:
                if _fits(outers[0], base, book):
                    look = (*base, outers[0])
                    options = (tuple(tops), tuple(bottoms), tuple(outers))
                    found.append(WearableOutfit(look, *_path(look, book), 0, options))
    return found


def count_real(driver: Driver, outfits: list[WearableOutfit], combos: int = 27) -> None:
    """Set `real_outfits` (real outfits containing all the items) and pick, among the owned
    items of each slot, the combination real outfits wear most (first `combos` tried)."""
    ids = sorted(
        {p.id for o in outfits for opts in (o.options or [(q,) for q in o.pieces]) for p in opts}
    )
    if not ids:
        return
    rows = read(driver, "closet/item_outfits", ids=ids)
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
    """Real ones first (most real outfits), then by weakest link, larger outfits, ids."""
    return sorted(outfits, key=lambda o: (-o.real_outfits, -o.support, -len(o.pieces), o.ids))


def wearable_outfits(
    driver: Driver, closet: Closet, min_support: int = DEFAULT_MIN_SUPPORT
) -> list[WearableOutfit]:
    """The closet's wearable outfits, ranked, with their real-outfit counts."""
    _, _, found = closet_outfits(driver, closet, min_support)
    count_real(driver, found)
    return rank_outfits(found)


def closet_outfits(
    driver: Driver, closet: Closet, min_support: int
) -> tuple[list[Piece], PairBook, list[WearableOutfit]]:
    """The closet's core pieces, a PairBook primed with their clusters, and their outfits."""
    pieces = core_pieces(closet)
    book = PairBook(driver, min_support)
    book.ensure(p.cluster for p in pieces)
    return pieces, book, enumerate_outfits(pieces, book)


def shopping_scope(closet: Closet, category: str | None) -> tuple[list[str], list[str]]:
    """(categories to shop in, item ids never to suggest: owned and dismissed)."""
    wanted = [category] if category else list(CORE)
    return wanted, [*closet.item_ids, *closet.dismissed]


# --- the next piece -------------------------------------------------------------------------


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


def cluster_gains(
    pieces: Sequence[Piece], book: PairBook, wanted: Sequence[str]
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
    mask = {c: (cats == c) if n else np.zeros(0, dtype=bool) for c in CORE}
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
    for c in CORE:
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


def active_model(driver: Driver) -> str | None:
    """The active LightGCN version whose SCORED edges are in the graph, or None."""
    try:
        from gnn import serving  # type: ignore[attr-defined]
    except ImportError:
        return None
    return serving.active_model(driver)


def _pick(key: str, category: str) -> dict[str, str]:
    """A row of cypher/closet/cluster_items.cypher."""
    mid, color = split_cluster_key(key)
    return {"cluster": key, "category": category, "mid_class": mid, "color": color}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


def rank_next(
    driver: Driver,
    pieces: Sequence[Piece],
    book: PairBook,
    exclude: Sequence[str],
    wanted: Sequence[str] = CORE,
    budget: int | None = None,
    limit: int = 10,
    per_cluster: int = 2,
    model: str | None = None,
) -> list[NextPiece]:
    """The catalog items that add the most wearable outfits to `pieces`, best first."""
    gains = cluster_gains(pieces, book, wanted)
    positive = [g for g in gains if g.gain > 0]
    shortlist = (positive or gains)[: max(2 * limit, 4)]
    if not shortlist:
        return []
    picks = [_pick(g.cluster, g.category) for g in shortlist]
    rows = read(
        driver,
        "closet/cluster_items",
        picks=picks,
        exclude=list(exclude),
        budget=budget,
        per_cluster=per_cluster,
    )
    found: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for row in rows:
        found.setdefault((row["cluster"], row["category"]), {}).update(
            {item["id"]: item for item in row["items"]}
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


def explain_next(
    driver: Driver,
    pieces: Sequence[Piece],
    book: PairBook,
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
) -> tuple[int, list[NextPiece]]:
    """(wearable outfits now, the next pieces ranked by the new outfits each adds)."""
    pieces, book, outfits = closet_outfits(driver, closet, min_support)
    wanted, exclude = shopping_scope(closet, category)
    picks = rank_next(driver, pieces, book, exclude, wanted, budget, limit, per_cluster, model)
    explain_next(driver, pieces, book, picks)
    return len(outfits), picks


# --- capsule: the best k purchases together --------------------------------------------------

GREEDY_NOTE = (
    "Greedy: each step buys the piece with the largest marginal gain given the pieces bought "
    "before. Outfit counts are not submodular (a new top makes every bottom worth more), so "
    "greedy carries no 1-1/e guarantee; it is good enough here because each step re-scores "
    "with the earlier picks in the closet (so it completes the pairs it opens), steps with no "
    "gain go to the piece pairing with the most owned pieces, and the exact search over k "
    "clusters is exponential. Against exhaustive search over pairs of the 30 best clusters, "
    "greedy reached the optimum for k = 2 on every closet of bench/closet_next.py."
)


@dataclass
class CapsuleStep:
    """One purchase of the capsule and the outfits it adds given the earlier ones."""

    pick: NextPiece
    total: int


def capsule(
    driver: Driver,
    closet: Closet,
    k: int = 3,
    category: str | None = None,
    budget: int | None = None,
    min_support: int = DEFAULT_MIN_SUPPORT,
    model: str | None = None,
) -> tuple[int, list[CapsuleStep]]:
    """(outfits now, k purchases chosen greedily on the marginal gain)."""
    pieces, book, outfits = closet_outfits(driver, closet, min_support)
    wanted, exclude = shopping_scope(closet, category)
    start = len(outfits)
    steps: list[CapsuleStep] = []
    total = start
    for _ in range(k):
        picks = rank_next(driver, pieces, book, exclude, wanted, budget, 1, 1, model)
        if not picks:
            break
        best = picks[0]
        explain_next(driver, pieces, book, [best])
        pieces = [*pieces, best.piece]
        exclude.append(best.piece.id)
        total += best.gain.gain
        steps.append(CapsuleStep(best, total))
    return start, steps


def best_pair_gain(
    pieces: Sequence[Piece], book: PairBook, wanted: Sequence[str], top: int = 30
) -> int:
    """Exhaustive best total gain of two purchases at cluster level (for the greedy check)."""
    gains = cluster_gains(pieces, book, wanted)[:top]
    now = len(enumerate_outfits(pieces, book))
    best = 0
    for a, b in itertools.combinations_with_replacement(gains, 2):
        extra = [
            Piece(f"virtual-{n}", g.category, g.cluster, {"id": f"virtual-{n}"}, "catalog")
            for n, g in enumerate((a, b))
        ]
        book.ensure(p.cluster for p in extra)
        best = max(best, len(enumerate_outfits([*pieces, *extra], book)) - now)
    return best


# --- complete the look ------------------------------------------------------------------------


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


def complete_look(
    driver: Driver,
    closet: Closet,
    given_ids: Sequence[str],
    categories: Sequence[str] | None = None,
    limit: int = 3,
    min_support: int = DEFAULT_MIN_SUPPORT,
    model: str | None = None,
) -> tuple[list[str], list[Look], str | None]:
    """(categories filled, looks best first, note) for owned items `given_ids`.

    Fills the missing categories (by default the missing of top/bottom) with clusters worn with
    every given piece, and with each other, in real outfits — even when no real outfit holds the
    combination — then picks an owned piece of that cluster if the closet has one, else the best
    catalog item (model score, then popularity), never a dismissed one.
    """
    owned = {p.id: p for p in closet.pieces}
    unknown = [i for i in given_ids if i not in owned]
    if unknown:
        raise ClosetInputError(f"not in this closet: {', '.join(unknown)}")
    given = [Piece.of(owned[i].item, owned[i].cluster, "given") for i in dict.fromkeys(given_ids)]
    if not given:
        raise ClosetInputError("give at least one owned item")
    no_cluster = [p.id for p in given if not p.cluster]
    if no_cluster:
        raise ClosetInputError(f"no cluster (mid class unknown) for: {', '.join(no_cluster)}")
    given_cats = [p.category for p in given]
    if len(set(given_cats)) != len(given_cats):
        raise ClosetInputError("give at most one item per category")
    fill = list(dict.fromkeys(categories or [c for c in REQUIRED if c not in given_cats]))
    overlap = [c for c in fill if c in given_cats]
    if overlap:
        raise ClosetInputError(f"already given: {', '.join(overlap)}")
    if not fill:
        raise ClosetInputError("the look already has a top and a bottom: name categories to add")
    book = PairBook(driver, min_support, categories=None)
    book.ensure(p.cluster for p in given)
    given_path, given_support = _path(given, book)
    if given and any(s.outfits < max(1, min_support) for s in given_path):
        weak = next(s for s in given_path if s.outfits < max(1, min_support))
        return (
            fill,
            [],
            (
                f"{label(weak.a)} and {label(weak.b)} are not worn together in real outfits: "
                "no wearable look holds both"
            ),
        )
    shared = set.intersection(*(set(book.neighbors[p.cluster or ""]) for p in given))
    options: dict[str, list[tuple[str, int, int]]] = {}
    for c in fill:
        scored = []
        for key in shared:
            if c in book.categories(key, [c]):
                links = [book.outfits(key, p.cluster) for p in given]
                scored.append((key, min(links), sum(links)))
        scored.sort(key=lambda s: (-s[1], -s[2], s[0]))
        options[c] = scored[:LOOK_CANDIDATES]
    if any(not options[c] for c in fill):
        empty = [c for c in fill if not options[c]]
        return fill, [], f"no {', '.join(empty)} is worn with all the given pieces in real outfits"
    book.ensure_among(key for c in fill for key, _, _ in options[c])
    combos = []
    for combo in itertools.product(*(options[c] for c in fill)):
        keys = [key for key, _, _ in combo]
        if any(not book.ok(a, b) for a, b in itertools.combinations(keys, 2)):
            continue
        links = [book.outfits(a, b) for a, b in itertools.combinations(keys, 2)]
        support = min([given_support or 10**9, *[s for _, s, _ in combo], *links])
        combos.append((support, sum(t for _, _, t in combo) + sum(links), keys))
    combos.sort(key=lambda c: (-c[0], -c[1], c[2]))
    combos = combos[:limit]
    if not combos:
        return fill, [], "the candidate pieces are never worn with each other in real outfits"
    chosen = {(key, c) for _, _, keys in combos for key, c in zip(keys, fill, strict=True)}
    in_closet: dict[tuple[str, str], Piece] = {}
    for p in closet.pieces:
        if (p.cluster, p.category) in chosen and p.id not in given_ids:
            piece = Piece.of(p.item, p.cluster, "closet")
            in_closet.setdefault((p.cluster or "", p.category), piece)
    need = sorted(k for k in chosen if k not in in_closet)
    catalog = _best_items(driver, given, need, [*closet.item_ids, *closet.dismissed], model)
    looks = []
    for support, _, keys in combos:
        pieces = [LookPiece(p, "given") for p in given]
        for key, c in zip(keys, fill, strict=True):
            piece = in_closet.get((key, c)) or catalog.get((key, c))
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
            path, _ = _path(everyone, book)
            looks.append(Look(pieces, path, support))
    outfits = [WearableOutfit(tuple(lp.piece for lp in look.pieces), [], 0) for look in looks]
    count_real(driver, outfits)
    for look, outfit in zip(looks, outfits, strict=True):
        look.real_outfits = outfit.real_outfits
    return fill, looks, None


def _best_items(
    driver: Driver,
    given: Sequence[Piece],
    need: Sequence[tuple[str, str]],
    exclude: Sequence[str],
    model: str | None,
) -> dict[tuple[str, str], Piece]:
    """The best catalog item of each (cluster, category): model score, then popularity."""
    if not need:
        return {}
    rows = read(
        driver,
        "closet/cluster_items",
        picks=[_pick(key, c) for key, c in need],
        exclude=list(exclude),
        budget=None,
        per_cluster=1,
    )
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
        )
        scored.sort(key=lambda r: -float(r["score"]))
        taken: set[tuple[str, str]] = set()
        for r in scored:
            slot = (r["cluster"], r["item"].get("category"))
            if slot in set(need) and slot not in taken:
                best[slot] = Piece.of(r["item"], r["cluster"], "catalog")
                taken.add(slot)
    return best


# --- explanations -----------------------------------------------------------------------------


def label(key: str | None) -> str:
    """'shirt|navy' → 'navy shirt'."""
    if not key:
        return "unclustered item"
    mid, color = split_cluster_key(key)
    return f"{color} {mid}" if color and color != "unknown" else mid


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def explain_outfit(outfit: WearableOutfit) -> str:
    """Why an outfit is wearable: real outfits wearing it, else its pairwise path."""
    if outfit.real_outfits:
        return f"worn exactly like this in {_n(outfit.real_outfits, 'real outfit')}"
    links = "; ".join(
        f"{label(s.a)} with {label(s.b)} in {_n(s.outfits, 'outfit')}" for s in outfit.path
    )
    return f"no real outfit has these pieces, but each pair is worn together: {links}"


def explain_next_piece(n: NextPiece) -> str:
    """Why this piece: its cluster pairs with k owned pieces and unlocks m outfits."""
    target = label(n.piece.cluster)
    if n.worn_with:
        first = max(n.worn_with.items(), key=lambda kv: kv[1])
        partner = next((p for p, _ in n.partners if p.id == first[0]), None)
        name = partner.item.get("name") if partner else first[0]
        head = f"worn with your {name} in {_n(first[1], 'real outfit')}; "
    else:
        head = ""
    pairs = ", ".join(f"{label(p.cluster)} ({_n(c, 'outfit')})" for p, c in n.partners[:3])
    yours = f"{n.gain.pairs_with} of your piece{'s' if n.gain.pairs_with != 1 else ''}"
    if n.gain.gain == 0:
        return f"{head}its cluster ({target}) pairs with {yours} ({pairs}), no outfit yet"
    return (
        f"{head}its cluster ({target}) pairs with {yours} — {pairs} — "
        f"and unlocks {_n(n.gain.gain, 'new outfit')}"
    )


def explain_look_piece(lp: LookPiece) -> str:
    """Why a filled piece: the outfits its cluster shares with each other piece of the look."""
    if lp.role == "given":
        return "your pick"
    links = " and ".join(f"with {label(s.a)} in {_n(s.outfits, 'outfit')}" for s in lp.path)
    where = "from your closet; " if lp.role == "closet" else ""
    return f"{where}{label(lp.piece.cluster)} is worn {links}"


def explain_look(look: Look) -> str:
    """Why a look holds together: real outfits, or composed from co-occurrence."""
    if look.real_outfits:
        return f"worn exactly like this in {_n(look.real_outfits, 'real outfit')}"
    return (
        "no real outfit holds this combination; composed from cluster co-occurrence "
        f"(weakest pair: {_n(look.support, 'outfit')})"
    )
