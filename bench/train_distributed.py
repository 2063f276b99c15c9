"""LightGCN by 1 and N processes (`closet train --nproc N`: DistributedDataParallel, gloo on
the CPU): seconds per epoch, epochs to the early stop, wall time, and the validation FITB
(accuracy and MRR over 10 candidates) — the same training `closet train` runs (seed 7,
validation on 10% of the outfits, no refit), side by side with ratios to one process.

By default on the real MUSINSA outfits (../shared) and the bundled sample. `--lr-scale 2`
also runs N processes with the learning rate times that (N times the pairs per step).
Saved to bench/results/train_distributed.json.

    python bench/train_distributed.py --nproc 1,2,4
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from closet.sample.generate import SAMPLE_PATH
from core.settings import REPO_ROOT, shared_snap_files
from gnn.closet_train import CLOSET_DEFAULTS, train_closet
from gnn.evaluation.protocol import exported, read_snap

RESULTS = REPO_ROOT / "bench" / "results"


def run(name: str, paths: list[Path], nprocs: list[int], lr_scale: float) -> list[dict[str, Any]]:
    export = exported(read_snap(paths))
    print(f"\n{name}: {len(export.items)} items, {len(export.outfits)} outfits")
    runs = [(n, 1.0) for n in nprocs] + [(n, lr_scale) for n in nprocs if n > 1 and lr_scale != 1]
    rows = []
    for n, scale in runs:
        config = replace(CLOSET_DEFAULTS, nproc=n, lr=CLOSET_DEFAULTS.lr * scale)
        started = time.perf_counter()
        result = train_closet(export, config=config, refit=False, progress=False)
        rows.append(
            {
                "data": name,
                "nproc": n,
                "lr": config.lr,
                "seconds_per_epoch": result.seconds_per_epoch,
                "epochs": result.best_epoch,
                "wall_seconds": time.perf_counter() - started,
                "val_acc": result.val_metrics.get("val_acc"),
                "val_mrr": result.val_metrics.get("val_mrr"),
            }
        )
    one = rows[0]
    print(
        f"{'nproc':>5} {'lr':>6} {'s/epoch':>8} {'×1':>6} {'epochs':>6} {'wall s':>7} {'×1':>6}"
        f" {'FITB acc':>8} {'MRR':>6} {'ΔMRR':>7}"
    )
    for r in rows:
        print(
            f"{r['nproc']:>5} {r['lr']:>6.3f} {r['seconds_per_epoch']:>8.3f} "
            f"{one['seconds_per_epoch'] / r['seconds_per_epoch']:>6.2f} {r['epochs']:>6} "
            f"{r['wall_seconds']:>7.1f} {one['wall_seconds'] / r['wall_seconds']:>6.2f} "
            f"{r['val_acc']:>8.4f} {r['val_mrr']:>6.4f} {r['val_mrr'] - one['val_mrr']:>+7.4f}"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nproc", default="1,2", help="process counts, first is the baseline")
    parser.add_argument("--lr-scale", type=float, default=2.0)
    args = parser.parse_args()
    nprocs = [int(n) for n in args.nproc.split(",")]
    rows = []
    real = shared_snap_files()
    if all(f.is_file() for f in real):
        rows += run("real MUSINSA outfits", real, nprocs, args.lr_scale)
    else:
        print("(no ../shared data: the real outfits are skipped)")
    rows += run("bundled sample", [SAMPLE_PATH], nprocs, args.lr_scale)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "train_distributed.json").write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
