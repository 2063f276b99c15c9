"""Training at scale: export → train → write-back as the graph grows.

For each size a `closet synth` catalog (0.3 outfits per item) is bulk-loaded into a throwaway
Neo4j (heap 4g, page cache 4g); then, in a fresh process each time (so its peak memory is its
own), the pipeline `closet train` runs: export the graph from Neo4j, train LightGCN on the
content graph for a fixed number of epochs with validation every 5 (no early stop, so sizes
compare), refit on all outfits for the same epochs, write the top-50 scores per cluster and
category back and activate them. Printed and saved to bench/results/train_scale.json: seconds
per phase, epochs/s of the refit, the graph's nodes and edges, the trainer's peak RSS (and peak
GPU memory on CUDA), Neo4j's RSS. bench/results/train_scale.png plots the phases against
catalog size (log–log). The learned ranker is not part of it (`--ranker` adds it).

    python bench/train_scale.py --sizes 10000,30000,100000 --epochs 10
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from bench.scale import child_env, finish_loglog, load_synth, throwaway_server
from bench.serve_scale import rss_mb
from core.settings import REPO_ROOT, Settings
from graph.db.connection import connect

RESULTS = REPO_ROOT / "bench" / "results"
PHASES = ("export", "train", "refit", "write-back")


def child(epochs: int, device: str, ranker: bool) -> dict[str, Any]:
    """One pipeline run against NEO4J_URI (in its own process): seconds per phase and memory."""
    import torch

    from gnn.closet_graph import ItemScorer, build_closet_graph
    from gnn.closet_train import CLOSET_DEFAULTS, train_closet
    from gnn.export import GraphExport, export_graph
    from gnn.ranker import train_ranker
    from gnn.train import train_lightgcn
    from gnn.writeback import write_scores

    config = replace(CLOSET_DEFAULTS, epochs=epochs, patience=10**6, device=device)
    seconds: dict[str, float] = {}
    with connect() as driver:
        began = time.perf_counter()
        export = export_graph(driver)
        seconds["export"] = time.perf_counter() - began

        began = time.perf_counter()
        held = train_closet(export, "content", config, refit=False, progress=False)
        seconds["train"] = time.perf_counter() - began
        began = time.perf_counter()
        full = build_closet_graph(export, "content")
        final = train_lightgcn(full.graph, replace(config, epochs=epochs), None, progress=False)
        seconds["refit"] = time.perf_counter() - began
        if ranker:
            began = time.perf_counter()

            def held_out(outfits: list) -> Any:
                fit = GraphExport(export.items, outfits, export.feedback)
                return train_closet(fit, "content", config, refit=False, progress=False).scorer

            training = train_ranker(export.items, export.outfits, held_out, held.scorer, seed=7)
            seconds["ranker"] = time.perf_counter() - began
        else:
            training = None
        began = time.perf_counter()
        report = write_scores(
            driver,
            ItemScorer(full, final.embeddings),
            top_k=50,
            progress=False,
            calibration=held.calibration,
            ranker=training,
        )
        seconds["write-back"] = time.perf_counter() - began
    gpu = torch.cuda.max_memory_allocated() / 2**20 if torch.cuda.is_available() else None
    return {
        "seconds": seconds,
        "epochs": epochs,
        "epochs_per_s": 1 / final.seconds_per_epoch if final.seconds_per_epoch else None,
        "seconds_per_epoch": final.seconds_per_epoch,
        "device": final.device,
        "graph": full.stats,
        "scored_edges": report.edges,
        "items": len(export.items),
        "outfits": len(export.outfits),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_gpu_mb": gpu,
        "val_mrr": held.val_metrics.get("val_mrr"),
    }


def run_child(settings: Settings, epochs: int, device: str, ranker: bool) -> dict[str, Any]:
    env = child_env(settings)
    args = [sys.executable, __file__, "--child", "--epochs", str(epochs), "--device", device]
    done = subprocess.run(
        args + (["--ranker"] if ranker else []),
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO_ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"training run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    sizes = [r["size"] for r in rows]
    for phase in [*PHASES, "ranker"]:
        if all(phase in r["seconds"] for r in rows):
            ax.plot(sizes, [r["seconds"][phase] for r in rows], marker="o", label=phase)
    finish_loglog(fig, ax, path, "seconds (log)", "closet train: time per phase against size")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--device", default="auto", help="auto (CUDA when present), cpu, cuda")
    parser.add_argument("--ranker", action="store_true", help="also train the learned ranker")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.epochs, args.device, args.ranker)))
        return 0
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    with throwaway_server() as (server, settings, tmp):
        for size in [int(s) for s in args.sizes.split(",")]:
            load_synth(server, settings, Path(tmp), size, args.seed)
            row = {"size": size, **run_child(settings, args.epochs, args.device, args.ranker)}
            row["neo4j_rss_mb"] = rss_mb(server.pid() or 0)
            rows.append(row)
            s = row["seconds"]
            print(
                f"{size:,} items ({row['items']:,} exported, {row['outfits']:,} outfits; graph "
                f"{row['graph']['nodes']:,} nodes, {row['graph']['edges']:,} edges), "
                f"{row['device']}: export {s['export']:.1f} s | train {s['train']:.1f} s | "
                f"refit {s['refit']:.1f} s ({row['epochs_per_s']:.2f} epochs/s) | write-back "
                f"{s['write-back']:.1f} s ({row['scored_edges']:,} SCORED)"
                + (f" | ranker {s['ranker']:.1f} s" if "ranker" in s else "")
                + f" | trainer peak RSS {row['peak_rss_mb']:,.0f} MB"
                + (f", GPU {row['peak_gpu_mb']:,.0f} MB" if row["peak_gpu_mb"] else "")
                + f" | Neo4j RSS {row['neo4j_rss_mb']:,.0f} MB",
                flush=True,
            )
    (RESULTS / "train_scale.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    plot(rows, RESULTS / "train_scale.png")
    print(f"plot: {RESULTS / 'train_scale.png'}")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        for phase in PHASES:
            print(
                f"{phase}: {b['seconds'][phase] / a['seconds'][phase]:.1f}× the time for "
                f"{b['size'] / a['size']:.0f}× the items"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
