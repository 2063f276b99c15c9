"""Taxonomy and name-colour coverage on the real MUSINSA data, and accuracy on a checked sample.

Reads ../shared/data/musinsa-snap-2025/{men,women}.json (CLOSET_SHARED_DATA overrides) through
the same record model and normaliser as the importer, and prints: share of unique items with a
mid class (target >= 95%) and with a colour from the name, per big category; items dropped at
ingest by category; the most frequent names without a mid class; the distributions; the
accuracy of mid class and colour against the hand-checked sample in
bench/enrich_taxonomy_checked.tsv; and the cluster-level sparsity computed from the files.

    python bench/enrich_taxonomy.py [--unknown 30]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from collections import Counter
from itertools import combinations
from pathlib import Path

from core.records import SnapOutfit
from enrich.colors import color_from_name
from enrich.taxonomy import big_category, mid_class
from graph.ingest.normalize import normalize_item

HERE = Path(__file__).resolve().parent
CHECKED = HERE / "enrich_taxonomy_checked.tsv"


def data_dir() -> Path:
    override = os.environ.get("CLOSET_SHARED_DATA")
    base = Path(override) if override else HERE.parent.parent / "shared" / "data"
    return base / "musinsa-snap-2025"


def load_outfits(folder: Path) -> list[SnapOutfit]:
    outfits: dict[str, SnapOutfit] = {}
    for name in ("men.json", "women.json"):
        for raw in json.loads((folder / name).read_text(encoding="utf-8")):
            outfit = SnapOutfit.model_validate(raw)
            outfits.setdefault(outfit.outfit_id, outfit)  # duplicated ids: first wins
    return list(outfits.values())


def accuracy(items: dict, path: Path) -> dict[str, dict[str, float | int]]:
    """Mid-class and colour accuracy of the current rules against the checked sample."""
    rows = [
        r
        for r in csv.DictReader(
            (line for line in path.open(encoding="utf-8") if not line.startswith("#")),
            delimiter="\t",
        )
    ]
    result: dict[str, dict[str, float | int]] = {}
    for sample in sorted({r["sample"] for r in rows}):
        mid_ok = color_ok = color_given = color_missed = named = 0
        chosen = [r for r in rows if r["sample"] == sample]
        for row in chosen:
            item = items.get(row["item_id"])
            name = item.name if item else row["name"]
            big = big_category(row["category"])
            mid = mid_class(name, big) or ""
            color = color_from_name(name) or ""
            mid_ok += mid in row["mid_class"].split("|")
            expected_colors = row["color"].split("|") if row["color"] else [""]
            if color:
                color_given += 1
                color_ok += color in expected_colors
            elif row["color"]:
                color_missed += 1
            named += bool(row["color"])
        result[sample] = {
            "items": len(chosen),
            "mid_accuracy": round(mid_ok / len(chosen), 4),
            "color_precision": round(color_ok / color_given, 4) if color_given else 0.0,
            "color_given": color_given,
            "color_recall": round(color_ok / named, 4) if named else 0.0,
            "color_missed": color_missed,
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unknown", type=int, default=30, help="unknown names to list")
    parser.add_argument("--out", type=Path, default=HERE / "enrich_taxonomy_results.json")
    args = parser.parse_args()
    folder = data_dir()
    if not (folder / "men.json").is_file():
        raise SystemExit(f"real data not found at {folder}")

    outfits = load_outfits(folder)
    raw_items = {}
    dropped: Counter[str] = Counter()
    for outfit in outfits:
        for item in outfit.items:
            if big_category(item.category) is None:
                dropped[item.category] += 1
            raw_items.setdefault(item.item_id, item)
    rows = {i: normalize_item(item) for i, item in raw_items.items()}
    kept = {i: r for i, r in rows.items() if r is not None}

    per_big: dict[str, Counter[str]] = {}
    unknown: Counter[str] = Counter()
    for row in kept.values():
        c = per_big.setdefault(row.category, Counter())
        c["items"] += 1
        c["mid"] += row.mid_class is not None
        c["color"] += row.color is not None
        if row.mid_class is None:
            unknown[row.name] += 1
    total = len(kept)
    with_mid = sum(c["mid"] for c in per_big.values())
    with_color = sum(c["color"] for c in per_big.values())

    # cluster-level sparsity from the files (what the graph holds after `closet load`)
    clusters_of_outfit = []
    for outfit in outfits:
        keys = {
            kept[i.item_id].cluster
            for i in outfit.items
            if i.item_id in kept and kept[i.item_id].cluster
        }
        clusters_of_outfit.append(keys)
    clusters = set().union(*clusters_of_outfit)
    pairs = {tuple(sorted(p)) for keys in clusters_of_outfit for p in combinations(keys, 2)}
    incidences = sum(len(k) for k in clusters_of_outfit)
    paired_clusters = {c for p in pairs for c in p}
    paired_items = sum(1 for r in kept.values() if r.cluster in paired_clusters)

    checked = accuracy(raw_items, CHECKED) if CHECKED.is_file() else {}
    report = {
        "outfits": len(outfits),
        "unique_items": len(raw_items),
        "kept_items": total,
        "dropped_by_category": dict(dropped),
        "mid_class_share": round(with_mid / total, 4),
        "name_color_share": round(with_color / total, 4),
        "per_category": {
            big: {
                "items": c["items"],
                "mid_class_share": round(c["mid"] / c["items"], 4),
                "name_color_share": round(c["color"] / c["items"], 4),
            }
            for big, c in sorted(per_big.items())
        },
        "unknown_names": unknown.most_common(args.unknown),
        "mid_classes": Counter(r.mid_class or "(none)" for r in kept.values()).most_common(),
        "colors": Counter(r.color or "(none)" for r in kept.values()).most_common(),
        "clusters": len(clusters),
        "cluster_pairs": len(pairs),
        "cluster_pair_sparsity": round(
            1 - len(pairs) / (len(clusters) * (len(clusters) - 1) / 2), 4
        ),
        "outfit_cluster_sparsity": round(1 - incidences / (len(outfits) * len(clusters)), 4),
        "paired_item_share": round(paired_items / total, 4),
        "checked_sample": checked,
    }
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    print(
        f"{len(outfits)} outfits, {len(raw_items)} unique items, {total} kept, "
        f"dropped by category: {dict(dropped) or 'none'}"
    )
    print(
        f"mid class: {with_mid / total:.2%} of items (target >= 95%); "
        f"colour from name: {with_color / total:.2%}"
    )
    for big, c in sorted(per_big.items()):
        print(
            f"  {big:<7} {c['items']:>5} items  mid {c['mid'] / c['items']:.2%}  "
            f"colour {c['color'] / c['items']:.2%}"
        )
    print(
        f"clusters {len(clusters)}, co-occurring pairs {len(pairs)}, "
        f"pair sparsity {report['cluster_pair_sparsity']:.2%}, "
        f"outfit x cluster sparsity {report['outfit_cluster_sparsity']:.2%}, "
        f"items in paired clusters {report['paired_item_share']:.2%}"
    )
    for sample, figures in checked.items():
        print(
            f"checked sample {sample}: {figures['items']} items, mid class accuracy "
            f"{figures['mid_accuracy']:.1%}, colour precision {figures['color_precision']:.1%} "
            f"({figures['color_given']} named), recall {figures['color_recall']:.1%}"
        )
    print("most frequent names without a mid class:")
    for name, count in unknown.most_common(args.unknown):
        print(f"  {count:>3}  {name}")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
