"""`closet serve --workers N`: N uvicorn worker processes behind one port, each with its own
driver and caches, answering alike; all of them stop with the server."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

from core.settings import Settings
from tests.support.api_server import closet_serve
from tests.support.spine_data import load_spine_graph

CLOSET = shutil.which("closet")
pytestmark = pytest.mark.skipif(CLOSET is None, reason="the closet console script is missing")


def workers_of(pid: int) -> list[int]:
    """The uvicorn worker processes of `pid` (multiprocessing spawns; not its resource tracker)."""
    found = []
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in listing.read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            if b"spawn_main" in cmdline:
                found.append(int(child))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_two_workers_answer_alike_and_stop_together(
    driver: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    load_spine_graph(driver, tmp_path)
    with closet_serve(neo4j_settings, "--workers", "2") as served:
        deadline = time.monotonic() + 30
        workers = workers_of(served.process.pid)
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = workers_of(served.process.pid)
        assert len(workers) == 2
        bodies = set()
        with httpx.Client(base_url=served.url, timeout=30) as http:
            for _ in range(30):
                # a new connection each time, so both workers get some
                answer = http.get("/items/S1/recommendations", headers={"Connection": "close"})
                assert answer.status_code == 200
                bodies.add(answer.text)
        assert len(bodies) == 1
    deadline = time.monotonic() + 30
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(w) for w in workers)
