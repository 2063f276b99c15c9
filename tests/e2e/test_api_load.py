"""A two-minute loopback load test: `closet serve` in its own process, four client threads here
pacing a mixed read and write load at the single-client throughput measured in bench/ (about 20
requests/s: `GET /items/{id}/recommendations` p50 ≈ 50 ms, bench/serve_models.py). Zero errors
allowed; the API process's resident memory at start and end is printed, and may not grow past a
generous bound (a leak, not a timing, check). CLOSET_LOAD_SECONDS shortens or lengthens it.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

from core.settings import Settings
from tests.support.api_server import closet_serve
from tests.support.spine_data import load_spine_graph

CLOSET = shutil.which("closet")
SECONDS = float(os.environ.get("CLOSET_LOAD_SECONDS", "120"))
RATE = 20.0  # requests per second, all threads together
THREADS = 4
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CLOSET is None, reason="the closet console script is not installed"),
]


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise LookupError(pid)


def test_two_minutes_of_mixed_load_without_an_error(
    driver: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    load_spine_graph(driver, tmp_path)
    with closet_serve(neo4j_settings) as served:
        base = served.url
        http = httpx.Client(base_url=base, timeout=30)
        made = http.post("/closets", json={"label": "load"}).json()
        auth = {"Authorization": f"Bearer {made['token']}"}
        person = made["person"]
        for item_id in ("S1", "B1"):
            assert http.put(f"/closets/{person}/items/{item_id}", headers=auth).status_code == 200
        mix = [
            ("GET", "/items/S1/recommendations", None),
            ("GET", "/items/J1/recommendations?model=rule", None),
            ("POST", "/closet/recommendations", {"items": ["S1", "J1"]}),
            ("GET", "/items/search?q=navy", None),
            ("GET", "/outfits?owned=S1&picked=B1", None),
            ("GET", f"/closets/{person}", None),
            ("GET", f"/closets/{person}/next", None),
            ("GET", f"/closets/{person}/outfits", None),
            ("PUT", f"/closets/{person}/items/Z1", None),
            ("POST", f"/closets/{person}/feedback", {"item_id": "J1", "kind": "like"}),
        ]
        start_rss = rss_mb(served.process.pid)
        statuses: Counter[str] = Counter()
        latencies: list[float] = []
        lock = threading.Lock()
        t0 = time.monotonic()

        def client(k: int) -> None:
            with httpx.Client(base_url=base, timeout=30) as mine:
                n = k
                while (due := t0 + n / RATE) < t0 + SECONDS:
                    time.sleep(max(0.0, due - time.monotonic()))
                    method, path, body = mix[n % len(mix)]
                    began = time.perf_counter()
                    try:
                        answer = mine.request(method, path, json=body, headers=auth)
                        outcome = str(answer.status_code)
                    except httpx.HTTPError as exc:
                        outcome = type(exc).__name__
                    with lock:
                        statuses[outcome] += 1
                        latencies.append(time.perf_counter() - began)
                    n += THREADS

        threads = [threading.Thread(target=client, args=(k,)) for k in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - t0
        end_rss = rss_mb(served.process.pid)
    err = served.stderr

    latencies.sort()
    total = sum(statuses.values())
    p50, p99 = latencies[total // 2], latencies[min(total - 1, int(total * 0.99))]
    print(
        f"\nload: {total} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s), {statuses}, "
        f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms; "
        f"API RSS {start_rss:.0f} MB at start, {end_rss:.0f} MB at end"
    )
    assert set(statuses) <= {"200", "201"}, (statuses, err[-2000:])  # zero errors
    assert total >= RATE * SECONDS * 0.9  # the load really ran
    assert "Traceback" not in err
    assert end_rss < start_rss * 1.5 + 50, (start_rss, end_rss)
