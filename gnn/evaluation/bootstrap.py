"""Bootstrap confidence intervals for metrics averaged over questions, resampled by outfit.

The questions of one held-out outfit share its items, so they are not independent: the
resampling draws whole outfits (with replacement) and recomputes the mean over all their
questions. The interval is the percentile interval of those means.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

RESAMPLES = 1000
LEVEL = 0.95


def grouped(values: Iterable[tuple[str, float]]) -> list[list[float]]:
    """(group, value) pairs as one list of values per group, in first-seen order."""
    groups: dict[str, list[float]] = {}
    for group, value in values:
        groups.setdefault(group, []).append(float(value))
    return list(groups.values())


def bootstrap_interval(
    groups: list[list[float]],
    resamples: int = RESAMPLES,
    level: float = LEVEL,
    seed: int = 0,
) -> tuple[float, float]:
    """The `level` percentile interval of the mean over all values, resampling whole groups.

    Args:
        groups: the values of each group (an outfit's questions); empty groups are ignored.
        resamples: how many bootstrap samples are drawn.
        level: the coverage of the interval (0.95: the 2.5th to the 97.5th percentile).
        seed: the seed of the resampling, so that an interval is reproducible.
    """
    kept = [g for g in groups if g]
    if not kept:
        return (0.0, 0.0)
    sums = np.array([sum(g) for g in kept])
    counts = np.array([len(g) for g in kept], dtype=float)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(kept), size=(resamples, len(kept)))
    means = sums[picks].sum(axis=1) / counts[picks].sum(axis=1)
    tail = (1.0 - level) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return (float(low), float(high))
