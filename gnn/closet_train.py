"""Train LightGCN on the closet graph: validation split of outfits, early stopping on a
fill-in-the-blank metric, Platt calibration of the scores on the same validation outfits, then a
refit on every training outfit for the best epoch count."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

import numpy as np
import torch

from gnn.calibration import Platt, fit_platt, reliability
from gnn.closet_graph import ClosetGraph, ItemScorer, build_closet_graph
from gnn.export import ExportedOutfit, GraphExport
from gnn.train import TrainConfig, train_lightgcn

CLOSET_DEFAULTS = TrainConfig(
    embedding_dim=64,
    num_layers=3,
    lr=0.02,
    weight_decay=1e-4,
    batch_size=1024,
    # an epoch's cost is batches × one propagation of the graph: bounded, it grows linearly with
    # the graph (the real outfits make 9 batches of 1024 pairs, so they train as before)
    max_batches=16,
    epochs=200,
    eval_every=5,
    patience=6,
    metric="val_mrr",
    seed=7,
    threads=1,
)


@dataclass
class FitbQuestion:
    """Hide `answer` from an outfit; rank it among `candidates` given the other items."""

    given: list[str]
    answer: str
    candidates: list[str]
    outfit_id: str = ""


@dataclass
class ClosetTrainResult:
    """The scorer to serve or evaluate with, and what training measured."""

    scorer: ItemScorer
    graph: ClosetGraph
    best_epoch: int
    val_metrics: dict[str, float] = field(default_factory=dict)
    seconds_per_epoch: float = 0.0
    device: str = "cpu"
    history: list[dict[str, float]] = field(default_factory=list)
    calibration: Platt | None = None
    calibration_report: dict[str, float] = field(default_factory=dict)


def fitb_questions(
    outfits: list[ExportedOutfit],
    category: dict[str, str | None],
    num_candidates: int,
    seed: int,
    allow_fewer: bool = False,
) -> list[FitbQuestion]:
    """One question per (outfit, item): negatives of the hidden item's big category are drawn
    from the items of the *other* outfits of the same list (the evaluation protocol).

    A question without enough negatives is skipped, unless `allow_fewer` (small validation
    sets) keeps it with at least one negative."""
    rng = random.Random(seed)
    pool: dict[str, list[tuple[str, str]]] = {}
    for outfit in outfits:
        for item in outfit.items:
            cat = category.get(item)
            if cat:
                pool.setdefault(cat, []).append((outfit.id, item))
    questions = []
    for outfit in outfits:
        items = [i for i in outfit.items if category.get(i)]
        for answer in items:
            given = [i for i in items if i != answer]
            if not given:
                continue
            choices = sorted(
                {i for o, i in pool[category[answer]] if o != outfit.id and i not in items}
            )
            wanted = num_candidates - 1
            if len(choices) < wanted and not (allow_fewer and choices):
                continue
            negatives = rng.sample(choices, min(wanted, len(choices)))
            candidates = [answer, *negatives]
            rng.shuffle(candidates)
            questions.append(FitbQuestion(given, answer, candidates, outfit.id))
    return questions


def fitb_metrics(scorer: ItemScorer, questions: list[FitbQuestion]) -> dict[str, float]:
    """Accuracy and mean reciprocal rank of the hidden item (ties count against it)."""
    if not questions:
        return {"val_acc": 0.0, "val_mrr": 0.0}
    hits = rr = 0.0
    for q in questions:
        scores = scorer.score(q.given, q.candidates)
        rank = int((scores >= scores[q.candidates.index(q.answer)]).sum())
        hits += rank == 1
        rr += 1.0 / rank
    return {"val_acc": hits / len(questions), "val_mrr": rr / len(questions)}


def calibration_pairs(
    scorer: ItemScorer, questions: list[FitbQuestion], seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """(scores, labels) of validation pairs as serving scores them: from each given piece's
    cluster, the hidden piece (1) and one random other candidate of its category (0)."""
    rng = random.Random(seed)
    cg = scorer.cg
    cluster_of = dict(zip(cg.item_ids, cg.item_cluster, strict=True))
    scores: list[float] = []
    labels: list[float] = []
    for q in questions:
        negatives = [c for c in q.candidates if c != q.answer and scorer.known(c)]
        if not negatives or not scorer.known(q.answer):
            continue
        pair = np.array([scorer.index[q.answer], scorer.index[rng.choice(negatives)]])
        for given in q.given:
            cluster = cluster_of.get(given)
            if cluster in scorer.centroid:
                pos, neg = scorer.cluster_scores(cluster, pair)
                scores += [float(pos), float(neg)]
                labels += [1.0, 0.0]
    return np.array(scores), np.array(labels)


def calibrate(
    scorer: ItemScorer, questions: list[FitbQuestion], seed: int
) -> tuple[Platt | None, dict[str, float]]:
    """Platt scaling on the validation pairs, and the expected calibration error before
    (plain sigmoid) and after; (None, {}) when there are too few pairs."""
    scores, labels = calibration_pairs(scorer, questions, seed)
    if len(scores) < 20:
        return None, {}
    platt = fit_platt(scores, labels)
    report = {
        "pairs": float(len(scores)),
        "a": platt.a,
        "b": platt.b,
        "ece_sigmoid": reliability(Platt().probability(scores), labels).ece,
        "ece_calibrated": reliability(platt.probability(scores), labels).ece,
    }
    return platt, report


def split_outfits(
    outfits: list[ExportedOutfit], share: float, seed: int
) -> tuple[list[ExportedOutfit], list[ExportedOutfit]]:
    """Seeded split of outfits into (train, validation)."""
    order = sorted(outfits, key=lambda o: o.id)
    random.Random(seed).shuffle(order)
    n_val = int(round(len(order) * share))
    return order[n_val:], order[:n_val]


def train_closet(
    export: GraphExport,
    variant: str = "content",
    config: TrainConfig = CLOSET_DEFAULTS,
    val_share: float = 0.1,
    refit: bool = True,
    progress: bool = True,
) -> ClosetTrainResult:
    """Early-stop on validation outfits (FITB MRR, 10 candidates), then refit on all outfits."""
    category = {it.id: it.category for it in export.items}
    train_outfits, val_outfits = split_outfits(export.outfits, val_share, config.seed)
    questions = fitb_questions(val_outfits, category, 10, config.seed, allow_fewer=True)
    cg = build_closet_graph(export, variant, train_outfits)

    def evaluate(emb: torch.Tensor) -> dict[str, float]:
        return fitb_metrics(ItemScorer(cg, emb), questions)

    use_val = bool(questions) and val_share > 0
    result = train_lightgcn(cg.graph, config, evaluate if use_val else None, progress=progress)
    val = dict(result.history[result.best_epoch - 1]) if use_val else {}
    held_out = ItemScorer(cg, result.embeddings)
    platt, report = calibrate(held_out, questions, config.seed) if use_val else (None, {})
    if not use_val or not refit:
        return ClosetTrainResult(
            held_out,
            cg,
            result.best_epoch,
            val,
            result.seconds_per_epoch,
            result.device,
            result.history,
            platt,
            report,
        )
    full = build_closet_graph(export, variant)
    refit_config = replace(config, epochs=result.best_epoch, checkpoint=None, resume=False)
    final = train_lightgcn(full.graph, refit_config, None, progress=progress)
    return ClosetTrainResult(
        ItemScorer(full, final.embeddings),
        full,
        result.best_epoch,
        val,
        final.seconds_per_epoch,
        final.device,
        result.history,
        platt,
        report,
    )
