"""Offline evaluation on the real MUSINSA outfits: every model and baseline side by side.

Splits the shared men/women outfits 80/20 (seeded), loads the training outfits and the held-out
items (as catalog items) into a throwaway Neo4j, enriches, exports, trains LightGCN, answers
FITB@4 / FITB@10 (negatives from other held-out outfits) and retrieval queries with each
model, and prints one table per split seed with 95% bootstrap intervals (resampled by outfit),
the cross-brand subset, and the mean over the seeds (also written as Markdown and JSON).
The work is `gnn.evaluation.report`, which `closet eval run` also runs.

    python bench/eval_closet.py                         # all models, split seed 42
    python bench/eval_closet.py --seeds 42 1 7          # averaged over three splits
    python bench/eval_closet.py --variants cluster cooc hetero   # graph choice
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import shared_snap_files
from gnn.closet_train import CLOSET_DEFAULTS
from gnn.evaluation.report import ORDER, evaluate_split, render, write


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, nargs="+", default=shared_snap_files())
    p.add_argument("--seeds", type=int, nargs="+", default=[42], help="split seeds")
    p.add_argument("--train-seed", type=int, default=CLOSET_DEFAULTS.seed)
    p.add_argument("--variant", default="content")
    p.add_argument("--variants", nargs="*", default=[], help="also score these LightGCN graphs")
    p.add_argument("--epochs", type=int, default=CLOSET_DEFAULTS.epochs)
    p.add_argument("--models", nargs="*", default=list(ORDER))
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    args = p.parse_args(argv)
    missing = [str(x) for x in args.data if not x.is_file()]
    if missing:
        print(f"data not found: {', '.join(missing)} (set CLOSET_SHARED_DATA)", file=sys.stderr)
        return 2
    config = replace(CLOSET_DEFAULTS, epochs=args.epochs, seed=args.train_seed)
    reports = []
    for seed in args.seeds:
        report = evaluate_split(args.data, seed, args.models, config, args.variant, args.variants)
        print(render([report]), flush=True)
        print({"seed": seed, "info": report.info, "timings": report.timings}, flush=True)
        reports.append(report)
    print(render(reports))
    print(f"written to {write(reports, args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
