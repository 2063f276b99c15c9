"""Latency of `GET /closets/{person}/next` for closets of 5 / 20 / 50 items at 100k and 1M
catalog items (target: p95 <= 100 ms at 1M with 20 owned items).

A synthetic catalog is written into a throwaway Neo4j (`graph.db.server.LocalServer` in a temporary
folder, never the user's graph) in big `UNWIND` batches (cypher/bench/*.cypher): every mid class
× colour family is a cluster with a Zipf-like size, each cluster belongs to one of 24 latent
styles, and outfits (one per 4 items) draw a top, a bottom and maybe an outer, shoes, a bag, a
hat from clusters of one style (3 % of the picks from any style). Co-occurrence is then computed
by the project's own `refresh_cooccurrence`. The catalog grows in stages (100k, then +900k), the
closets are drawn like outfits (mostly one style) and the API runs under uvicorn on 127.0.0.1;
latency is measured end to end over HTTP, after a warm-up.

    python bench/closet_next.py                       # 100k and 1M (takes a while)
    python bench/closet_next.py --sizes 100000 --requests 100
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tqdm import tqdm

import cypher
from bench.http_bench import serving
from core.settings import Settings
from core.vocabulary import (
    COLOR_FAMILIES,
    CORE_CATEGORIES,
)
from enrich.taxonomy import MID_CLASSES
from graph import wardrobe as store
from graph.db.connection import connect, database, run, run_batches
from graph.db.schema import apply_schema
from graph.db.server import LocalServer, free_port
from graph.ingest.cooccurrence import refresh_cooccurrence
from graph.recommend.capsule import best_pair_gain, capsule
from graph.recommend.pairs import PairBook
from graph.recommend.wearable import core_pieces

STYLES = 24
NOISE = 0.03
OUTFIT_PARTS = {"top": 1.0, "bottom": 1.0, "outer": 0.4, "shoes": 0.7, "bag": 0.2, "hat": 0.15}
CLOSET_PARTS = {"top": 0.35, "bottom": 0.3, "outer": 0.15, "shoes": 0.2}
TARGET_MS = 100.0


class Catalog:
    """The synthetic clusters and the items written so far (per-cluster member lists)."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.closet_rng = np.random.default_rng(seed + 1)  # closets never shift the catalog
        self.keys, self.category, self.mid, self.color = [], [], [], []
        for m in MID_CLASSES:
            for color in COLOR_FAMILIES:
                self.keys.append(f"{m.name}|{color}")
                self.category.append(m.bigs[0])
                self.mid.append(m.name)
                self.color.append(color)
        n = len(self.keys)
        ranks = self.rng.permutation(n)
        self.weight = 1.0 / (ranks + 1.0) ** 0.8
        self.weight /= self.weight.sum()
        self.style = self.rng.integers(0, STYLES, n)
        self.members: list[list[int]] = [[] for _ in range(n)]
        self.items = 0
        self.outfits = 0
        cats = np.array(self.category)
        self.pool: dict[tuple[int, str], tuple[np.ndarray, np.ndarray]] = {}
        for s in range(STYLES):
            for cat in OUTFIT_PARTS:
                idx = np.flatnonzero((self.style == s) & (cats == cat))
                if len(idx) == 0:
                    idx = np.flatnonzero(cats == cat)
                w = self.weight[idx]
                self.pool[(s, cat)] = (idx, w / w.sum())
        self.any_pool = {}
        for cat in OUTFIT_PARTS:
            idx = np.flatnonzero(cats == cat)
            w = self.weight[idx]
            self.any_pool[cat] = (idx, w / w.sum())

    def cluster_rows(self) -> list[dict]:
        return [
            {"key": k, "mid_class": m, "color": c}
            for k, m, c in zip(self.keys, self.mid, self.color, strict=True)
        ]

    def pick_cluster(self, style: int, cat: str, rng: np.random.Generator | None = None) -> int:
        rng = rng or self.rng
        idx, p = self.any_pool[cat] if rng.random() < NOISE else self.pool[(style, cat)]
        return int(rng.choice(idx, p=p))

    def grow(self, new_items: int) -> tuple[list[dict], list[dict]]:
        """Rows of `new_items` more items and their outfits (outfits use only new items)."""
        first = self.items
        cluster_of = self.rng.choice(len(self.keys), size=new_items, p=self.weight)
        fresh: list[list[int]] = [[] for _ in self.keys]
        for n, c in enumerate(cluster_of):
            fresh[c].append(first + n)
        popularity = np.zeros(new_items, dtype=np.int64)
        outfits = []
        for _ in range(new_items // 4):
            style = int(self.rng.integers(STYLES))
            chosen = []
            for cat, share in OUTFIT_PARTS.items():
                if self.rng.random() >= share:
                    continue
                for _attempt in range(4):
                    c = self.pick_cluster(style, cat)
                    if fresh[c]:
                        item = fresh[c][int(self.rng.integers(len(fresh[c])))]
                        chosen.append(item)
                        popularity[item - first] += 1
                        break
            if len(chosen) >= 2:
                outfits.append(
                    {
                        "id": f"bo{self.outfits:08d}",
                        "style": f"s{style}",
                        "items": [f"bi{i:08d}" for i in chosen],
                    }
                )
                self.outfits += 1
        prices = self.rng.integers(10, 300, new_items) * 1000
        items = [
            {
                "id": f"bi{first + n:08d}",
                "name": f"{self.color[c]} {self.mid[c]} {first + n}",
                "category": self.category[c],
                "mid_class": self.mid[c],
                "color": self.color[c],
                "price": int(prices[n]),
                "popularity": int(popularity[n]),
                "cluster": self.keys[c],
            }
            for n, c in enumerate(cluster_of)
        ]
        for c, ids in enumerate(fresh):
            self.members[c].extend(ids)
        self.items += new_items
        return items, outfits

    def closet(self, size: int) -> list[str]:
        """Item ids of a closet drawn like outfits: one style, 10 % from anywhere."""
        style = int(self.closet_rng.integers(STYLES))
        cats = list(CLOSET_PARTS)
        shares = np.array(list(CLOSET_PARTS.values()))
        chosen: set[str] = set()
        while len(chosen) < size:
            cat = cats[int(self.closet_rng.choice(len(cats), p=shares / shares.sum()))]
            if self.closet_rng.random() < 0.1:
                c = self.pick_cluster_any(cat, self.closet_rng)
            else:
                c = self.pick_cluster(style, cat, self.closet_rng)
            if self.members[c]:
                item = self.members[c][int(self.closet_rng.integers(len(self.members[c])))]
                chosen.add(f"bi{item:08d}")
        return sorted(chosen)

    def pick_cluster_any(self, cat: str, rng: np.random.Generator | None = None) -> int:
        idx, p = self.any_pool[cat]
        return int((rng or self.rng).choice(idx, p=p))


def build(driver, catalog: Catalog, new_items: int, batch: int) -> dict[str, float]:
    """Write `new_items` items and their outfits; refresh co-occurrence; return the rates."""
    t0 = time.perf_counter()
    items, outfits = catalog.grow(new_items)
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with tqdm(total=len(items), desc="items", unit="it", leave=False) as bar:
        for start in range(0, len(items), batch):
            chunk = items[start : start + batch]
            run_batches(driver, "bench/items", chunk, batch_size=batch)
            bar.update(len(chunk))
    items_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with tqdm(total=len(outfits), desc="outfits", unit="o", leave=False) as bar:
        for start in range(0, len(outfits), batch // 2):
            chunk = outfits[start : start + batch // 2]
            run_batches(driver, "bench/outfits", chunk, batch_size=batch // 2)
            bar.update(len(chunk))
    outfits_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    pairs = refresh_cooccurrence(driver)["pairs"]
    cooc_s = time.perf_counter() - t0
    return {
        "items": len(items),
        "outfits": len(outfits),
        "generate_s": gen_s,
        "items_per_s": len(items) / items_s,
        "outfits_per_s": len(outfits) / outfits_s,
        "cooccurrence_s": cooc_s,
        "pairs": pairs,
    }


def constraints_only(driver) -> None:
    """The uniqueness constraints the load needs (id look-ups); the other indexes — full-text
    above all, costly per write — are built once at the end by `apply_schema`."""
    for name in ("schema/constraints", "schema/closet"):
        for statement in cypher.statements(name):
            if statement.startswith("CREATE CONSTRAINT"):
                driver.execute_query(statement, database_=database(driver))


def measure(client, persons: list[str], requests: int, warmup: int) -> list[float]:
    """Latencies (ms) of GET /next cycling over the persons."""
    out = []
    for n in range(warmup + requests):
        person = persons[n % len(persons)]
        t0 = time.perf_counter()
        r = client.get(f"/closets/{person}/next", params={"limit": 10})
        ms = (time.perf_counter() - t0) * 1000
        r.raise_for_status()
        if n >= warmup:
            out.append(ms)
    return out


def bolt_round_trip(driver, n: int = 50) -> float:
    """Median milliseconds of `RETURN 1` through the driver: the floor of any query here (high
    when other processes load the machine)."""
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        driver.execute_query("RETURN 1 AS one", database_=database(driver))
        out.append((time.perf_counter() - t0) * 1000)
    return statistics.median(out)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def greedy_check(driver, persons: list[str]) -> list[tuple[int, int]]:
    """(greedy total gain of 2 purchases, exhaustive best) per closet, at cluster level."""
    found = []
    for person in persons:
        closet = store.load_closet(driver, person)
        chosen = capsule(driver, closet, k=2)
        start, steps = chosen.start_outfits, chosen.steps
        greedy = (steps[-1].total - start) if steps else 0
        book = PairBook(driver)
        best = best_pair_gain(core_pieces(closet), book, CORE_CATEGORIES)
        found.append((greedy, best))
    return found


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    p.add_argument("--closets", type=int, nargs="+", default=[5, 20, 50])
    p.add_argument("--persons", type=int, default=5, help="closets per size")
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--warmup", type=int, default=20)
    p.add_argument("--batch", type=int, default=20_000)
    p.add_argument("--heap", default="4g")
    p.add_argument("--pagecache", default="2g")
    p.add_argument("--seed", type=int, default=6)
    p.add_argument("--json", type=Path, default=None, help="also write the figures here")
    p.add_argument(
        "--state",
        type=Path,
        default=None,
        help="build into this folder and keep it; a later run with it reuses the catalog",
    )
    args = p.parse_args(argv)

    import httpx

    results: dict = {"build": [], "latency": [], "greedy": []}
    with tempfile.TemporaryDirectory(prefix="closet-bench-") as scratch:
        tmp = args.state or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        marker = tmp / "closet-bench-catalog.json"
        built = json.loads(marker.read_text()) if marker.is_file() else {"stages": []}
        if built["stages"] and built.get("seed") != args.seed:
            print(f"{tmp} holds a catalog of seed {built.get('seed')}: use that seed")
            return 2
        server = LocalServer(
            Path(tmp), free_port(), free_port(), heap=args.heap, pagecache=args.pagecache
        )
        print(f"starting a throwaway Neo4j in {tmp} ...", flush=True)
        server.start(timeout=300)
        settings = Settings(
            neo4j_uri=server.bolt_uri, neo4j_user="neo4j", neo4j_password=server.read_password()
        )
        try:
            driver = connect(settings)
            constraints_only(driver)
            catalog = Catalog(args.seed)
            if built["stages"]:  # replay the generator (nothing written) to restore its state
                print(f"reusing the catalog of {tmp} ({built['stages'][-1]:,} items)", flush=True)
                for stage in built["stages"]:
                    catalog.grow(stage - catalog.items)
            else:
                run_batches(driver, "bench/clusters", catalog.cluster_rows(), batch_size=5000)
            with serving(settings) as url, httpx.Client(base_url=url, timeout=60) as client:
                for size in sorted(args.sizes):
                    grow = size - catalog.items
                    if grow > 0:
                        print(f"building the catalog up to {size:,} items ...", flush=True)
                        figures = build(driver, catalog, grow, args.batch)
                        t0 = time.perf_counter()
                        apply_schema(driver)  # the remaining indexes, populated in bulk
                        figures["indexes_s"] = time.perf_counter() - t0
                        built = {"seed": args.seed, "stages": [*built["stages"], size]}
                        marker.write_text(json.dumps(built))
                        figures["catalog"] = size
                        results["build"].append(figures)
                        print(
                            f"  +{figures['items']:,} items at {figures['items_per_s']:,.0f}/s, "
                            f"+{figures['outfits']:,} outfits at "
                            f"{figures['outfits_per_s']:,.0f}/s, co-occurrence "
                            f"{figures['cooccurrence_s']:.1f}s ({figures['pairs']:,} pairs), "
                            f"indexes {figures['indexes_s']:.1f}s",
                            flush=True,
                        )
                    for n_owned in args.closets:
                        persons = []
                        for _ in range(args.persons):
                            person = store.create_closet(driver, f"bench-{n_owned}").person
                            ids = catalog.closet(n_owned)
                            run(driver, "bench/own_items", person=person, ids=ids)
                            persons.append(person)
                        floor = bolt_round_trip(driver)
                        lat = measure(client, persons, args.requests, args.warmup)
                        row = {
                            "catalog": size,
                            "owned": n_owned,
                            "p50_ms": pct(lat, 50),
                            "p95_ms": pct(lat, 95),
                            "p99_ms": pct(lat, 99),
                            "mean_ms": statistics.fmean(lat),
                            "bolt_rtt_ms": floor,
                        }
                        results["latency"].append(row)
                        print(
                            f"  catalog {size:>9,}  closet {n_owned:>2}: "
                            f"p50 {row['p50_ms']:6.1f} ms  p95 {row['p95_ms']:6.1f} ms  "
                            f"p99 {row['p99_ms']:6.1f} ms  (RETURN 1: {floor:.1f} ms)"
                            f"  (p95 / target {row['p95_ms'] / TARGET_MS:.2f})",
                            flush=True,
                        )
                        if n_owned == 20:
                            results["greedy"] += [
                                {"catalog": size, "greedy": g, "best": b}
                                for g, b in greedy_check(driver, persons)
                            ]
            driver.close()
        finally:
            server.stop()
    print("\n/next latency over HTTP (limit 10), target p95 <= 100 ms at 1M with 20 owned")
    print(
        f"{'catalog':>10} {'owned':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'p95/target':>11} {'RETURN 1 ms':>12}"
    )
    for r in results["latency"]:
        print(
            f"{r['catalog']:>10,} {r['owned']:>6} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} "
            f"{r['p99_ms']:>8.1f} {r['p95_ms'] / TARGET_MS:>11.2f} {r['bolt_rtt_ms']:>12.1f}"
        )
    if results["greedy"]:
        same = sum(1 for g in results["greedy"] if g["greedy"] >= g["best"])
        ratio = statistics.fmean(g["greedy"] / g["best"] for g in results["greedy"] if g["best"])
        print(
            f"\ncapsule k=2: greedy reached the exhaustive optimum in {same}/"
            f"{len(results['greedy'])} closets (mean greedy/optimum {ratio:.3f})"
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
