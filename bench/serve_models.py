"""What serving each model costs: the real outfits in a throwaway Neo4j, LightGCN and the learned
ranker trained and written as `closet train` does, then p50 / p95 latency over real HTTP of the
recommendation endpoints with every model, side by side (ratio to the rule model).

    python bench/serve_models.py [--requests 100]      (needs ../shared/data)
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from bench.http_bench import percentile, serving
from core.settings import Settings, shared_snap_files
from gnn.closet_train import CLOSET_DEFAULTS, train_closet
from gnn.export import GraphExport, export_graph
from gnn.ranker import train_ranker
from gnn.writeback import write_scores
from graph.db.connection import connect, read
from graph.db.schema import apply_schema
from graph.db.server import LocalServer, free_port
from graph.ingest.enrichment import run_enrichment
from graph.ingest.loader import load_files

MODELS = ("rule", "hybrid", "lightgcn", "ranker")


def train_and_write(driver) -> dict[str, float]:
    """LightGCN + ranker on the whole graph, written and switched in; seconds per step."""
    export = export_graph(driver)
    t = time.perf_counter()
    served = train_closet(export, "content", CLOSET_DEFAULTS, progress=False)
    lightgcn_s = time.perf_counter() - t

    def held_out(outfits: list) -> object:
        fit = GraphExport(export.items, outfits)
        return train_closet(fit, "content", CLOSET_DEFAULTS, refit=False, progress=False).scorer

    t = time.perf_counter()
    training = train_ranker(export.items, export.outfits, held_out, served.scorer, progress=False)
    ranker_s = time.perf_counter() - t
    t = time.perf_counter()
    write_scores(driver, served.scorer, progress=False, ranker=training)
    return {
        "LightGCN": lightgcn_s,
        "ranker (incl. its held-out LightGCN)": ranker_s,
        "write-back": time.perf_counter() - t,
    }


def timed(call, n: int) -> list[float]:
    for _ in range(10):
        call().raise_for_status()
    times = []
    for _ in range(n):
        t = time.perf_counter()
        call().raise_for_status()
        times.append((time.perf_counter() - t) * 1000)
    return times


def time_endpoints(client: httpx.Client, ids: list[str], args: argparse.Namespace) -> None:
    """Print the latency table of every endpoint with every model."""
    print(f"\n{args.requests} requests each (after 10 warm-up), one client:")
    print("| endpoint | model | p50 ms | p95 ms | mean ms | p50 / rule |")
    print("|---|---|---|---|---|---|")
    endpoints = {
        "GET /items/{id}/recommendations": lambda rng, model: client.get(
            f"/items/{rng.choice(ids)}/recommendations", params={"model": model}
        ),
        "POST /closet/recommendations (3 items)": lambda rng, model: client.post(
            "/closet/recommendations", json={"items": rng.sample(ids, 3), "model": model}
        ),
    }
    for endpoint, request in endpoints.items():
        rule_p50 = None
        for model in MODELS:
            rng = random.Random(args.seed)  # the same items for every model
            times = timed(lambda m=model, r=rng, q=request: q(r, m), args.requests)
            p50 = percentile(times, 0.5)
            rule_p50 = rule_p50 or p50
            print(
                f"| {endpoint} | {model} | {p50:.1f} | {percentile(times, 0.95):.1f} "
                f"| {statistics.mean(times):.1f} | {p50 / rule_p50:.2f} |"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    files = shared_snap_files()
    if not all(f.is_file() for f in files):
        print("real data not found (set CLOSET_SHARED_DATA)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        server = LocalServer(Path(tmp), free_port(), free_port(), ephemeral=True)
        server.start()
        settings = Settings(server.bolt_uri, "neo4j", server.read_password() or "")
        try:
            driver = connect(settings)
            apply_schema(driver)
            load_files(driver, files, progress=False)
            run_enrichment(driver, use_images=False, workers=1)
            steps = train_and_write(driver)
            print("| training step (CPU) | seconds |")
            print("|---|---|")
            for name, seconds in steps.items():
                print(f"| {name} | {seconds:.1f} |")
            ids = [r["id"] for r in read(driver, "explore/item_ids", limit=1_000_000)]
            with serving(settings) as url:
                time_endpoints(httpx.Client(base_url=url, timeout=60), ids, args)
            driver.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
