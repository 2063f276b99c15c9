"""A synthetic catalog loads as it was generated: every outfit and item, no record rejected or
conflicting (an item is the same record in every outfit), clusters from the names."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from graph.db.connection import read, run_autocommit
from graph.ingest.loader import load_catalog, load_files
from graph.ingest.synth import generate
from graph.ingest.writer import graph_counts


def test_a_synthetic_catalog_loads_whole(clean_graph: Driver, tmp_path: Path) -> None:
    report = generate(3000, 900, seed=2, out=tmp_path)
    outfits = load_files(clean_graph, [report.outfits_file], progress=False)
    assert outfits.outfits == 900
    assert outfits.clean, (outfits.rejected, outfits.conflict_count)
    catalog = load_catalog(clean_graph, report.catalog_file)
    assert catalog.clean
    counts = graph_counts(clean_graph)
    assert counts["Outfit"] == 900
    assert counts["Item"] == 3000
    assert counts["Cluster"] > 100  # mid class × colour, read back from the generated names
    assert counts["PAIRS_WITH"] > 500
    assert counts["MADE_BY"] == 3000


def test_the_precomputed_candidates_give_the_scans_answer(
    clean_graph: Driver, tmp_path: Path
) -> None:
    """The rule reads each paired cluster's TOP items instead of all its items: the same
    candidates, in the same order, for item and closet recommendations."""
    report = generate(6000, 1800, seed=8, out=tmp_path)
    load_files(clean_graph, [report.outfits_file], progress=False)
    load_catalog(clean_graph, report.catalog_file)
    k = 12  # a short list, so that it really cuts the bigger clusters
    run_autocommit(clean_graph, "maintenance/cluster_top", k=k)
    sizes = [r["items"] for r in read(clean_graph, "enrich/stats_clusters")]
    assert max(sizes) > 5 * k
    ids = [r["id"] for r in read(clean_graph, "bench/sample_items", limit=60)]
    checked = 0
    for item_id in ids[:40]:
        source = read(clean_graph, "recommend/source_clusters", item_id=item_id)[0]
        if not source["cluster"]:
            continue
        params = {
            "sources": [source["cluster"]],
            "owned_category": source["item"]["category"],
            "exclude": [item_id],
            "skip_categories": ["shoes", "bag", "hat"],
            "categories": ["top", "bottom", "outer"],
            "per_category": 10,
            "brands": "any",
            "own_brands": [],
        }
        top = read(clean_graph, "recommend/candidates", **params)
        scan = read(clean_graph, "recommend/candidates_scan", **params)
        assert top == scan, item_id
        checked += bool(scan)
    assert checked > 20
    for n in range(0, 40, 8):
        params = {
            "owned": ids[n : n + 8],
            "exclude": [],
            "per_category": 4,
            "brands": "any",
            "categories": ["top", "bottom", "outer", "shoes", "bag", "hat"],
        }
        top = read(clean_graph, "recommend/closet_candidates", **params)
        assert top
        assert top == read(clean_graph, "recommend/closet_candidates_scan", **params)
