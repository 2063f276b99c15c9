"""Train the learned ranker: LightGBM over every signal the graph has (graph.recommend.features)
plus the LightGCN score, on validation outfits of the training outfits only.

1. The training outfits are split (seeded) into *fit* and *validation* outfits.
2. LightGCN is trained on the fit outfits alone, and the pair tables are counted from them, so
   the validation outfits are as new to both as held-out outfits are to the served model.
3. Fill-in-the-blank questions on the validation outfits (the hidden piece against pieces of its
   category from other validation outfits, several draws) give labelled rows; LightGBM's binary
   objective learns p(piece completes the outfit | features), comparable across categories.
4. *Selection*: a ranker fitted on half of the validation outfits and LightGCN alone answer the
   other half's questions; the better model becomes the served default.
5. The served ranker is refitted on every validation question and serves with tables and
   LightGCN embeddings computed from every training outfit.

No test outfit is read anywhere here: `closet eval` calls this on its TRAIN split.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import lightgbm as lgb
import numpy as np
from tqdm.auto import tqdm

from core.records import Item
from core.vocabulary import LIGHTGCN, RANKER
from gnn.calibration import Platt, fit_platt, reliability
from gnn.closet_graph import ItemScorer
from gnn.closet_train import FitbQuestion, fitb_questions, split_outfits
from gnn.export import ExportedOutfit
from graph.recommend.features import FEATURES, PairTables
from graph.recommend.learned import ItemEmbeddings, Ranker

PARAMS: dict[str, object] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "num_leaves": 15,
    "min_data_in_leaf": 20,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "verbose": -1,
}
ROUNDS = 300
DRAWS = 3  # question sets drawn per validation outfit (different negatives)
VAL_SHARE = 0.2

LightGCNTrainer = Callable[[list[ExportedOutfit]], ItemScorer]


@dataclass
class RankerTraining:
    """The ranker to serve, what selection measured, and the default it decided."""

    ranker: Ranker
    selection: dict[str, float] = field(default_factory=dict)
    best: str = RANKER
    rows: int = 0
    seconds: float = 0.0
    calibration: dict[str, float] = field(default_factory=dict)


def embeddings_of(scorer: ItemScorer) -> ItemEmbeddings:
    """LightGCN's item vectors (and the anchors scoring starts from) in serving form."""
    return ItemEmbeddings(
        list(scorer.cg.item_ids),
        scorer.items.numpy().astype(np.float32),
        scorer.anchor.numpy().astype(np.float32),
    )


def question_rows(
    ranker: Ranker, questions: list[FitbQuestion], by_id: dict[str, Item]
) -> tuple[np.ndarray, np.ndarray]:
    """Feature rows and labels (1 for the hidden piece) of every candidate of every question."""
    blocks, labels = [], []
    for q in questions:
        blocks.append(
            ranker.features([by_id[i] for i in q.given], [by_id[i] for i in q.candidates])
        )
        labels += [float(c == q.answer) for c in q.candidates]
    return np.vstack(blocks), np.array(labels)


def fit_booster(x: np.ndarray, y: np.ndarray, seed: int, threads: int) -> lgb.Booster:
    """LightGBM's binary model on the rows (PARAMS, ROUNDS rounds)."""
    data = lgb.Dataset(x, y, feature_name=list(FEATURES), categorical_feature=["category"])
    params = {**PARAMS, "seed": seed, "num_threads": threads}
    return lgb.train(params, data, num_boost_round=ROUNDS)


def accuracy(score: Callable[[list[str], list[str]], np.ndarray], questions) -> float:
    """FITB accuracy: the hidden piece scored strictly above every other candidate."""
    if not questions:
        return 0.0
    hits = 0
    for q in questions:
        s = score(q.given, q.candidates)
        hits += int((s > s[q.candidates.index(q.answer)]).sum() == 0 and np.sum(s == s.max()) == 1)
    return hits / len(questions)


