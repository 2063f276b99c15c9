"""Ingest at scale: `closet synth` catalogs of 10k, 100k and 1M items (0.3 outfits per item)
loaded into a throwaway Neo4j with the batched UNWIND loader (`closet load`'s code), at several
batch sizes; per-record MERGE (one auto-commit statement per node and relationship, the naive
way) on 10k items for the ratio; the co-occurrence refresh timed on its own.

Prints a table (items/s, relationships/s, seconds) and writes
bench/results/ingest_scale.png (log–log: seconds against catalog size) and
bench/results/ingest_scale.json.

    python bench/ingest_scale.py                 # 10k, 100k, 1M
    python bench/ingest_scale.py --sizes 10000   # one size
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from neo4j import Driver

from bench.scale import finish_loglog, throwaway_server
from core.settings import REPO_ROOT, Settings
from graph.db.connection import connect, run
from graph.db.schema import apply_schema
from graph.db.server import LocalServer
from graph.ingest.bulk import bulk_load
from graph.ingest.cooccurrence import refresh_cooccurrence
from graph.ingest.loader import load_catalog, load_files
from graph.ingest.synth import generate, read_jsonl
from graph.ingest.writer import graph_counts

RESULTS = REPO_ROOT / "bench" / "results"
RELATIONSHIPS = ("CONTAINS", "MADE_BY", "IN_CLUSTER", "TAGGED")


def wipe(driver: Driver) -> None:
    run(driver, "maintenance/wipe")
    apply_schema(driver)


def batched(driver: Driver, folder: Path, batch: int) -> dict[str, Any]:
    """The batched loader on a synth folder; seconds of the writes and of the refresh."""
    wipe(driver)
    started = time.perf_counter()
    outfits = load_files(driver, [folder / "outfits.jsonl"], batch_size=batch, progress=False)
    catalog = load_catalog(driver, folder / "catalog.jsonl", batch_size=batch)
    total = time.perf_counter() - started
    refresh_started = time.perf_counter()
    refresh_cooccurrence(driver)
    refresh = time.perf_counter() - refresh_started
    counts = graph_counts(driver)
    rels = sum(counts[r] for r in RELATIONSHIPS)
    # each load ends with a refresh; the writes alone are the total less those two refreshes
    writes = max(total - 2 * refresh, 1e-9)
    return {
        "batch": batch,
        "items": counts["Item"],
        "outfits": outfits.outfits,
        "relationships": rels,
        "pairs": counts["PAIRS_WITH"],
        "seconds": total,
        "write_seconds": writes,
        "refresh_seconds": refresh,
        "items_per_s": counts["Item"] / writes,
        "rels_per_s": rels / writes,
        "clean": outfits.clean and catalog.clean,
    }


def bulk(server: LocalServer, settings: Settings, folder: Path) -> dict[str, Any]:
    """`closet load --bulk`'s code: CSV, neo4j-admin import, indexes, popularity, refresh."""
    files = [folder / "outfits.jsonl", folder / "catalog.jsonl"]
    report = bulk_load(lambda: connect(settings), server, files, replace=True)
    counts = report.counts_after
    rels = sum(counts[r] for r in RELATIONSHIPS)
    return {
        "batch": "bulk",
        "items": counts["Item"],
        "outfits": report.outfits,
        "relationships": rels,
        "seconds": report.seconds,
        "write_seconds": report.seconds,
        "refresh_seconds": report.phases.get("co-occurrence", 0.0),
        "phases": report.phases,
        "items_per_s": counts["Item"] / report.seconds,
        "rels_per_s": rels / report.seconds,
        "clean": report.clean,
    }


