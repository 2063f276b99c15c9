"""Content features of items as graph nodes: words and Hangul bigrams of the name, brand,
mid class, colour, cluster and price band. Cold items (in no training outfit) reach the warm
ones through these shared nodes, so LightGCN can place them."""

from __future__ import annotations

import math
from collections import Counter

from core.records import Item
from enrich.words import name_features

PRICE_BANDS = 5


def item_features(items: list[Item]) -> list[set[str]]:
    """The feature names of every item (before frequency filtering)."""
    bands = _price_bands(items)
    out = []
    for item, band in zip(items, bands, strict=True):
        feats = name_features(item.name)
        if item.brand:
            feats.add(f"brand:{item.brand.lower()}")
        if item.mid_class:
            feats.add(f"mid:{item.mid_class}")
        if item.color:
            feats.add(f"color:{item.color}")
        if item.cluster:
            feats.add(f"cluster:{item.cluster}")
        if band is not None:
            feats.add(f"price:{item.category}:{band}")
        out.append(feats)
    return out


def filtered_features(
    features: list[set[str]], min_items: int = 2, max_share: float = 0.2
) -> tuple[list[str], list[list[int]]]:
    """Keep features shared by at least `min_items` items and at most `max_share` of them.

    Returns the vocabulary and, per item, the indices of its kept features.
    """
    df = Counter(f for feats in features for f in feats)
    cap = max(min_items, int(max_share * len(features)))
    vocab = sorted(f for f, n in df.items() if min_items <= n <= cap)
    index = {f: n for n, f in enumerate(vocab)}
    return vocab, [sorted(index[f] for f in feats if f in index) for feats in features]


def _price_bands(items: list[Item]) -> list[int | None]:
    """Quantile band (0..PRICE_BANDS-1) of the log price within the item's big category."""
    by_cat: dict[str | None, list[float]] = {}
    for item in items:
        if item.price and item.price > 0:
            by_cat.setdefault(item.category, []).append(math.log(item.price))
    cuts = {}
    for cat, prices in by_cat.items():
        prices.sort()
        cuts[cat] = [prices[int(len(prices) * q / PRICE_BANDS)] for q in range(1, PRICE_BANDS)]
    bands: list[int | None] = []
    for item in items:
        if not item.price or item.price <= 0:
            bands.append(None)
            continue
        value = math.log(item.price)
        bands.append(sum(value >= c for c in cuts[item.category]))
    return bands
