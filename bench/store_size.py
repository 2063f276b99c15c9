"""How big the graph is on disk, per catalog size: a `closet synth` catalog bulk-loaded into a
throwaway Neo4j (heap 4g, page cache 4g), then the store files (nodes, relationships,
properties, strings), the indexes (range and full-text) and the transaction logs measured with
their node and relationship counts — the basis of page-cache sizing in docs/scaling.md.

    python bench/store_size.py --sizes 100000,1000000
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scale import load_synth, throwaway_server
from graph.db.connection import connect, read

MB = 1024 * 1024


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results")
    args = parser.parse_args()
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        with throwaway_server() as (server, settings, tmp):
            started = time.perf_counter()
            load_synth(server, settings, Path(tmp), size, args.seed)
            with connect(settings) as driver:
                counts = read(driver, "explore/graph_counts")
            data = server.state_dir / "data"
            store = data / "databases" / "neo4j"
            indexes = store / "schema"
            row = {
                "items": size,
                "load_s": round(time.perf_counter() - started, 1),
                "store_mb": round(folder_bytes(store) / MB, 1),
                "indexes_mb": round(folder_bytes(indexes) / MB, 1) if indexes.exists() else 0.0,
                "tx_logs_mb": round(folder_bytes(data / "transactions") / MB, 1),
                "counts": counts,
            }
            row["store_kb_per_item"] = round(row["store_mb"] * 1024 / size, 2)
            rows.append(row)
            print(json.dumps(row), flush=True)
    print(f"{'items':>10} {'store MB':>9} {'indexes MB':>11} {'tx logs MB':>11} {'KB/item':>8}")
    for r in rows:
        print(
            f"{r['items']:>10,} {r['store_mb']:>9} {r['indexes_mb']:>11} {r['tx_logs_mb']:>11} "
            f"{r['store_kb_per_item']:>8}"
        )
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(
            f"{b['items'] / a['items']:.0f}x the items: {b['store_mb'] / a['store_mb']:.1f}x the "
            "store"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "store_size.json").write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