def per_record(driver: Driver, folder: Path) -> dict[str, Any]:
    """The naive way: one auto-commit MERGE per node and per relationship."""
    from core.records import SnapOutfit
    from graph.ingest.normalize import normalize_outfit

    wipe(driver)
    started = time.perf_counter()
    statements = 0
    for record in read_jsonl(folder / "outfits.jsonl"):
        outfit = normalize_outfit(SnapOutfit.model_validate(record))
        run(driver, "bench/per_record_outfit", id=outfit.id, style=outfit.style)
        statements += 1
        for position, item in enumerate(outfit.items, 1):
            run(driver, "bench/per_record_item", id=item.id, name=item.name, price=item.price)
            run(driver, "bench/per_record_brand", id=item.id, brand=item.brand)
            run(driver, "bench/per_record_cluster", id=item.id, cluster=item.cluster)
            run(driver, "bench/per_record_contains", outfit=outfit.id, item=item.id, pos=position)
            statements += 4
    seconds = time.perf_counter() - started
    counts = graph_counts(driver)
    return {
        "items": counts["Item"],
        "relationships": sum(counts[r] for r in RELATIONSHIPS),
        "statements": statements,
        "seconds": seconds,
        "items_per_s": counts["Item"] / seconds,
    }


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for batch in sorted({r["batch"] for r in rows}, key=str):
        mine = sorted((r for r in rows if r["batch"] == batch), key=lambda r: r["target"])
        label = (
            "bulk: neo4j-admin import, end to end"
            if batch == "bulk"
            else f"batched UNWIND, {batch} outfits/tx (writes)"
        )
        ax.plot(
            [r["target"] for r in mine], [r["write_seconds"] for r in mine], marker="o", label=label
        )
    sizes = sorted({r["target"] for r in rows})
    ax.plot(sizes, [s / 20_000 for s in sizes], "k--", label="target: 20,000 items/s")
    finish_loglog(fig, ax, path, "seconds (log)", "closet load: write time against catalog size")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--batches", default="100,500,2000")
    parser.add_argument("--big-batches", default="500", help="batch sizes tried at 1M")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-bulk", action="store_true", help="skip closet load --bulk")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    baseline = None
    with throwaway_server() as (server, settings, tmp):
        # a fresh driver for each measurement: a bulk import replaces the database, and a
        # driver's bookmarks from before it would wait for transactions that are gone
        warm = Path(tmp) / "warm-up"
        generate(5000, 1500, args.seed + 1, warm)
        with connect(settings) as driver:
            batched(driver, warm, 500)  # the server's JIT warms up on this, untimed
        for size in sizes:
            folder = Path(tmp) / f"synth-{size}"
            t0 = time.perf_counter()
            generate(size, round(size * 0.3), args.seed, folder)
            print(f"synth {size:,} items: {time.perf_counter() - t0:.1f} s", flush=True)
            batches = args.batches if size < 1_000_000 else args.big_batches
            for batch in (int(b) for b in batches.split(",")):
                with connect(settings) as driver:
                    row = {"target": size, **batched(driver, folder, batch)}
                rows.append(row)
                print(
                    f"  batch {batch:>5}: {row['write_seconds']:7.1f} s writes, "
                    f"{row['items_per_s']:8,.0f} items/s, "
                    f"{row['rels_per_s']:8,.0f} rels/s, "
                    f"refresh {row['refresh_seconds']:.1f} s, "
                    f"total {row['seconds']:.1f} s",
                    flush=True,
                )
            if not args.no_bulk:
                row = {"target": size, **bulk(server, settings, folder)}
                rows.append(row)
                phases = ", ".join(f"{k} {v:.1f} s" for k, v in row["phases"].items())
                print(
                    f"  bulk: {row['seconds']:.1f} s end to end, "
                    f"{row['items_per_s']:,.0f} items/s ({phases})",
                    flush=True,
                )
            if size == 10_000:
                with connect(settings) as driver:
                    baseline = per_record(driver, folder)
                print(
                    f"  per-record MERGE: {baseline['seconds']:.1f} s, "
                    f"{baseline['items_per_s']:,.0f} items/s",
                    flush=True,
                )
    print()
    print("| items | batch | write s | items/s | rels/s | refresh s | total s | vs 20k items/s |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['target']:,} | {r['batch']} | {r['write_seconds']:.1f} "
            f"| {r['items_per_s']:,.0f} | {r['rels_per_s']:,.0f} "
            f"| {r['refresh_seconds']:.1f} | {r['seconds']:.1f} "
            f"| {r['items_per_s'] / 20_000:.2f}× |"
        )
    if baseline:
        best = max(
            (r for r in rows if r["target"] == 10_000 and r["batch"] != "bulk"),
            key=lambda r: r["items_per_s"],
        )
        print(
            f"\none statement per node and relationship, 10k items: {baseline['seconds']:.1f} s "
            f"({baseline['statements']:,} statements); batched (batch {best['batch']}): "
            f"{best['write_seconds']:.1f} s → "
            f"{baseline['seconds'] / best['write_seconds']:.1f}× faster"
        )
    (RESULTS / "ingest_scale.json").write_text(
        json.dumps({"rows": rows, "per_record": baseline}, indent=1), encoding="utf-8"
    )
    plot(rows, RESULTS / "ingest_scale.png")
    print(f"plot: {RESULTS / 'ingest_scale.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
