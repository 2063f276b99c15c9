"""The co-occurrence refresh step by step: a `closet synth` catalog bulk-loaded into a throwaway
Neo4j (heap 4g, page cache 4g), then each query of `refresh_cooccurrence` timed on its own (warm:
the bulk load ran the whole refresh once already), and the label steps again with nothing
changed.

    python bench/refresh_steps.py --size 1000000
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import cypher
from bench.scale import load_synth, throwaway_server
from graph.db.connection import connect, database, run_autocommit
from graph.ingest.cooccurrence import TOP_K


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with throwaway_server() as (server, settings, tmp):
        load_synth(server, settings, Path(tmp), args.size, args.seed)
        with connect(settings) as driver:
            db = database(driver)
            stamp = time.time_ns()

            def query(name: str, **params: object) -> Callable[[], object]:
                return lambda: driver.execute_query(cypher.load(name), params, database_=db)

            def batched(name: str, **params: object) -> Callable[[], object]:
                return lambda: run_autocommit(driver, name, **params)

            labels = [
                ("outfit styles and seasons", batched("maintenance/outfit_labels")),
                ("item affinities", batched("maintenance/item_labels", stamp=stamp)),
                ("item affinities, prune", batched("maintenance/item_labels_prune", stamp=stamp)),
                ("items no longer worn", query("maintenance/item_labels_unworn")),
            ]
            steps = [
                ("co-occurrence", query("maintenance/cooccurrence", stamp=stamp)),
                ("co-occurrence, prune", query("maintenance/cooccurrence_prune", stamp=stamp)),
                ("cluster counts", query("maintenance/cluster_stats")),
                ("candidate lists", batched("maintenance/cluster_top", k=TOP_K)),
                *labels,
            ]
            for name, step in steps:
                began = time.perf_counter()
                step()
                took = time.perf_counter() - began
                print(f"{args.size:,} items, {name}: {took:.1f} s", flush=True)
            stamp += 1
            began = time.perf_counter()
            run_autocommit(driver, "maintenance/outfit_labels")
            run_autocommit(driver, "maintenance/item_labels", stamp=stamp)
            run_autocommit(driver, "maintenance/item_labels_prune", stamp=stamp)
            print(f"{args.size:,} items, the labels again with nothing changed: "
                  f"{time.perf_counter() - began:.1f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
