"""Offline evaluation on the real MUSINSA outfits: every model side by side.

Splits the shared men/women outfits 80/20 (seeded), loads the training outfits and the held-out
items (as catalog items) into a throwaway Neo4j, enriches, exports, trains LightGCN, answers
FITB@4 / FITB@10 (negatives from other held-out outfits) and retrieval queries with each
model, scores them, and prints one table (also written as Markdown and JSON).

    python bench/eval_closet.py                       # all models, default variant
    python bench/eval_closet.py --variants content cluster cooc hetero   # graph choice
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

from core.settings import shared_data_dir
from gnn.closet_train import CLOSET_DEFAULTS, train_closet
from gnn.evaluation import models as m
from gnn.evaluation.protocol import make_split
from gnn.evaluation.runner import (
    EvalGraph,
    answer_fitb,
    answer_retrieval,
    read_lines,
    write_lines,
)
from gnn.evaluation.scorer import fitb_accuracy, retrieval_metrics

ORDER = ("random", "popularity", "cooccurrence", "als", "rule", "lightgcn", "hybrid")


def evaluate(name, scorer, split, work: Path, graph: EvalGraph, seed: int) -> dict:
    """Answer and score every question set with one model."""
    row: dict = {"model": name}
    for n, (qpath, tpath) in split.fitb.items():
        answers = work / f"{name}.fitb{n}.jsonl"
        write_lines(answers, answer_fitb(scorer, read_lines(qpath, ("question_id",)), seed))
        row[f"fitb@{n}"] = fitb_accuracy(answers, tpath)["fitb"]
        row["questions"] = fitb_accuracy(answers, tpath)["questions"]
    pools = json.loads(split.pools.read_text())
    queries = read_lines(split.queries, ("query_id",))
    answers = work / f"{name}.retrieval.jsonl"
    write_lines(answers, answer_retrieval(scorer, pools, queries, graph.category_of, seed=seed))
    clusters = json.loads(split.clusters.read_text())
    row.update(retrieval_metrics(answers, split.queries_truth, clusters))
    return row


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    default = shared_data_dir() / "musinsa-snap-2025"
    p.add_argument(
        "--data", type=Path, nargs="+", default=[default / "men.json", default / "women.json"]
    )
    p.add_argument("--seed", type=int, default=42, help="split seed")
    p.add_argument("--train-seed", type=int, default=CLOSET_DEFAULTS.seed)
    p.add_argument("--variant", default="content")
    p.add_argument(
        "--variants",
        nargs="*",
        default=[],
        help="also train and score these LightGCN graph variants",
    )
    p.add_argument("--epochs", type=int, default=CLOSET_DEFAULTS.epochs)
    p.add_argument("--models", nargs="*", default=list(ORDER))
    p.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    args = p.parse_args(argv)
    missing = [str(x) for x in args.data if not x.is_file()]
    if missing:
        print(f"data not found: {', '.join(missing)} (set CLOSET_SHARED_DATA)", file=sys.stderr)
        return 2

    config = replace(CLOSET_DEFAULTS, epochs=args.epochs, seed=args.train_seed)
    work = Path(tempfile.mkdtemp(prefix="closet-eval-bench-"))
    split = make_split(args.data, work / "split", seed=args.seed)
    rows, timings = [], {}
    t0 = time.perf_counter()
    with EvalGraph(split.train, split.catalog, args.variant, config) as graph:
        timings["load_enrich_export_s"] = round(time.perf_counter() - t0, 1)
        info = dict(graph.load_report)
        for name in [x for x in ORDER if x in args.models]:
            started = time.perf_counter()
            scorer = graph.model(name)
            rows.append(evaluate(name, scorer, split, work, graph, args.seed))
            timings[f"{name}_s"] = round(time.perf_counter() - started, 1)
        if graph.training is not None:
            info["lightgcn"] = {
                "variant": args.variant,
                "best_epoch": graph.training.best_epoch,
                "seconds_per_epoch": round(graph.training.seconds_per_epoch, 3),
                "device": graph.training.device,
                "graph": graph.training.graph.stats,
                "validation": graph.training.val_metrics,
            }
        for variant in args.variants:
            started = time.perf_counter()
            result = train_closet(graph.export, variant, config, progress=False)
            row = evaluate(
                f"lightgcn[{variant}]",
                m.LightGCNModel(result.scorer),
                split,
                work,
                graph,
                args.seed,
            )
            row.update(
                best_epoch=result.best_epoch,
                seconds_per_epoch=round(result.seconds_per_epoch, 3),
                nodes=result.graph.stats["nodes"],
                edges=result.graph.stats["edges"],
            )
            rows.append(row)
            timings[f"lightgcn[{variant}]_s"] = round(time.perf_counter() - started, 1)

    cols = [
        "fitb@4",
        "fitb@10",
        "recall@10",
        "recall@50",
        "ndcg@10",
        "cluster_recall@10",
        "cluster_ndcg@10",
    ]
    lines = [
        f"Split seed {args.seed}, training seed {args.train_seed}; "
        f"{rows[0]['questions']} FITB questions, {int(rows[0]['queries'])} retrieval queries.",
        "",
        "| model | " + " | ".join(cols) + " |",
        "|---|" + "---|" * len(cols),
    ]
    for row in rows:
        lines.append(f"| {row['model']} | " + " | ".join(f"{row[c]:.3f}" for c in cols) + " |")
    table = "\n".join(lines)
    print(table)
    print(json.dumps({"info": info, "timings": timings}, indent=1, default=str))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"eval_closet_seed{args.seed}.md").write_text(table + "\n")
    (args.out / f"eval_closet_seed{args.seed}.json").write_text(
        json.dumps({"rows": rows, "info": info, "timings": timings}, indent=1, default=str)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
