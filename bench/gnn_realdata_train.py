"""Train LightGCN on the real outfits without Neo4j (for device timing checks) and print FITB.

Uses the evaluation split (seed 42) and the loader's normalisation (`protocol.exported`), so the
figures match `bench/eval_closet.py`'s LightGCN row up to the graph export order; the full
evaluation (all baselines, through a throwaway Neo4j) stays in eval_closet.py.

    python bench/gnn_realdata_train.py --device cpu
    python bench/gnn_realdata_train.py --device cuda
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import shared_snap_files
from gnn.closet_train import CLOSET_DEFAULTS, FitbQuestion, fitb_metrics, train_closet
from gnn.evaluation.protocol import make_split


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, nargs="+", default=shared_snap_files())
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--variant", default="content")
    p.add_argument("--device", default="auto")
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    if not all(x.is_file() for x in args.data):
        print("real data not found (set CLOSET_SHARED_DATA)", file=sys.stderr)
        return 2
    split = make_split(args.data, Path(tempfile.mkdtemp(prefix="gnn-real-")), seed=args.seed)
    export = split.export()
    config = replace(CLOSET_DEFAULTS, device=args.device, threads=args.threads)
    started = time.perf_counter()
    result = train_closet(export, args.variant, config, progress=False)
    total = time.perf_counter() - started
    row = {
        "device": result.device,
        "variant": args.variant,
        "best_epoch": result.best_epoch,
        "seconds_per_epoch": round(result.seconds_per_epoch, 3),
        "total_s": round(total, 1),
    }
    for n, (qpath, tpath) in split.fitb.items():
        truth = {
            json.loads(x)["question_id"]: json.loads(x)["answer"]
            for x in tpath.read_text().splitlines()
        }
        questions = [
            FitbQuestion(q["given"], truth[q["question_id"]], q["candidates"])
            for q in map(json.loads, qpath.read_text().splitlines())
        ]
        row[f"fitb@{n}"] = round(fitb_metrics(result.scorer, questions)["val_acc"], 3)
    print(json.dumps(row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
