"""The aggregate statistics of an outfit catalog that `closet synth` reproduces: category and
mid-class mix, colours per mid class, outfit shapes, how mid classes are worn together, brand
shoots, how often an item recurs, prices, styles and seasons.

`measure` computes them from normalised outfits, the real ones (to calibrate the generator,
`closet synth --calibrate`) or generated ones (the tests compare the two). Only shares, counts
and means are kept: no record, name or brand of the source.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path

from graph.ingest.normalize import OutfitRow

PROFILE_FILE = Path(__file__).with_name("synth_profile.json")
RECURRENCE_BINS = ("1", "2", "3-5", "6+")


def _shares(counts: Counter[str]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: round(v / total, 6) for k, v in counts.most_common()} if total else {}


def _bin(n: int) -> str:
    return "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6+"


@dataclass
class Profile:
    """What a catalog looks like, in aggregate."""

    outfits: int = 0
    items: int = 0
    outfit_sizes: dict[str, float] = field(default_factory=dict)  # items per outfit → share
    category_sets: dict[str, float] = field(default_factory=dict)  # "bottom,top" → share
    categories: dict[str, float] = field(default_factory=dict)  # share of distinct items
    mid_classes: dict[str, dict[str, float]] = field(default_factory=dict)  # category → mid
    colors: dict[str, dict[str, float]] = field(default_factory=dict)  # mid → colour ("none")
    mid_pairs: dict[str, float] = field(default_factory=dict)  # "mid_a|mid_b" → share of pairs
    same_brand_pairs: float = 0.0  # share of item pairs inside an outfit with one brand
    follows_first_brand: float = 0.0  # share of non-first items with the first item's brand
    items_per_brand: float = 0.0
    recurrence: dict[str, float] = field(default_factory=dict)  # outfits per item, binned
    top_pair_share: float = 0.0  # share of cluster-pair mass in the top 10% of pairs
    log_price: dict[str, tuple[float, float]] = field(default_factory=dict)  # mid → (mu, sd)
    styles: dict[str, float] = field(default_factory=dict)
    seasons: dict[str, float] = field(default_factory=dict)
    genders: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Profile:
        data = json.loads(text)
        data["log_price"] = {k: tuple(v) for k, v in data["log_price"].items()}
        return cls(**data)


def default_profile() -> Profile:
    """The profile measured on the real MUSINSA 2025 snaps (shipped with the code)."""
    return Profile.from_json(PROFILE_FILE.read_text(encoding="utf-8"))


def measure(outfits: Iterable[OutfitRow]) -> Profile:
    """The aggregate statistics of these outfits (each distinct item counted once)."""
    sizes: Counter[str] = Counter()
    cat_sets: Counter[str] = Counter()
    mid_pairs: Counter[str] = Counter()
    cluster_pairs: Counter[tuple[str, str]] = Counter()
    styles: Counter[str] = Counter()
    seasons: Counter[str] = Counter()
    genders: Counter[str] = Counter()
    occurrences: Counter[str] = Counter()
    items: dict[str, tuple[str, str | None, str | None, str | None, int | None]] = {}
    pairs = same_pairs = followers = same_followers = 0
    n_outfits = 0
    for outfit in outfits:
        if not outfit.items:
            continue
        n_outfits += 1
        sizes[str(len(outfit.items))] += 1
        cat_sets[",".join(sorted({i.category for i in outfit.items}))] += 1
        styles[outfit.style or "none"] += 1
        seasons[outfit.season or "none"] += 1
        genders[outfit.gender or "none"] += 1
        for it in outfit.items:
            occurrences[it.id] += 1
            items.setdefault(it.id, (it.category, it.mid_class, it.color, it.brand, it.price))
        for a, b in combinations(outfit.items, 2):
            pairs += 1
            same_pairs += bool(a.brand and a.brand == b.brand)
            if a.mid_class and b.mid_class and a.category != b.category:
                mid_pairs["|".join(sorted((a.mid_class, b.mid_class)))] += 1
            if a.cluster and b.cluster and a.cluster != b.cluster:
                x, y = sorted((a.cluster, b.cluster))
                cluster_pairs[(x, y)] += 1
        first = outfit.items[0]
        for it in outfit.items[1:]:
            followers += 1
            same_followers += bool(first.brand and it.brand == first.brand)

    categories: Counter[str] = Counter()
    mids: dict[str, Counter[str]] = defaultdict(Counter)
    colors: dict[str, Counter[str]] = defaultdict(Counter)
    prices: dict[str, list[float]] = defaultdict(list)
    brands: Counter[str] = Counter()
    for category, mid, color, brand, price in items.values():
        categories[category] += 1
        if mid:
            mids[category][mid] += 1
            colors[mid][color or "none"] += 1
            if price:
                prices[mid].append(math.log(price))
        if brand:
            brands[brand] += 1
    pair_counts = sorted(cluster_pairs.values(), reverse=True)
    top = pair_counts[: max(1, len(pair_counts) // 10)]
    return Profile(
        outfits=n_outfits,
        items=len(items),
        outfit_sizes=_shares(sizes),
        category_sets=_shares(cat_sets),
        categories=_shares(categories),
        mid_classes={c: _shares(m) for c, m in sorted(mids.items())},
        colors={m: _shares(c) for m, c in sorted(colors.items())},
        mid_pairs=_shares(mid_pairs),
        same_brand_pairs=round(same_pairs / pairs, 6) if pairs else 0.0,
        follows_first_brand=round(same_followers / followers, 6) if followers else 0.0,
        items_per_brand=round(sum(brands.values()) / len(brands), 4) if brands else 1.0,
        recurrence=_shares(Counter(_bin(n) for n in occurrences.values())),
        top_pair_share=round(sum(top) / sum(pair_counts), 6) if pair_counts else 0.0,
        log_price={m: _mean_sd(v) for m, v in sorted(prices.items())},
        styles=_shares(styles),
        seasons=_shares(seasons),
        genders=_shares(genders),
    )


def _mean_sd(values: list[float]) -> tuple[float, float]:
    mean = sum(values) / len(values)
    var = sum((v - mean) ** 2 for v in values) / max(1, len(values) - 1)
    return round(mean, 4), round(math.sqrt(var), 4)
