"""Are the served percentages honest? Reliability on held-out outfits, before and after Platt.

Splits the real outfits (seed 42, as `closet eval`), trains LightGCN and the learned ranker on
the training outfits exactly as `closet train` does (each with Platt scaling fitted on its own
validation outfits), then scores
the held-out test outfits' FITB@4 questions as serving does — from each given piece's cluster,
the hidden piece against one random other candidate of its category — and compares the plain
sigmoid of the score with the calibrated probability: expected calibration error (ECE) and a
reliability diagram (PNG in bench/results/).

    python bench/calibration.py
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from core.settings import shared_snap_files
from gnn.calibration import Platt, reliability
from gnn.closet_train import CLOSET_DEFAULTS, FitbQuestion, calibration_pairs, train_closet
from gnn.evaluation.protocol import make_split
from gnn.export import GraphExport
from gnn.ranker import calibration_pairs as ranker_pairs
from gnn.ranker import train_ranker


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, nargs="+", default=shared_snap_files())
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    args = p.parse_args(argv)
    if not all(x.is_file() for x in args.data):
        print("real data not found (set CLOSET_SHARED_DATA)", file=sys.stderr)
        return 2
    split = make_split(args.data, Path(tempfile.mkdtemp(prefix="calibration-")), seed=args.seed)
    export = split.export()
    started = time.perf_counter()
    result = train_closet(export, "content", CLOSET_DEFAULTS, progress=False)
    seconds = time.perf_counter() - started
    qpath, tpath = split.fitb[4]
    truth = {
        json.loads(x)["question_id"]: json.loads(x)["answer"]
        for x in tpath.read_text().splitlines()
    }
    questions = [
        FitbQuestion(q["given"], truth[q["question_id"]], q["candidates"], q["outfit_id"])
        for q in map(json.loads, qpath.read_text().splitlines())
    ]
    scores, labels = calibration_pairs(result.scorer, questions, args.seed)
    platt = result.calibration or Platt()

    def held_out(outfits: list) -> object:
        fit = GraphExport(export.items, outfits)
        return train_closet(fit, "content", CLOSET_DEFAULTS, refit=False, progress=False).scorer

    training = train_ranker(export.items, export.outfits, held_out, result.scorer, progress=False)
    by_id = {item.id: item for item in export.items}
    log_odds, ranker_labels = ranker_pairs(training.ranker, questions, by_id, args.seed)
    ranker_platt = Platt(*training.ranker.platt)
    curves = {
        "sigmoid(score)": reliability(Platt().probability(scores), labels),
        "calibrated": reliability(platt.probability(scores), labels),
        "ranker: sigmoid(log-odds)": reliability(Platt().probability(log_odds), ranker_labels),
        "ranker: calibrated (served)": reliability(
            ranker_platt.probability(log_odds), ranker_labels
        ),
    }
    print(f"trained in {seconds:.0f} s; validation calibration {result.calibration_report}")
    print(f"ranker validation calibration {training.calibration}")
    print(f"test pairs: {len(scores)} (half positive) from {len(questions)} FITB@4 questions")
    print("| probabilities | ECE on test outfits | ratio to the model's own sigmoid |")
    print("|---|---|---|")
    for name, curve in curves.items():
        own = curves["ranker: sigmoid(log-odds)" if name.startswith("ranker") else "sigmoid(score)"]
        print(f"| {name} | {curve.ece:.4f} | {curve.ece / own.ece:.2f} |")
    args.out.mkdir(parents=True, exist_ok=True)
    figure, axis = plt.subplots(figsize=(5, 5))
    axis.plot([0, 1], [0, 1], color="grey", linestyle="--", label="perfect")
    for name, curve in curves.items():
        axis.plot(
            curve.predicted, curve.observed, marker="o", label=f"{name} (ECE {curve.ece:.3f})"
        )
    axis.set_xlabel("predicted probability (bin mean)")
    axis.set_ylabel("observed share of real pieces")
    axis.set_title("Reliability on held-out outfits (FITB@4 pairs)")
    axis.legend(loc="lower right", fontsize="small")
    path = args.out / "calibration_reliability.png"
    figure.savefig(path, dpi=120, bbox_inches="tight")
    print(f"reliability diagram: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
