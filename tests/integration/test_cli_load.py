"""`closet load` through the real console script against the test server: a report on success,
exit code 2 and a one-line error (no traceback, nothing written) on unreadable input."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from neo4j import Driver

from graph.db.server import LocalServer
from graph.ingest.writer import graph_counts
from tests.support.spine_data import OUTFITS, write_spine_files

CLOSET = shutil.which("closet")
pytestmark = pytest.mark.skipif(CLOSET is None, reason="the closet console script is not installed")


def closet_load(server: LocalServer, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        NEO4J_URI=server.bolt_uri,
        NEO4J_PASSWORD=server.read_password() or "",
        COLUMNS="250",
        NO_COLOR="1",
    )
    return subprocess.run(
        [CLOSET, "load", *args], env=env, capture_output=True, text=True, timeout=300, check=False
    )


def test_load_reports_what_it_did(
    neo4j_server: LocalServer, clean_graph: Driver, tmp_path: Path
) -> None:
    outfits, catalog = write_spine_files(tmp_path)
    result = closet_load(neo4j_server, str(outfits), "--batch-size", "4")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"read {len(OUTFITS)} records from 1 file(s)" in out
    assert f"{len(OUTFITS)} outfits" in out
    assert "0 records rejected" in out
    assert "PAIRS_WITH" in out  # the created/total table
    assert graph_counts(clean_graph)["Outfit"] == len(OUTFITS)

    cat = closet_load(neo4j_server, "--catalog", str(catalog))
    assert cat.returncode == 0, cat.stderr
    assert graph_counts(clean_graph)["Item"] == 12


def test_load_lists_rejected_records(
    neo4j_server: LocalServer, clean_graph: Driver, tmp_path: Path
) -> None:
    path = tmp_path / "mixed.json"
    path.write_text(
        '[{"outfit_id": "1", "items": [{"item_id": "7", "category": "상의", "name": "Shirt"}]},'
        ' 42, {"outfit_id": "2", "items": []}]',
        encoding="utf-8",
    )
    result = closet_load(neo4j_server, str(path))
    assert result.returncode == 1, result.stderr  # some records rejected, the rest loaded
    assert "1 outfits" in result.stdout
    assert "2 records rejected" in result.stdout
    assert "record: not a JSON object" in result.stdout
    assert "mixed.json[1]" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [("this is not json at all", "not JSON"), ("", "empty file"), ("[1, 2", "not JSON")],
)
def test_unreadable_file_exits_2_without_traceback(
    neo4j_server: LocalServer, clean_graph: Driver, tmp_path: Path, content: str, message: str
) -> None:
    good, _ = write_spine_files(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    before = graph_counts(clean_graph)
    result = closet_load(neo4j_server, str(good), str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") or "\nerror: " in result.stderr
    assert message in result.stderr
    assert "bad.json" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert graph_counts(clean_graph) == before  # the good file was not loaded either


def test_missing_file_exits_2(neo4j_server: LocalServer, tmp_path: Path) -> None:
    result = closet_load(neo4j_server, str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_wrong_password_is_a_clear_error(neo4j_server: LocalServer, tmp_path: Path) -> None:
    sample = tmp_path / "one.json"
    sample.write_text("[]")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI=neo4j_server.bolt_uri, NEO4J_PASSWORD="wrong-password", COLUMNS="250")
    result = subprocess.run(
        [CLOSET, "load", str(sample)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "refused the credentials" in result.stderr
    assert "Traceback" not in result.stderr
