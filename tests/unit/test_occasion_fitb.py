"""The occasion's FITB, on questions worked by hand: training outfits give the lifts, a flat
scorer cannot tell the candidates apart, and the occasion can; the gain is paired per question
and its interval resampled by outfit."""

from __future__ import annotations

import numpy as np
import pytest

from gnn.evaluation.occasion import OutfitCounts, occasion_fitb
from gnn.export import ExportedOutfit
from graph.recommend.occasion import Occasion, lift

TRAIN = [
    ExportedOutfit("t1", ["street-top", "street-jeans"], style="street", season="winter"),
    ExportedOutfit("t2", ["street-top", "cargo"], style="street", season="winter"),
    ExportedOutfit("t3", ["shirt", "slacks"], style="minimal", season="summer"),
    ExportedOutfit("t4", ["shirt", "chinos"], style="minimal", season="summer"),
]
QUESTIONS = [
    {
        "question_id": "q1",
        "outfit_id": "h1",
        "given": ["hoodie"],
        "candidates": ["slacks", "cargo"],
    },
    {"question_id": "q2", "outfit_id": "h2", "given": ["tee"], "candidates": ["cargo", "chinos"]},
]
TRUTH = {
    "q1": {"answer": "cargo", "cross_brand": True},
    "q2": {"answer": "chinos", "cross_brand": False},
}
HELD_OUT = {"h1": Occasion("street", "winter"), "h2": Occasion("minimal", "summer")}


def flat(given: list[str], candidates: list[str]) -> np.ndarray:
    return np.full(len(candidates), 0.3)


def test_counts_give_the_lifts_serving_computes() -> None:
    counts = OutfitCounts.of(TRAIN)
    assert counts.labels.styles == {"street": 0.5, "minimal": 0.5}
    found = counts.lifts(Occasion(style="street"), ["street-top", "shirt", "unseen"])
    assert found[0] == pytest.approx(lift(2, 2, 0.5))
    assert found[1] == pytest.approx(lift(2, 0, 0.5))
    assert found[2] == 1.0
    both = counts.lifts(Occasion("street", "winter"), ["cargo"])[0]
    assert both == pytest.approx(lift(1, 1, 0.5) ** 2)


def test_the_occasion_answers_what_a_flat_scorer_cannot() -> None:
    counts = OutfitCounts.of(TRAIN)
    found = occasion_fitb(flat, counts, QUESTIONS, TRUTH, HELD_OUT.__getitem__, seed=3)
    assert found.questions == 2
    assert found.with_occasion == 1.0
    assert found.gain == pytest.approx(1.0 - found.plain)
    low, high = found.gain_ci
    assert low <= found.gain <= high
    assert found.cross_brand["questions"] == 1
    assert found.cross_brand["with_occasion"] == 1.0


def test_no_occasion_changes_nothing() -> None:
    counts = OutfitCounts.of(TRAIN)
    found = occasion_fitb(flat, counts, QUESTIONS, TRUTH, lambda _: Occasion(), seed=3)
    assert found.gain == 0.0
    assert found.gain_ci == (0.0, 0.0)
    assert found.with_occasion == found.plain
