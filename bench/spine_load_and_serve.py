"""Spine benchmark: load the real MUSINSA files into a throwaway Neo4j, then time the API.

Prints: load time and outfits/s (first load and idempotent re-load, side by side), and the
p50/p95 latency of the main endpoints over real HTTP (uvicorn on 127.0.0.1), as a table.
Run: `python bench/spine_load_and_serve.py [--requests 200]` (needs ../shared/data).
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
from core.settings import Settings
from graph.db.connection import connect, read
from graph.db.schema import apply_schema
from graph.db.server import LocalServer, free_port
from graph.ingest.loader import load_files

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "musinsa-snap-2025"


def time_endpoints(
    client: httpx.Client, ids: list[str], pairs: list[dict], args: argparse.Namespace
) -> None:
    """Print p50 / p95 / mean latency of the main endpoints."""
    rng = random.Random(args.seed)
    words = ["셔츠", "데님", "black", "니트", "슬랙스", "jacket", "후드", "chino"]
    cases = {
        "GET /items/{id}/recommendations": lambda: client.get(
            f"/items/{rng.choice(ids)}/recommendations"
        ),
        "POST /closet/recommendations (3 items)": lambda: client.post(
            "/closet/recommendations", json={"items": rng.sample(ids, 3)}
        ),
        "GET /items/search": lambda: client.get("/items/search", params={"q": rng.choice(words)}),
        "GET /outfits": lambda: client.get("/outfits", params=rng.choice(pairs)),
    }
    print(f"\n{args.requests} requests each, after 20 warm-up requests:")
    print("| endpoint | p50 ms | p95 ms | mean ms |")
    print("|---|---|---|---|")
    for name, call in cases.items():
        for _ in range(20):
            call()
        times = []
        for _ in range(args.requests):
            t = time.perf_counter()
            response = call()
            times.append((time.perf_counter() - t) * 1000)
            response.raise_for_status()
        print(
            f"| {name} | {percentile(times, 0.5):.1f} | {percentile(times, 0.95):.1f} "
            f"| {statistics.mean(times):.1f} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    files = [DATA / "men.json", DATA / "women.json"]
    if not all(f.is_file() for f in files):
        print(f"real data not found under {DATA}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        server = LocalServer(Path(tmp), free_port(), free_port(), ephemeral=True)
        t0 = time.perf_counter()
        server.start()
        start_s = time.perf_counter() - t0
        settings = Settings(server.bolt_uri, "neo4j", server.read_password() or "")
        try:
            driver = connect(settings)
            apply_schema(driver)
            first = load_files(driver, files, progress=False)
            again = load_files(driver, files, progress=False)
            print(f"Neo4j start (jars cached): {start_s:.1f} s")
            print("| load | seconds | outfits/s | nodes+rels created |")
            print("|---|---|---|---|")
            for name, rep in (("first load", first), ("re-load (idempotent)", again)):
                created = sum(rep.created().values())
                rate = rep.outfits / rep.seconds
                print(f"| {name} | {rep.seconds:.1f} | {rate:.0f} | {created} |")
            print(f"re-load / first load time ratio: {again.seconds / first.seconds:.2f}")
            ids = [r["id"] for r in read(driver, "explore/item_ids", limit=1_000_000)]
            pairs = read(driver, "explore/co_worn_pairs", limit=500)
            with serving(settings) as url:
                time_endpoints(httpx.Client(base_url=url, timeout=30), ids, pairs, args)
            driver.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
