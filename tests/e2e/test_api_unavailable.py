"""The API answers 503 with a clear JSON body while Neo4j is down, and recovers when it is back
(the app's driver is created once, at startup, and is never recreated).

This stops and restarts the session's Neo4j server; the restart is in a `finally`, so later
tests find it running with the same data.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from neo4j import Driver

from core.settings import Settings
from graph.db.server import LocalServer
from tests.support.api_server import client, serve_api
from tests.support.spine_data import load_spine_graph


def wait_for(check, timeout: float = 90.0, every: float = 1.0):
    """Call check() until it returns a truthy value (returned) or the timeout passes (None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    return None


@pytest.mark.slow
def test_503_while_neo4j_is_down_then_recovers(
    neo4j_server: LocalServer,
    driver: Driver,
    neo4j_settings: Settings,
    tmp_path: Path,
) -> None:
    load_spine_graph(driver, tmp_path)
    with serve_api(neo4j_settings) as base_url, client(base_url, timeout=90) as http:
        assert http.get("/health").status_code == 200
        assert http.get("/items/S1/recommendations").status_code == 200
        try:
            assert neo4j_server.stop()
            assert not neo4j_server.is_running()

            health = http.get("/health")
            assert health.status_code == 503
            assert health.headers["content-type"] == "application/json"
            assert health.headers["retry-after"] == "5"
            detail = health.json()["detail"]
            assert detail.startswith("the graph database is unavailable")
            assert "Traceback" not in detail
            # no internal address in the answer (it goes to the log)
            assert str(neo4j_server.bolt_port) not in health.text
            assert "127.0.0.1" not in health.text

            for method, path, body in [
                ("GET", "/items/search?q=oxford", None),
                ("GET", "/items/S1", None),
                ("GET", "/items/S1/recommendations", None),
                ("POST", "/closet/recommendations", {"items": ["S1", "T1"]}),
                ("GET", "/outfits?owned=S1&picked=B1", None),
                ("GET", "/categories", None),
            ]:
                r = http.request(method, path, json=body)
                assert r.status_code == 503, (path, r.status_code, r.text)
                assert r.json()["detail"].startswith("the graph database is unavailable")
            # validation still answers without the database
            assert http.get("/items/search?limit=0").status_code == 422
        finally:
            if not neo4j_server.is_running():
                neo4j_server.start(timeout=240)

        # the same app (same driver) recovers without a restart
        healthy = wait_for(lambda: http.get("/health").status_code == 200)
        assert healthy, http.get("/health").text
        recs = http.get("/items/S1/recommendations")
        assert recs.status_code == 200
        bottom = next(g for g in recs.json()["categories"] if g["category"] == "bottom")
        assert [c["item"]["id"] for c in bottom["items"]] == ["B1", "B2", "J1"]  # data kept
    # the session's driver recovers too
    assert driver.execute_query("RETURN 1 AS ok").records[0]["ok"] == 1
