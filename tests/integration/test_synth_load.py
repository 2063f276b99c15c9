"""A synthetic catalog loads as it was generated: every outfit and item, no record rejected or
conflicting (an item is the same record in every outfit), clusters from the names."""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

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
