"""Serving at scale: `closet synth` catalogs of 10k, 100k and 1M items bulk-loaded into a
throwaway Neo4j, `closet serve` in its own process, and a load generator in another
(bench/load_client.py). For each size:

1. one client, each endpoint alone: p50 / p95 / p99 (latency without queueing);
2. eight clients on the mixed load (item recommendations, closet recommendations, `/next` with
   20 owned pieces, outfits, search): requests/s and percentiles per endpoint.

The PROFILE plans of the hot queries are saved to bench/results/profiles/<size>/, the table is
printed, and bench/results/serve_scale.png plots p99 against catalog size (log–log), with the
targets of the scale issue drawn in. No model is trained at these sizes: the rule serves.

    python bench/serve_scale.py --sizes 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from neo4j import Driver

import cypher
from bench.http_bench import percentile
from bench.scale import child_env, finish_loglog, load_synth, throwaway_server, wait_for
from core.settings import REPO_ROOT, Settings
from graph import wardrobe
from graph.db.connection import connect, database, read
from graph.db.server import free_port
from graph.recommend.rule import candidate_query

RESULTS = REPO_ROOT / "bench" / "results"
TARGETS = {"item recommendations": 20.0, "next (20 owned)": 50.0}  # ms: p99, p95
OWNED = 20


def sample_items(driver: Driver, n: int, seed: int) -> list[dict[str, Any]]:
    """Items worn in outfits (id, category), a random sample."""
    rows = read(driver, "bench/sample_items", limit=200_000)
    return random.Random(seed).sample(rows, min(n, len(rows)))


def make_closets(driver: Driver, items: list[dict[str, Any]], n: int) -> list[str]:
    """n closets of OWNED pieces each (tops, bottoms and outers as sampled)."""
    persons = []
    for k in range(n):
        made = wardrobe.create_closet(driver, f"bench {k}")
        for item in items[k * OWNED : (k + 1) * OWNED]:
            wardrobe.own_item(driver, made.person, item["id"])
        persons.append(made.person)
    return persons


def mix(items: list[dict[str, Any]], persons: list[str]) -> list[dict[str, Any]]:
    calls = []
    for k, item in enumerate(items[:100]):
        person = persons[k % len(persons)]
        pair = items[(k + 1) % len(items)]
        calls += [
            {"name": "item recommendations", "method": "GET",
             "path": f"/items/{item['id']}/recommendations"},
            {"name": "closet recommendations (3)", "method": "POST",
             "path": "/closet/recommendations",
             "body": {"items": [i["id"] for i in items[k : k + 3]]}},
            {"name": "next (20 owned)", "method": "GET", "path": f"/closets/{person}/next"},
            {"name": "outfits", "method": "GET",
             "path": f"/outfits?owned={item['id']}&picked={pair['id']}"},
            {"name": "search", "method": "GET",
             "path": "/items/search?q=" + ["셔츠", "jeans", "코트", "knit", "black"][k % 5]},
        ]  # fmt: skip
    return calls


def run_load(
    url: str, calls: list[dict[str, Any]], seconds: float, concurrency: int, requests: int = 0
) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(calls, f)
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "load_client.py"), url, f.name,
         "--seconds", str(seconds), "--concurrency", str(concurrency),
         "--requests", str(requests)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    os.unlink(f.name)
    return json.loads(done.stdout)


def summarise(result: dict) -> dict[str, dict[str, float]]:
    out = {}
    for name, lat in result["latencies_ms"].items():
        out[name] = {
            "n": len(lat),
            "p50": percentile(lat, 0.5),
            "p95": percentile(lat, 0.95),
            "p99": percentile(lat, 0.99),
            "errors": result["errors"].get(name, 0),
        }
    return out


def save_profiles(driver: Driver, items: list[dict[str, Any]], folder: Path) -> dict[str, float]:
    """PROFILE of the rule's candidate query (reading the precomputed TOP lists, and scanning
    every item of the paired clusters as before them) and of the search, with their db hits;
    the median milliseconds of each candidate query over 20 items."""
    folder.mkdir(parents=True, exist_ok=True)
    params = []
    for item in items[:20]:
        source = read(driver, "recommend/source_clusters", item_id=item["id"])[0]
        if source["cluster"]:
            params.append(
                {
                    "sources": [source["cluster"]],
                    "owned_category": source["item"]["category"],
                    "exclude": [item["id"]],
                    "skip_categories": [],
                    "categories": ["top", "bottom", "outer", "shoes", "bag", "hat"],
                    "per_category": 10,
                    "brands": "any",
                    "own_brands": [],
                }
            )
    search = {"query": "셔츠*", "category": None, "color": None, "limit": 20, "scan": 400}
    queries = {
        "recommend_candidates_top": ("recommend/candidates", params[0]),
        "recommend_candidates_scan": ("recommend/candidates_scan", params[0]),
        "items_search": ("items/search", search),
    }
    for name, (query, values) in queries.items():
        # PROFILE is a keyword before the stored query; no value is formatted into it
        _, summary, _ = driver.execute_query(
            "PROFILE " + cypher.load(query), values, database_=database(driver)
        )
        lines: list[str] = []
        _plan(summary.profile, 0, lines)
        (folder / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    timings = {}
    for use_top in (True, False):
        took = []
        for values in params:
            began = time.perf_counter()
            read(driver, candidate_query("recommend/candidates", use_top), **values)
            took.append((time.perf_counter() - began) * 1000)
        timings["top" if use_top else "scan"] = percentile(took, 0.5)
    return timings


def _plan(node: dict, depth: int, lines: list[str]) -> int:
    hits = int(node.get("dbHits", 0))
    line = f"{'  ' * depth}{node['operatorType']}  rows={node.get('rows')}  dbHits={hits}"
    lines.append(line)
    for child in node.get("children", []):
        hits += _plan(child, depth + 1, lines)
    if depth == 0:
        lines.append(f"total dbHits={hits}")
    return hits


def serve(settings: Settings, workers: int = 1) -> tuple[subprocess.Popen, str]:
    """`closet serve` on a free port, in its own process, against `settings`' server."""
    port = free_port()
    env = child_env(settings)
    env.update(CLOSET_WRITES_PER_MINUTE="1000000")
    proc = subprocess.Popen(
        [sys.executable, "-m", "closet", "serve", "--port", str(port), "--workers", str(workers)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO_ROOT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    wait_for(f"{url}/health", proc)
    return proc, url


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tree_rss_mb(pid: int) -> float:
    """RSS of a process and all its children (uvicorn's workers), in MB."""
    total = rss_mb(pid)
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            total += tree_rss_mb(int(child))
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its children (uvicorn's workers)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            total += cpu_seconds(int(child))
    return total


def hit_rates(before: dict, after: dict) -> dict[str, float]:
    """Each cache's share of hits between two /health readings."""
    rates = {}
    for name, c in after.items():
        if name in before:
            hits = c["hits"] - before[name]["hits"]
            rates[name] = hits / max(1, hits + c["misses"] - before[name]["misses"])
    return rates


def cache_counts(url: str) -> dict[str, dict[str, int]]:
    """The API's in-process caches as /health reports them (one worker's)."""
    caches = httpx.get(f"{url}/health", timeout=10).json().get("caches", [])
    return {c["name"]: c for c in caches}


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    names = sorted({n for r in rows for n in r["single"]})
    for name in names:
        points = [(r["size"], r["single"][name]["p99"]) for r in rows if name in r["single"]]
        ax.plot(*zip(*points, strict=True), marker="o", label=f"{name} (1 client, p99)")
    sizes = sorted({r["size"] for r in rows})
    ax.plot(sizes, [20.0] * len(sizes), "k--", lw=1, label="target: item rec. p99 20 ms")
    finish_loglog(
        fig, ax, path, "latency, ms (log)", "closet serve: p99 latency against catalog size"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--single", type=int, default=100, help="requests per endpoint, 1 client")
    parser.add_argument("--seconds", type=float, default=30, help="of mixed load")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    with throwaway_server() as (server, settings, tmp):
        for size in [int(s) for s in args.sizes.split(",")]:
            loaded = load_synth(server, settings, Path(tmp), size, args.seed)
            with connect(settings) as driver:
                items = sample_items(driver, 100 + 10 * OWNED, args.seed)
                persons = make_closets(driver, items[100:], 10)
                query_ms = save_profiles(driver, items, RESULTS / "profiles" / str(size))
            calls = mix(items, persons)
            proc, url = serve(settings, args.workers)
            try:
                # first visit: each sampled item once, right after start (empty caches)
                firsts = [c for c in calls if c["name"] == "item recommendations"]
                cold = summarise(run_load(url, firsts, 600, 1, len(firsts)))
                run_load(url, calls, 5, 2)  # warm-up
                before = cache_counts(url)
                single = {}
                for name in dict.fromkeys(c["name"] for c in calls):
                    mine = [c for c in calls if c["name"] == name][: args.single]
                    result = run_load(url, mine, args.seconds / 3, 1)
                    single.update(summarise(result))
                cpu_before = (cpu_seconds(proc.pid), cpu_seconds(server.pid() or 0))
                mixed = run_load(url, calls, args.seconds, args.concurrency)
                cpu = {
                    "api": cpu_seconds(proc.pid) - cpu_before[0],
                    "neo4j": cpu_seconds(server.pid() or 0) - cpu_before[1],
                    "load client": mixed["cpu_seconds"],
                }
                after = cache_counts(url)
                api_rss = tree_rss_mb(proc.pid)
                total = sum(len(v) for v in mixed["latencies_ms"].values())
            finally:
                proc.terminate()
                proc.wait(30)
            row = {
                "size": size,
                "items": loaded.counts_after["Item"],
                "single": single,
                "mixed": summarise(mixed),
                "mixed_rps": total / mixed["seconds"],
                "api_rss_mb": api_rss,
                "neo4j_rss_mb": rss_mb(server.pid() or 0),
                "candidates_query_ms": query_ms,
                "first_visit": cold["item recommendations"],
                "workers": args.workers,
                "cache_hit_rate": hit_rates(before, after),
                "cpu_ms_per_request": {k: 1000 * v / max(1, total) for k, v in cpu.items()},
            }
            rows.append(row)
            print(f"\n{size:,} items ({row['items']:,} in the graph), "
                  f"mixed load {row['mixed_rps']:.0f} req/s with {args.concurrency} clients; "
                  f"API RSS {api_rss:.0f} MB, Neo4j RSS {row['neo4j_rss_mb']:.0f} MB "
                  "(heap 4g, page cache 4g); rule candidate query p50 "
                  f"{query_ms['top']:.1f} ms from TOP lists, {query_ms['scan']:.1f} ms "
                  "scanning the clusters", flush=True)  # fmt: skip
            first = row["first_visit"]
            print(f"item recommendations, first visit after start (empty caches, "
                  f"{first['n']} items): p50 {first['p50']:.1f} p95 {first['p95']:.1f} "
                  f"p99 {first['p99']:.1f} ms; cache hit rate while measured: "
                  + ", ".join(f"{k} {v:.1%}" for k, v in row["cache_hit_rate"].items()),
                  flush=True)  # fmt: skip
            spent = row["cpu_ms_per_request"]
            cores = os.cpu_count() or 1
            print("CPU per request of the mixed load: "
                  + ", ".join(f"{k} {v:.1f} ms" for k, v in spent.items())
                  + f"; at {sum(spent.values()):.1f} ms, {cores} cores allow at most "
                  f"{1000 * cores / sum(spent.values()):.0f} req/s", flush=True)  # fmt: skip
            print("| endpoint | 1 client p50 | p95 | p99 | 8 clients p50 | p95 | p99 |")
            print("|---|---|---|---|---|---|---|")
            for name, s in single.items():
                m = row["mixed"].get(name, {})
                print(f"| {name} | {s['p50']:.1f} | {s['p95']:.1f} | {s['p99']:.1f} "
                      f"| {m.get('p50', float('nan')):.1f} | {m.get('p95', float('nan')):.1f} "
                      f"| {m.get('p99', float('nan')):.1f} |", flush=True)  # fmt: skip
    (RESULTS / "serve_scale.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    plot(rows, RESULTS / "serve_scale.png")
    print(f"plot: {RESULTS / 'serve_scale.png'}")
    for row in rows:
        for name, target in TARGETS.items():
            got = row["single"][name]["p99" if "item" in name else "p95"]
            print(f"{row['size']:,} items, {name}: {got:.1f} ms against {target:.0f} ms "
                  f"({got / target:.2f}× the target)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
