"""Train the learned ranker: LightGBM over every signal the graph has (graph.recommend.features)
plus the LightGCN score, on validation outfits of the training outfits only.

1. The training outfits are split (seeded) into *fit* and *validation* outfits.
2. LightGCN is trained on the fit outfits alone, and the pair tables are counted from them, so
   the validation outfits are as new to both as held-out outfits are to the served model.
3. Fill-in-the-blank questions on the validation outfits (the hidden piece against pieces of its
   category from other validation outfits, several draws) give labelled rows; LightGBM's binary
   objective learns p(piece completes the outfit | features), comparable across categories.
4. *Cross-fitting*: the validation outfits are cut into 5 folds; a ranker fitted on four folds
   answers the fifth fold's questions, for each fold in turn.
5. *Selection*: those out-of-fold answers and LightGCN alone are scored on the same questions;
   the better model becomes the served default. *Calibration*: Platt scaling of the out-of-fold
   log-odds of pairs (the hidden piece against one random other candidate) makes the shown
   percentage the measured chance against a random piece of its category.
6. The served ranker is refitted on every validation question and serves with tables and
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
FOLDS = 5  # cross-fitting folds of the validation outfits (selection and calibration)
MIN_OUTFITS = 10  # fewer leave under two validation outfits: too few to fit and select on

LightGCNTrainer = Callable[[list[ExportedOutfit]], ItemScorer]


def recipe() -> dict[str, object]:
    """What the ranker's training depends on besides the graph: part of `closet train`'s
    fingerprint, so that a changed recipe or feature set retrains."""
    return {
        "params": PARAMS,
        "rounds": ROUNDS,
        "draws": DRAWS,
        "val_share": VAL_SHARE,
        "folds": FOLDS,
        "features": list(FEATURES),
    }


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


def accuracy(
    score: Callable[[list[str], list[str]], np.ndarray], questions: list[FitbQuestion]
) -> float:
    """FITB accuracy: the hidden piece scored strictly above every other candidate (a tie
    counts as a miss)."""
    if not questions:
        return 0.0
    hits = 0
    for q in questions:
        s = np.asarray(score(q.given, q.candidates))
        answer = s[q.candidates.index(q.answer)]
        hits += int(answer == s.max() and int((s == answer).sum()) == 1)
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
    folds: list[tuple[Ranker, list[FitbQuestion]]], by_id: dict[str, Item], seed: int
) -> tuple[Platt, dict[str, float]]:
    """Platt scaling of the log-odds on validation pairs, each fold's pairs scored by a ranker
    not fitted on them (cross-fitting), and the expected calibration error before (the model's
    own sigmoid) and after."""
    parts = [calibration_pairs(ranker, questions, by_id, seed) for ranker, questions in folds]
    scores = np.concatenate([p[0] for p in parts])
    labels = np.concatenate([p[1] for p in parts])
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


def outfit_folds(outfits: list[ExportedOutfit], k: int, seed: int) -> list[list[ExportedOutfit]]:
    """The outfits in k seeded folds of (nearly) equal size; fewer when there are fewer."""
    order = sorted(outfits, key=lambda o: o.id)
    random.Random(seed).shuffle(order)
    k = max(1, min(k, len(order)))
    return [order[n::k] for n in range(k) if order[n::k]]


def pooled_accuracy(
    folds: list[tuple[Ranker, list[FitbQuestion]]], by_id: dict[str, Item]
) -> float:
    """FITB accuracy over every fold's questions, each answered by the ranker of its fold."""
    hits, total = 0.0, 0
    for ranker, questions in folds:

        def score(given: list[str], candidates: list[str], r: Ranker = ranker) -> np.ndarray:
            return r.predict([by_id[i] for i in given], [by_id[i] for i in candidates])

        hits += accuracy(score, questions) * len(questions)
        total += len(questions)
    return hits / total if total else 0.0


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
    folds = outfit_folds(val, FOLDS, seed + 1)
    if len(folds) < 2:
        raise ValueError(
            f"the ranker needs at least {MIN_OUTFITS} outfits (the graph holds {len(outfits)})"
        )
    rows = [question_rows(fit_ranker, draw_questions(f, category, seed), by_id) for f in folds]
    checks = [fitb_questions(f, category, 10, seed + 7, allow_fewer=True) for f in folds]
    steps.update()
    out_of_fold = []
    for k in range(len(folds)):
        x = np.vstack([rows[j][0] for j in range(len(folds)) if j != k])
        y = np.concatenate([rows[j][1] for j in range(len(folds)) if j != k])
        booster_k = fit_booster(x, y, seed, threads)
        out_of_fold.append((Ranker(fit_ranker.tables, fit_ranker.embeddings, booster_k), checks[k]))
    selection = {RANKER: pooled_accuracy(out_of_fold, by_id)}
    if held_out is not None:
        selection[LIGHTGCN] = accuracy(held_out.score, [q for c in checks for q in c])
    best = max(selection, key=lambda name: selection[name])
    platt, calibration = calibrate(out_of_fold, by_id, seed)
    x1 = np.vstack([r[0] for r in rows])
    y1 = np.concatenate([r[1] for r in rows])
    booster = fit_booster(x1, y1, seed, threads)
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
        len(y1),
        time.perf_counter() - started,
        calibration,
    )
