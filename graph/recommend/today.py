"""Today's outfit: one whole outfit from owned pieces only — top, bottom, an outer where the
season calls for it, shoes when the closet has some that go — ranked by the real outfits (of
the occasion) that hold it and by the model, optionally around a locked piece; `seed` walks
to the next-best different outfit.

The outfits are the closet's wearable outfits (graph.recommend.wearable, one definition), for
the occasion's gender and fitted to its style and season (graph.recommend.occasion). The
learned ranker, when one is trained, scores each outfit as the mean over its pieces of the
calibrated chance that the piece completes the others (updated by the piece's lift); without
one, the weakest link (real outfits wearing the pair) orders them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from neo4j import Driver

from core.errors import ClosetConflict
from core.records import item_from_row
from core.vocabulary import REQUIRED_CATEGORIES
from graph.recommend.learned import Ranker, load_active
from graph.recommend.occasion import (
    ANY_OCCASION,
    Occasion,
    affinities,
    boosted,
    dressed_for,
    labels_of,
)
from graph.recommend.pairs import DEFAULT_MIN_SUPPORT, PairTable
from graph.recommend.wearable import (
    Piece,
    WearableOutfit,
    closet_outfits,
    count_real,
    rank_outfits,
    suit_occasion,
)
from graph.recommend.wording import Note
from graph.wardrobe import Closet

# Whether an outfit has an outer, by season: wanted (those with one first), left out, or either.
OUTER_BY_SEASON = {"winter": "wanted", "autumn": "wanted", "summer": "none", "spring": "either"}
SCORED = 30  # outfits the model scores, the best by real outfits and weakest link


@dataclass
class TodayOutfit:
    """The chosen outfit, its shoes (if any go), the model's chance and why."""

    outfit: WearableOutfit
    shoes: Piece | None
    probability: float | None
    rank: int


@dataclass
class Today:
    """Today's outfit (None when the closet cannot make one), how many there were to choose
    from, and what is missing (categories to buy first) or worth knowing."""

    choice: TodayOutfit | None
    options: int
    seed: int
    missing: list[str] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    shop_for: list[str] = field(default_factory=list)  # categories the next piece should be


def todays_outfit(
    driver: Driver,
    closet: Closet,
    occasion: Occasion = ANY_OCCASION,
    lock: str | None = None,
    seed: int = 0,
    min_support: int = DEFAULT_MIN_SUPPORT,
) -> Today:
    """The `seed`-th best wearable outfit of the closet for the occasion (wrapping around),
    holding `lock` when given; ClosetConflict when `lock` is not an owned piece."""
    owned = {p.id: p for p in closet.pieces}
    if lock is not None and lock not in owned:
        raise ClosetConflict(f"not in this closet: {lock}")
    dressed = dressed_for(closet, occasion)
    if lock is not None and lock not in {p.id for p in dressed.pieces}:
        raise ClosetConflict(f"{lock} is worn only in outfits that are not for {occasion.gender}")
    now = closet_outfits(driver, dressed, min_support)
    missing = _missing(now.pieces)
    if missing:
        return Today(
            None, 0, seed, missing, [Note("missing", (("categories", ",".join(missing)),))], missing
        )
    locked = Piece.of(owned[lock].item, owned[lock].cluster, "owned") if lock else None
    outfits = now.outfits
    if locked is not None and locked.category != "shoes":
        outfits = [_holding(o, locked) for o in outfits if _holds(o, locked)]
    count_real(driver, outfits, occasion=occasion)
    notes: list[Note] = []
    suited = suit_occasion(driver, outfits, occasion)
    if outfits and not suited:
        notes.append(Note("not_typical"))
    outfits, season_notes = _by_season(suited or outfits, occasion.season)
    notes += season_notes
    shop_for = ["outer"] if season_notes else []
    if not outfits:
        named = (("name", str(locked.item.get("name") or lock)),) if locked else ()
        return Today(None, 0, seed, [], [*notes, Note("no_outfit", named)], shop_for)
    ranked = _ranked(driver, rank_outfits(outfits), occasion)
    index = seed % len(ranked)
    outfit, probability = ranked[index]
    shoes = _shoes(
        dressed, outfit, now.book, locked if locked and locked.category == "shoes" else None
    )
    if shoes is None and any(p.category == "shoes" for p in dressed.pieces):
        notes.append(Note("no_shoes"))
    choice = TodayOutfit(outfit, shoes, probability, index)
    return Today(choice, len(ranked), seed, [], notes, shop_for)


