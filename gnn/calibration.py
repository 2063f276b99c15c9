"""Honest percentages: Platt scaling of the model's raw scores on held-out validation outfits.

A raw LightGCN score is a dot product; its sigmoid is not a probability of anything. Platt
scaling fits p = sigmoid(a · score + b) to validation pairs — the hidden piece of a validation
outfit (label 1) against one random candidate of its category (label 0), scored from each given
piece's cluster as serving scores them — so that p is the measured chance that the piece is the
one that completes a real outfit, against a random piece of its category. The expected
calibration error (ECE) and a reliability curve say how close p is to that chance.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Platt:
    """p = sigmoid(a · score + b); the identity calibration is a = 1, b = 0."""

    a: float = 1.0
    b: float = 0.0

    def probability(self, scores: np.ndarray) -> np.ndarray:
        """The calibrated probabilities of raw scores."""
        return 1.0 / (1.0 + np.exp(-np.clip(self.a * np.asarray(scores) + self.b, -60, 60)))


def fit_platt(scores: np.ndarray, labels: np.ndarray, steps: int = 100) -> Platt:
    """The (a, b) of maximum likelihood on (score, label) pairs, by Newton's method.

    Uses Platt's smoothed targets ((n+ + 1) / (n+ + 2) and 1 / (n- + 2)), so that separable
    pairs do not drive a to infinity.
    """
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    if len(s) == 0 or y.min() == y.max():
        raise ValueError("calibration needs both positive and negative pairs")
    positives, negatives = y.sum(), len(y) - y.sum()
    target = np.where(y > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    x = np.column_stack([s, np.ones_like(s)])
    w = np.zeros(2)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -60, 60)))
        gradient = x.T @ (p - target)
        hessian = x.T @ (x * (p * (1 - p))[:, None]) + 1e-9 * np.eye(2)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return Platt(float(w[0]), float(w[1]))


@dataclass(frozen=True)
class Reliability:
    """Per probability bin: mean predicted probability, observed frequency, pair count."""

    predicted: np.ndarray
    observed: np.ndarray
    counts: np.ndarray

    @property
    def ece(self) -> float:
        """Expected calibration error: the count-weighted mean |observed − predicted|."""
        total = self.counts.sum()
        if total == 0:
            return 0.0
        return float((self.counts * np.abs(self.observed - self.predicted)).sum() / total)


def reliability(probabilities: np.ndarray, labels: np.ndarray, bins: int = 10) -> Reliability:
    """The reliability curve of predictions over `bins` equal-width bins of [0, 1] (empty bins
    are left out)."""
    p = np.asarray(probabilities, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    index = np.minimum((p * bins).astype(int), bins - 1)
    predicted, observed, counts = [], [], []
    for k in range(bins):
        inside = index == k
        if inside.any():
            predicted.append(p[inside].mean())
            observed.append(y[inside].mean())
            counts.append(int(inside.sum()))
    return Reliability(np.array(predicted), np.array(observed), np.array(counts))
