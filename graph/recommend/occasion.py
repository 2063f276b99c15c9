"""The occasion a question carries — a style, a season, a gender — and what it does to an answer.

- **gender** filters: a piece worn only in the other gender's outfits never appears; unisex
  pieces, and pieces no outfit wears yet, always may.
- **style** and **season** boost: each piece's affinity for them (the share of its outfits that
  carry them, `(:Item)-[:SUITS {outfits}]->(:Style|:Season)`, written by the co-occurrence
  refresh) is compared with the share of all outfits that carry them. The ratio, smoothed
  towards 1 by `PRIOR_OUTFITS` pseudo-outfits at the base rate, is the piece's *lift*; a
  model's probability is updated by it as odds (Bayes' rule, style and season taken as
  independent), a rule's strength is multiplied by it. A piece in no outfit has lift 1.

The arithmetic (`lift`, `boosted`, `Affinity.lift`) is pure; `known_labels` and `affinities`
read the graph (cypher/recommend/occasion_*.cypher).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args

from neo4j import Driver

from core.errors import UnknownLabel
from core.vocabulary import SEASONS, STYLES
from graph.db.connection import read
from graph.wardrobe import Closet

Gender = Literal["men", "women"]
GENDERS: tuple[str, ...] = get_args(Gender)
UNISEX = "unisex"
PRIOR_OUTFITS = 2.0  # pseudo-outfits at the base rate: an item seen once moves little
POOL_FACTOR = 4  # candidates read per answer kept, so that filtering and boosts can reorder
# the labels the importer names (core.vocabulary): always known, even before an outfit has one
VOCABULARY_STYLES = frozenset(STYLES.values())
VOCABULARY_SEASONS = frozenset(SEASONS.values())


@dataclass(frozen=True)
class Occasion:
    """What the person is dressing for; None in a field means "any"."""

    style: str | None = None
    season: str | None = None
    gender: str | None = None
    labels: Labels | None = field(default=None, compare=False, repr=False)

    @property
    def active(self) -> bool:
        return any((self.style, self.season, self.gender))

    @property
    def boosts(self) -> bool:
        return bool(self.style or self.season)

    def allows(self, worn_by: str | None) -> bool:
        """Whether a piece worn by `worn_by` (men, women, unisex, None) may appear."""
        return self.gender is None or worn_by in (None, UNISEX, self.gender)

    def allows_item(self, item: dict[str, Any]) -> bool:
        return self.allows(item.get("worn_by"))

    def pool(self, wanted: int, cap: int | None = None) -> int:
        """How many candidates to read for `wanted` answers (more when an occasion reorders)."""
        if not self.active:
            return wanted
        pooled = max(wanted * POOL_FACTOR, 40)
        return min(pooled, cap) if cap is not None else pooled


ANY_OCCASION = Occasion()


@dataclass(frozen=True)
class Labels:
    """The styles and seasons the graph's outfits carry, each with its share of all outfits."""

    outfits: int
    styles: dict[str, float]
    seasons: dict[str, float]

    def check(self, occasion: Occasion) -> Occasion:
        """The occasion, once its style and season are known ones — named by the vocabulary or
        carried by an outfit (a label no outfit carries yet changes nothing) — UnknownLabel
        otherwise."""
        styles = sorted(VOCABULARY_STYLES | set(self.styles))
        seasons = sorted(VOCABULARY_SEASONS | set(self.seasons))
        if occasion.style is not None and occasion.style not in styles:
            raise UnknownLabel("style", occasion.style, styles)
        if occasion.season is not None and occasion.season not in seasons:
            raise UnknownLabel("season", occasion.season, seasons)
        if occasion.gender is not None and occasion.gender not in GENDERS:
            raise UnknownLabel("gender", occasion.gender, list(GENDERS))
        return occasion


@dataclass(frozen=True)
class Affinity:
    """One piece's outfits: who wears it, how many outfits, how many carry the style and season."""

    worn_by: str | None
    worn: int
    style_outfits: int = 0
    season_outfits: int = 0

    def lift(self, occasion: Occasion, labels: Labels) -> float:
        """The product of the piece's style and season lifts (1 for what is not asked)."""
        out = 1.0
        if occasion.style is not None:
            out *= lift(self.worn, self.style_outfits, labels.styles.get(occasion.style, 0.0))
        if occasion.season is not None:
            out *= lift(self.worn, self.season_outfits, labels.seasons.get(occasion.season, 0.0))
        return out


NO_OUTFITS = Affinity(None, 0)


def lift(worn: int, with_label: int, base: float, prior: float = PRIOR_OUTFITS) -> float:
    """How much more often than outfits at large a piece's outfits carry a label: its smoothed
    share `(with_label + prior·base) / (worn + prior)` over the base rate; 1 for a piece in no
    outfit or a label no outfit carries."""
    if base <= 0.0 or worn <= 0:
        return 1.0
    return (with_label + prior * base) / (worn + prior) / base


def boosted(probability: float, factor: float) -> float:
    """A probability updated by a likelihood ratio, as odds: p·f / (p·f + 1 − p)."""
    p = min(max(probability, 1e-9), 1.0 - 1e-9)
    return p * factor / (p * factor + 1.0 - p)


def known_labels(driver: Driver) -> Labels:
    """The styles and seasons of the graph's outfits, with their shares of all outfits."""
    row = read(driver, "recommend/occasion_labels")[0]
    total = max(int(row["outfits"]), 1)
    return Labels(
        int(row["outfits"]),
        {r["name"]: r["outfits"] / total for r in row["styles"]},
        {r["name"]: r["outfits"] / total for r in row["seasons"]},
    )


def checked(driver: Driver, occasion: Occasion) -> Occasion:
    """The occasion checked against the graph's labels (UnknownLabel names the known ones),
    carrying them for the boosts; no read when nothing is asked."""
    if not occasion.active or occasion.labels is not None:
        return occasion
    labels = known_labels(driver)
    return replace(labels.check(occasion), labels=labels)


def labels_of(driver: Driver, occasion: Occasion) -> Labels:
    """The labels an occasion was checked against (read now if it was not)."""
    return occasion.labels if occasion.labels is not None else known_labels(driver)


def affinities(driver: Driver, ids: Iterable[str], occasion: Occasion) -> dict[str, Affinity]:
    """Each item's wearers, outfit count and outfits of the occasion's style and season."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = read(
        driver,
        "recommend/occasion_items",
        ids=wanted,
        style=occasion.style,
        season=occasion.season,
    )
    return {
        r["id"]: Affinity(
            r["worn_by"], int(r["worn"]), int(r["style_outfits"]), int(r["season_outfits"])
        )
        for r in rows
    }


def look_lift(lifts: Sequence[float]) -> float:
    """A whole look's lift: the geometric mean of its pieces'."""
    if not lifts:
        return 1.0
    product = 1.0
    for value in lifts:
        product *= value
    return float(product ** (1.0 / len(lifts)))


def dressed_for(closet: Closet, occasion: Occasion) -> Closet:
    """The closet without the pieces only the other gender wears (the same closet without one)."""
    if occasion.gender is None:
        return closet
    kept = [p for p in closet.pieces if occasion.allows_item(p.item)]
    return replace(closet, pieces=kept)
