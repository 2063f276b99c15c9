"""Platt scaling and the reliability measures, on scores whose true probabilities are known."""

from __future__ import annotations

import numpy as np
import pytest

from gnn.calibration import Platt, fit_platt, reliability


def logistic_pairs(a: float, b: float, n: int = 20000, seed: int = 0):
    rng = np.random.default_rng(seed)
    scores = rng.normal(0, 2, n)
    labels = rng.random(n) < Platt(a, b).probability(scores)
    return scores, labels.astype(float)


def test_platt_recovers_the_true_slope_and_intercept() -> None:
    scores, labels = logistic_pairs(0.5, -1.0)
    fitted = fit_platt(scores, labels)
    assert fitted.a == pytest.approx(0.5, abs=0.03)
    assert fitted.b == pytest.approx(-1.0, abs=0.05)


def test_calibration_lowers_the_error_of_an_overconfident_sigmoid() -> None:
    scores, labels = logistic_pairs(0.3, 0.0, seed=1)  # sigmoid(score) is far too sure
    raw = reliability(Platt().probability(scores), labels)
    calibrated = reliability(fit_platt(scores, labels).probability(scores), labels)
    assert raw.ece > 0.1
    assert calibrated.ece < 0.02
    assert calibrated.counts.sum() == len(scores)


def test_reliability_by_hand() -> None:
    curve = reliability(np.array([0.05, 0.05, 0.95, 0.95]), np.array([0, 1, 1, 1]), bins=10)
    assert curve.predicted.tolist() == [0.05, 0.95]
    assert curve.observed.tolist() == [0.5, 1.0]
    assert curve.counts.tolist() == [2, 2]
    assert curve.ece == pytest.approx((2 * 0.45 + 2 * 0.05) / 4)


def test_one_class_cannot_be_calibrated() -> None:
    with pytest.raises(ValueError, match="both positive and negative"):
        fit_platt(np.array([1.0, 2.0]), np.array([1.0, 1.0]))
