"""Real faults, really injected: Neo4j SIGKILLed in the middle of `closet load` (then the same
command again gives the graph of an uninterrupted load), and `kill -9` of training in the middle
of its write-back (the previous scores keep serving; the next run cleans the half-write up).

The first test kills the session's Neo4j server and starts it again on the same data
directory (Neo4j recovers from its transaction log); later tests find it running.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from neo4j import Driver

from core.settings import REPO_ROOT
from gnn.closet_train import train_closet
from gnn.export import export_graph
from gnn.writeback import score_counts, write_scores
from graph.db.server import LocalServer
from graph.ingest.loader import load_catalog, load_files
from graph.recommend.scores import active_model, top_scored
from tests.fixtures.musinsa_site.harness import dump_graph
from tests.support.neo4j import wipe
from tests.support.two_styles import FAST, STYLES, item, outfits

CLOSET = shutil.which("closet")
pytestmark = pytest.mark.slow


def _env(server: LocalServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        NEO4J_URI=server.bolt_uri,
        NEO4J_PASSWORD=server.read_password() or "",
        PYTHONPATH=str(REPO_ROOT),
        NO_COLOR="1",
        COLUMNS="250",
    )
    return env


def _outfit_count(driver: Driver) -> int:
    from graph.ingest.writer import graph_counts

    try:
        return graph_counts(driver)["Outfit"]
    except Exception:  # the server is going down
        return -1


@pytest.mark.skipif(CLOSET is None, reason="the closet console script is not installed")
def test_neo4j_killed_mid_load_then_the_same_command_gives_the_whole_graph(
    neo4j_server: LocalServer, driver: Driver, tmp_path: Path
) -> None:
    records = outfits(3000, seed=11, copies=40)
    source = tmp_path / "outfits.json"
    source.write_text(json.dumps(records, ensure_ascii=False))
    command = [CLOSET, "load", str(source), "--batch-size", "25"]

    wipe(driver)
    reference = subprocess.run(
        command, env=_env(neo4j_server), capture_output=True, text=True, check=False
    )
    assert reference.returncode == 0, reference.stderr[-2000:]
    expected = dump_graph(driver)

    wipe(driver)
    loading = subprocess.Popen(
        command, env=_env(neo4j_server), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 120
        while _outfit_count(driver) < 200 and time.monotonic() < deadline:
            time.sleep(0.02)
        written = _outfit_count(driver)
        pid = neo4j_server.pid()
        assert pid is not None
        os.kill(pid, signal.SIGKILL)  # no shutdown, no checkpoint: a power cut for the database
        out, err = loading.communicate(timeout=180)
    finally:
        loading.kill()
        if not neo4j_server.is_running():
            neo4j_server.start(timeout=240)
    assert 200 <= written < len(records), written  # really killed midway
    assert loading.returncode == 1, err[-2000:]
    assert "Traceback" not in err
    assert "run the same command again" in (out + err)

    again = subprocess.run(
        command, env=_env(neo4j_server), capture_output=True, text=True, check=False
    )
    assert again.returncode == 0, again.stderr[-2000:]
    assert dump_graph(driver) == expected  # every node, relationship and property


def test_training_killed_mid_write_back_leaves_the_previous_scores_serving(
    clean_graph: Driver, neo4j_server: LocalServer, tmp_path: Path
) -> None:
    load_files_from(clean_graph, tmp_path)
    first = write_scores(
        clean_graph,
        train_closet(export_graph(clean_graph), "content", FAST, progress=False).scorer,
        top_k=3,
        progress=False,
    )
    shirt = "10000"  # a formal top
    served = top_scored(clean_graph, shirt, per_category=3)
    assert served

    training = subprocess.Popen(
        [sys.executable, "-m", "tests.support.slow_writeback"],
        cwd=REPO_ROOT,
        env=_env(neo4j_server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        half: dict[str, int] = {}
        while time.monotonic() < deadline and training.poll() is None:
            half = {m: n for m, n in score_counts(clean_graph).items() if m != first.model}
            if sum(half.values()) >= 20:
                break
            time.sleep(0.02)
        assert training.poll() is None, training.communicate()[1][-3000:]  # still writing
        os.kill(training.pid, signal.SIGKILL)
        training.wait(timeout=30)
    finally:
        training.kill()
    assert training.returncode == -signal.SIGKILL
    (crashed, written), *_ = half.items()
    assert written >= 20

    assert active_model(clean_graph) == first.model  # never activated
    assert score_counts(clean_graph)[first.model] == first.edges  # the served version is whole
    assert top_scored(clean_graph, shirt, per_category=3) == served

    second = write_scores(
        clean_graph,
        train_closet(export_graph(clean_graph), "content", FAST, progress=False).scorer,
        top_k=3,
        progress=False,
    )
    assert active_model(clean_graph) == second.model
    assert crashed not in score_counts(clean_graph)  # the half-write is cleaned up
    assert second.deleted >= written


def load_files_from(driver: Driver, folder: Path) -> None:
    """The two-style outfits and a catalog with one cold item per style and category."""
    train = folder / "train.json"
    train.write_text(json.dumps(outfits(60), ensure_ascii=False))
    catalog = folder / "catalog.json"
    cold = [item(style, c, 0, 9) for style in STYLES for c in STYLES[style]]
    catalog.write_text(json.dumps(cold, ensure_ascii=False))
    report = load_files(driver, [train], progress=False)
    assert report.outfits == 60
    load_catalog(driver, catalog)
