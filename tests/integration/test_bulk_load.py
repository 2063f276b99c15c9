"""`closet load --bulk` (neo4j-admin offline import) builds the graph the batched loader
builds, node for node and property for property, on a synthetic catalog plus an outfit with
every kind of extra field (numbers, lists, quotes, a multi-line description). It runs on a
throwaway server of its own (the import stops the server and replaces its database), refuses a
graph that is not empty, and refuses a server it does not run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from core.settings import Settings
from graph.db.connection import connect
from graph.db.server import LocalServer, free_port
from graph.ingest.bulk import BulkRefused, bulk_load
from graph.ingest.loader import load_catalog, load_files
from graph.ingest.synth import generate
from tests.fixtures.musinsa_site.harness import dump_graph

pytestmark = pytest.mark.slow

ODD_OUTFIT = {
    "outfit_id": "777000111",
    "gender": "FEMALE",
    "style": "미니멀",
    "season": "겨울",
    "description": 'line one "quoted", with commas\nline two #겨울코디 #미니멀',
    "likes": 12,
    "created_at": "2025-01-02T03:04:05",
    "tags": ["데일리룩"],
    "items": [
        {
            "item_id": "777000112",
            "category": "아우터",
            "brand": 'Brand "Q", Ltd',
            "name": "울 블렌드 코트 차콜",
            "price": 289000,
            "normal_price": 320000,
            "rating": 4.5,
            "color_options": ["차콜", "블랙"],
            "position": 1,
        },
        {
            "item_id": "777000113",
            "category": "하의",
            "brand": "Plain",
            "name": "Wide Wool Slacks Grey",
            "position": 2,
        },
    ],
}


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("bulk-data")
    report = generate(2000, 600, seed=4, out=folder)
    odd = folder / "odd.jsonl"
    odd.write_text(json.dumps(ODD_OUTFIT, ensure_ascii=False) + "\n", encoding="utf-8")
    return [report.outfits_file, odd, report.catalog_file]


@pytest.fixture(scope="module")
def own_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    server = LocalServer(
        tmp_path_factory.mktemp("bulk-neo4j"), free_port(), free_port(), ephemeral=True
    )
    server.start(timeout=240)
    try:
        yield server
    finally:
        server.stop()


def _driver(server: LocalServer) -> Driver:
    return connect(Settings(server.bolt_uri, "neo4j", server.read_password() or ""))


def test_bulk_import_builds_the_batched_loaders_graph(
    clean_graph: Driver, own_server: LocalServer, files: list[Path]
) -> None:
    outfits = load_files(clean_graph, files[:2], progress=False)
    catalog = load_catalog(clean_graph, files[2])
    assert outfits.clean, (outfits.rejected, outfits.examples)
    assert catalog.clean, (catalog.rejected, catalog.examples)
    expected = dump_graph(clean_graph)

    report = bulk_load(lambda: _driver(own_server), own_server, files)
    assert report.clean, report.rejected
    assert report.outfits == outfits.outfits == 601
    assert report.counts_after["Item"] == 2002
    with _driver(own_server) as driver:
        assert dump_graph(driver) == expected  # every node, relationship and property
        indexes = {r["name"] for r in driver.execute_query("SHOW INDEXES YIELD name").records}
        assert {"item_id", "item_text"} <= indexes  # the schema is applied after the import

    with pytest.raises(BulkRefused, match="not empty"):
        bulk_load(lambda: _driver(own_server), own_server, files)
    again = bulk_load(lambda: _driver(own_server), own_server, files, replace=True)
    with _driver(own_server) as driver:
        assert dump_graph(driver) == expected
    assert again.counts_after == report.counts_after


@pytest.mark.skipif(shutil.which("closet") is None, reason="the closet console script is missing")
def test_bulk_needs_the_embedded_server(neo4j_server: LocalServer, files: list[Path]) -> None:
    env = {**os.environ, "NEO4J_URI": neo4j_server.bolt_uri, "NO_COLOR": "1"}
    done = subprocess.run(
        ["closet", "load", "--bulk", str(files[1])],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "--bulk needs the embedded server" in done.stderr
    assert "Traceback" not in done.stderr