def calibration_pairs(
    ranker: Ranker, questions: list[FitbQuestion], by_id: dict[str, Item], seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """(log-odds, label) of the hidden piece (1) and one random other candidate (0) of each
    question: the pairs the shown percentage is calibrated on."""
    rng = random.Random(seed)
    scores, labels = [], []
    for q in questions:
        negatives = [c for c in q.candidates if c != q.answer]
        if not negatives:
            continue
        pair = [by_id[q.answer], by_id[rng.choice(negatives)]]
        scores += list(ranker.predict([by_id[g] for g in q.given], pair, raw=True))
        labels += [1.0, 0.0]
    return np.array(scores), np.array(labels)


def calibrate(
    ranker: Ranker, questions: list[FitbQuestion], by_id: dict[str, Item], seed: int
) -> tuple[Platt, dict[str, float]]:
    """Platt scaling of the ranker's log-odds on validation pairs it was not fitted on, and the
    expected calibration error before (its own sigmoid) and after."""
    scores, labels = calibration_pairs(ranker, questions, by_id, seed)
    if len(scores) < 20:
        return Platt(), {}
    platt = fit_platt(scores, labels)
    return platt, {
        "pairs": float(len(scores)),
        "a": round(platt.a, 4),
        "b": round(platt.b, 4),
        "ece_uncalibrated": round(reliability(Platt().probability(scores), labels).ece, 4),
        "ece_calibrated": round(reliability(platt.probability(scores), labels).ece, 4),
    }


def draw_questions(
    outfits: list[ExportedOutfit], category: dict[str, str | None], seed: int
) -> list[FitbQuestion]:
    """DRAWS sets of 10-candidate questions on the outfits (negatives from the others)."""
    return [
        q
        for draw in range(DRAWS)
        for q in fitb_questions(outfits, category, 10, seed + 101 * draw, allow_fewer=True)
    ]


def train_ranker(
    items: list[Item],
    outfits: list[ExportedOutfit],
    lightgcn: LightGCNTrainer | None = None,
    served: ItemScorer | None = None,
    seed: int = 7,
    threads: int = 4,
    progress: bool = True,
) -> RankerTraining:
    """Fit, select and refit the ranker (see the module docstring). `lightgcn(outfits)` trains
    LightGCN on the fit outfits and `served` is the LightGCN trained on every outfit; without
    them the LightGCN feature is left out (unknown to the ranker)."""
    started = time.perf_counter()
    by_id = {item.id: item for item in items}
    category = {item.id: item.category for item in items}
    fit, val = split_outfits(outfits, VAL_SHARE, seed)
    steps = tqdm(total=3, desc="ranker", unit="step", disable=not progress)
    held_out = lightgcn(fit) if lightgcn else None
    steps.update()
    fit_ranker = Ranker(
        PairTables.from_outfits(items, fit), embeddings_of(held_out) if held_out else None
    )
    first, second = split_outfits(val, 0.5, seed + 1)
    x1, y1 = question_rows(fit_ranker, draw_questions(first, category, seed), by_id)
    check = fitb_questions(second, category, 10, seed + 7, allow_fewer=True)
    half = Ranker(fit_ranker.tables, fit_ranker.embeddings, fit_booster(x1, y1, seed, threads))
    steps.update()

    def ranker_score(given: list[str], candidates: list[str]) -> np.ndarray:
        return half.predict([by_id[i] for i in given], [by_id[i] for i in candidates])

    platt, calibration = calibrate(half, check, by_id, seed)
    selection = {RANKER: accuracy(ranker_score, check)}
    if held_out is not None:
        selection[LIGHTGCN] = accuracy(held_out.score, check)
    best = max(selection, key=lambda name: selection[name])
    x2, y2 = question_rows(fit_ranker, draw_questions(second, category, seed), by_id)
    booster = fit_booster(np.vstack([x1, x2]), np.concatenate([y1, y2]), seed, threads)
    ranker = Ranker(
        PairTables.from_outfits(items, outfits),
        embeddings_of(served) if served else None,
        booster,
        platt=(platt.a, platt.b),
    )
    steps.update()
    steps.close()
    return RankerTraining(
        ranker,
        {k: round(v, 4) for k, v in selection.items()},
        best,
        len(y1) + len(y2),
        time.perf_counter() - started,
        calibration,
    )
