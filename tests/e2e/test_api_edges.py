"""The API's edges over real HTTP: unknown Host headers are refused (no reflected redirects),
closet creation and writes are rate-limited per client with 429 + Retry-After, and closet
labels lose control and bidi characters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import httpx
import pytest
from neo4j import Driver

from api.ratelimit import TokenBuckets
from core.settings import Settings
from tests.support.api_server import client, serve_api
from tests.support.neo4j import wipe


@pytest.fixture(scope="module")
def api(driver: Driver, neo4j_settings: Settings) -> Iterator[httpx.Client]:
    wipe(driver)
    limited = replace(neo4j_settings, closets_per_minute=5, writes_per_minute=8)
    with serve_api(limited) as url, client(url) as http:
        yield http


def test_unknown_hosts_are_refused_and_never_reflected(api: httpx.Client) -> None:
    evil = api.get("/items/abc%2F", headers={"Host": "evil.example"}, follow_redirects=False)
    assert evil.status_code == 400
    assert "evil.example" not in evil.headers.get("location", "")
    assert api.get("/health", headers={"Host": "localhost"}).status_code in (200, 503)


def test_closet_creation_is_rate_limited_per_client(api: httpx.Client) -> None:
    answers = [api.post("/closets", json={"label": f"c{n}"}) for n in range(8)]
    codes = [a.status_code for a in answers]
    assert codes[:5] == [201] * 5
    assert set(codes[5:]) == {429}
    limited = answers[-1]
    assert int(limited.headers["retry-after"]) >= 1
    assert "too many requests" in limited.json()["detail"]
    assert api.get("/health").status_code == 200  # reads are not limited


def test_closet_writes_are_rate_limited_and_labels_cleaned(
    driver: Driver, neo4j_settings: Settings
) -> None:
    limited = replace(neo4j_settings, closets_per_minute=5, writes_per_minute=8)
    with serve_api(limited) as url, client(url) as http:  # fresh buckets
        made = http.post("/closets", json={"label": "my\u202e closet\x00\x1b[31m"})
        assert made.status_code == 201
        person, token = made.json()["person"], made.json()["token"]
        auth = {"Authorization": f"Bearer {token}"}
        shown = http.get(f"/closets/{person}", headers=auth).json()
        assert shown["label"] == "my closet[31m"  # no NUL, ESC or right-to-left override
        codes = [
            http.delete(f"/closets/{person}/items/x{n}", headers=auth).status_code
            for n in range(10)
        ]
        assert 429 not in codes[:8]
        assert codes[8:] == [429, 429]
        assert http.get(f"/closets/{person}", headers=auth).status_code == 200


def test_token_buckets_refill_over_time() -> None:
    buckets = TokenBuckets(per_minute=2)
    assert buckets.take("a", now=0.0) == 0.0
    assert buckets.take("a", now=0.0) == 0.0
    wait = buckets.take("a", now=0.0)
    assert wait == pytest.approx(30.0)  # one token per 30 s
    assert buckets.take("b", now=0.0) == 0.0  # another client has its own bucket
    assert buckets.take("a", now=30.0) == 0.0
