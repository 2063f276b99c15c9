"""Reproduce LightGCN on its Gowalla split with the project's `gnn/` training code.

Prints Recall@20 / NDCG@20 (all-item ranking, training items excluded) and seconds per epoch
next to the paper's figures. The paper trains ~1000 epochs (batch 2048, lr 1e-3, 3 layers,
dim 64); on a CPU run a bounded number of epochs and read the figures as "reached after N".

    python bench/gowalla_lightgcn.py --epochs 3                 # bounded CPU run
    python bench/gowalla_lightgcn.py --epochs 1000 --eval-every 20 --patience 5   # GPU
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import shared_data_dir
from gnn.gowalla import evaluator, load_split, train_graph
from gnn.train import TrainConfig, train_lightgcn

PAPER = {"recall@20": 0.1830, "ndcg@20": 0.1554}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=shared_data_dir() / "gowalla")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch-size", type=int, default=2048)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--dim", type=int, default=64)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--eval-every", type=int, default=0, help="0: evaluate only at the end")
    p.add_argument("--patience", type=int, default=10**9)
    p.add_argument("--seed", type=int, default=2020)
    p.add_argument("--device", default="auto")
    p.add_argument("--max-minutes", type=float, default=None, help="stop after this much training")
    p.add_argument("--threads", type=int, default=None, help="CPU threads (default: torch's)")
    p.add_argument("--checkpoint", default=None)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = p.parse_args(argv)

    if not (args.data / "train.txt").is_file():
        print(f"Gowalla split not found in {args.data} (set CLOSET_SHARED_DATA)", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    data = load_split(args.data)
    graph = train_graph(data)
    load_s = time.perf_counter() - t0
    print(
        f"gowalla: {data.num_users} users, {data.num_items} items, "
        f"{data.num_train} train / {data.num_test} test interactions (loaded in {load_s:.1f}s)"
    )
    evaluate = evaluator(data, k=20)
    config = TrainConfig(
        embedding_dim=args.dim,
        num_layers=args.layers,
        lr=args.lr,
        batch_size=args.batch_size,
        epochs=args.epochs,
        eval_every=args.eval_every or args.epochs,
        patience=args.patience,
        seed=args.seed,
        device=args.device,
        threads=args.threads,
        max_seconds=args.max_minutes * 60 if args.max_minutes else None,
        checkpoint=args.checkpoint,
        resume=args.resume,
    )
    result = train_lightgcn(graph, config, evaluate=evaluate)
    t1 = time.perf_counter()
    final = evaluate(result.embeddings)
    eval_s = time.perf_counter() - t1
    print(f"device {result.device}; {result.epochs_run} epochs (best at {result.best_epoch})")
    print(f"seconds per epoch: {result.seconds_per_epoch:.1f}  (full evaluation: {eval_s:.1f}s)")
    print(f"{'metric':<10} {'ours':>8} {'paper':>8} {'ratio':>7}")
    for name, ref in PAPER.items():
        print(f"{name:<10} {final[name]:>8.4f} {ref:>8.4f} {final[name] / ref:>7.1%}")
    if args.json:
        figures = {
            "device": result.device,
            "epochs": result.epochs_run,
            "batch_size": args.batch_size,
            "lr": args.lr,
            "seconds_per_epoch": result.seconds_per_epoch,
            **final,
            "history": result.history,
        }
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
