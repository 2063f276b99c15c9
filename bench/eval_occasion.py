"""Does the occasion help? The served ranker's FITB@4 / FITB@10 on held-out real outfits when
each question carries its outfit's own style and season, against the same questions without
them, with the paired gain and its 95% bootstrap interval (resampled by outfit). Lifts come
from the training outfits only. The work is `gnn.evaluation.occasion`, which
`closet eval occasion` also runs.

    python bench/eval_occasion.py                  # split seeds 1, 7, 2026
    python bench/eval_occasion.py --seeds 42
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import shared_snap_files
from gnn.closet_train import CLOSET_DEFAULTS
from gnn.evaluation.occasion import evaluate_occasion, render, write


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, nargs="+", default=shared_snap_files())
    p.add_argument("--seeds", type=int, nargs="+", default=[1, 7, 2026], help="split seeds")
    p.add_argument("--epochs", type=int, default=CLOSET_DEFAULTS.epochs)
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    args = p.parse_args(argv)
    missing = [str(x) for x in args.data if not x.is_file()]
    if missing:
        print(f"data not found: {', '.join(missing)} (set CLOSET_SHARED_DATA)", file=sys.stderr)
        return 2
    config = replace(CLOSET_DEFAULTS, epochs=args.epochs)
    reports = []
    for seed in args.seeds:
        started = time.perf_counter()
        reports.append(evaluate_occasion(args.data, seed, config))
        print(render(reports[-1:]), flush=True)
        print(f"split seed {seed}: {time.perf_counter() - started:.0f} s", flush=True)
    print(f"written to {write(reports, args.out)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