def _options(outfit: WearableOutfit) -> tuple[tuple[Piece, ...], ...]:
    return outfit.options or tuple((p,) for p in outfit.pieces)


def _holds(outfit: WearableOutfit, piece: Piece) -> bool:
    """Whether one of the outfit's slots can be the piece."""
    return any(p.id == piece.id for opts in _options(outfit) for p in opts)


def _holding(outfit: WearableOutfit, piece: Piece) -> WearableOutfit:
    """The outfit with the piece's slot fixed to the piece (the lock)."""
    options = tuple(
        (piece,) if any(p.id == piece.id for p in opts) else opts for opts in _options(outfit)
    )
    pieces = tuple(opts[0] for opts in options)
    return WearableOutfit(pieces, outfit.path, outfit.support, 0, options)


def _missing(pieces: Sequence[Piece]) -> list[str]:
    """The required categories (top, bottom) the closet has no usable piece of."""
    have = {p.category for p in pieces}
    return [c for c in REQUIRED_CATEGORIES if c not in have]


def _by_season(
    outfits: list[WearableOutfit], season: str | None
) -> tuple[list[WearableOutfit], list[Note]]:
    """The outfits the season allows: summer leaves the outer off; autumn and winter keep those
    with an outer when there are any (and say so when there are none)."""
    rule = OUTER_BY_SEASON.get(season or "", "either")
    with_outer = [o for o in outfits if any(p.category == "outer" for p in o.pieces)]
    without = [o for o in outfits if o not in with_outer]
    if rule == "none":
        return without, []
    if rule == "wanted":
        if with_outer:
            return with_outer, []
        return without, [Note("no_outer", (("season", season or ""),))]
    return outfits, []


def _ranked(
    driver: Driver, outfits: list[WearableOutfit], occasion: Occasion
) -> list[tuple[WearableOutfit, float | None]]:
    """The outfits best first: real outfits first, then the model's chance (when a ranker is
    trained) for the best SCORED, then the rest in wearable order."""
    ranker = load_active(driver)
    if ranker is None:
        return [(o, None) for o in outfits]
    head, tail = outfits[:SCORED], outfits[SCORED:]
    lifts = _piece_lifts(driver, head, occasion)
    scored = [(o, _chance(ranker, o, lifts)) for o in head]
    scored.sort(key=lambda pair: (-pair[0].real_outfits, -(pair[1] or 0.0), pair[0].ids))
    return [*scored, *((o, None) for o in tail)]


def _piece_lifts(
    driver: Driver, outfits: list[WearableOutfit], occasion: Occasion
) -> dict[str, float]:
    if not occasion.boosts:
        return {}
    labels = labels_of(driver, occasion)
    found = affinities(driver, (p.id for o in outfits for p in o.pieces), occasion)
    return {i: a.lift(occasion, labels) for i, a in found.items()}


def _chance(ranker: Ranker, outfit: WearableOutfit, lifts: dict[str, float]) -> float:
    """Mean over the pieces of the calibrated chance that each completes the others."""
    items = [item_from_row({**p.item, "cluster": p.cluster}) for p in outfit.pieces]
    chances = []
    for n, item in enumerate(items):
        others = items[:n] + items[n + 1 :]
        p = float(ranker.probability(others, [item])[0])
        chances.append(boosted(p, lifts.get(item.id, 1.0)) if lifts else p)
    return sum(chances) / len(chances)


def _shoes(
    dressed: Closet, outfit: WearableOutfit, book: PairTable, locked: Piece | None
) -> Piece | None:
    """The locked shoes, else the owned shoes worn with the most of the outfit's pieces (then
    the most outfits); None when no shoes are owned or none is worn with any piece."""
    if locked is not None:
        return locked
    shoes = [
        Piece.of(p.item, p.cluster, "owned")
        for p in dressed.pieces
        if p.category == "shoes" and p.cluster
    ]
    if not shoes:
        return None
    book.ensure(s.cluster for s in shoes)
    best = max(
        shoes,
        key=lambda s: (
            sum(book.ok(s.cluster, p.cluster) for p in outfit.pieces),
            sum(book.outfits(s.cluster, p.cluster) for p in outfit.pieces),
            s.id,
        ),
    )
    if not any(book.ok(best.cluster, p.cluster) for p in outfit.pieces):
        return None
    return best
