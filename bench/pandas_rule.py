"""The original service's way, side by side with the graph: the same rule (an item's cluster →
the clusters worn with it in real outfits → their items, ranked by co-occurrence strength, then
popularity, then id; top 10 per other big category) computed the DataFrame-scanning way of the
2022 service, and by closet's Cypher on the same `closet synth` catalog.

The re-implementation is faithful to what the original did: the outfit × cluster interaction
matrix is looped over row by row to count co-occurrence with the item's cluster, and the item
table is filtered once per candidate cluster. Both answers are compared item for item before
anything is timed. Kept in bench/ only.

    python bench/pandas_rule.py --sizes 10000,100000
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd

from bench.scale import load_synth, throwaway_server
from core.records import SnapItem, SnapOutfit
from core.vocabulary import BIG_CATEGORIES
from graph.db.connection import connect, read
from graph.ingest.normalize import normalize_item, normalize_outfit
from graph.ingest.synth import read_jsonl
from graph.recommend.rule import CANDIDATES, recommend_for_item

PER_CATEGORY = 10


def frames(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The item table and the outfit × cluster interaction matrix, as the original held them."""
    items: dict[str, dict[str, Any]] = {}
    rows = []
    worn_by: dict[str, int] = {}
    for record in read_jsonl(folder / "outfits.jsonl"):
        outfit = normalize_outfit(SnapOutfit.model_validate(record))
        for item in outfit.items:
            items.setdefault(item.id, item.model_dump())
            worn_by[item.id] = worn_by.get(item.id, 0) + 1
            if item.cluster:
                rows.append((outfit.id, item.cluster))
    for record in read_jsonl(folder / "catalog.jsonl"):
        row = normalize_item(SnapItem.model_validate(record))
        if row is not None:
            items.setdefault(row.id, row.model_dump())
    table = pd.DataFrame(items.values())
    worn = pd.DataFrame(rows, columns=["outfit", "cluster"]).drop_duplicates()
    table["popularity"] = table["id"].map(worn_by).fillna(0).astype(int)
    matrix = pd.crosstab(worn["outfit"], worn["cluster"]).clip(upper=1)
    return table, matrix


def pandas_rule(item_id: str, table: pd.DataFrame, matrix: pd.DataFrame) -> dict[str, list[str]]:
    """The original's loop: scan the interaction matrix for co-occurrence, then filter the item
    table once per co-occurring cluster."""
    owned = table[table["id"] == item_id].iloc[0]
    source = owned["cluster"]
    strength: dict[str, int] = {}
    for _, row in matrix.iterrows():  # every outfit, row by row
        if row[source]:
            for cluster, worn in row.items():
                if worn and cluster != source:
                    strength[cluster] = strength.get(cluster, 0) + 1
    candidates = []
    for cluster, count in strength.items():  # the item table, filtered once per cluster
        found = table[(table["cluster"] == cluster) & (table["category"] != owned["category"])]
        for _, cand in found.iterrows():
            candidates.append((-count, -int(cand["popularity"]), cand["id"], cand["category"]))
    candidates.sort()
    answer: dict[str, list[str]] = {}
    for _, _, cand_id, category in candidates:
        if cand_id != item_id and len(answer.setdefault(category, [])) < PER_CATEGORY:
            answer[category].append(cand_id)
    return answer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--items", type=int, default=5, help="requests timed per size")
    args = parser.parse_args()
    CANDIDATES.entries = 0  # the rule computed each time, as the DataFrames are: no cache
    rows = []
    with throwaway_server() as (server, settings, tmp):
        for size in [int(s) for s in args.sizes.split(",")]:
            folder = tmp / f"synth-{size}"
            load_synth(server, settings, tmp, size, 0)
            table, matrix = frames(folder)
            with connect(settings) as driver:
                sample = [r["id"] for r in read(driver, "bench/sample_items", limit=200)]
                sample = [i for i in sample if table.loc[table["id"] == i, "cluster"].notna().all()]
                for item_id in sample[-10:]:  # warm the server and the driver, untimed
                    recommend_for_item(driver, item_id, PER_CATEGORY)
                pandas_ms, graph_ms = [], []
                for item_id in sample[: args.items]:
                    began = time.perf_counter()
                    expected = pandas_rule(item_id, table, matrix)
                    pandas_ms.append((time.perf_counter() - began) * 1000)
                    began = time.perf_counter()
                    got = recommend_for_item(driver, item_id, PER_CATEGORY)
                    graph_ms.append((time.perf_counter() - began) * 1000)
                    from_graph = {
                        c: [x.item["id"] for x in got.per_category[c] if x.basis == "cluster"]
                        for c in got.per_category
                    }
                    for category in BIG_CATEGORIES:
                        if category in expected:
                            assert from_graph.get(category) == expected[category], (
                                item_id,
                                category,
                            )
            row = (size, len(matrix), matrix.shape[1], statistics.median(pandas_ms),
                   statistics.median(graph_ms))  # fmt: skip
            rows.append(row)
            print(f"{size:,} items: pandas {row[3]:.0f} ms, graph {row[4]:.1f} ms per request "
                  f"(same answers on {len(pandas_ms)} items)", flush=True)  # fmt: skip
    print("\n| items | outfits × clusters | pandas scan, ms | closet (Cypher), ms | ratio |")
    print("|---|---|---|---|---|")
    for size, outfits, clusters, p, g in rows:
        print(f"| {size:,} | {outfits:,} × {clusters:,} | {p:,.0f} | {g:.1f} | {p / g:,.0f}× |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
