"""The API through Neo4j's routing scheme (`neo4j://`), as a cluster or Aura is reached: every
route answers as over `bolt://`, every query that only reads is sent in a read transaction
(`mode: r`, which a cluster's routing driver sends to a follower), every write in a write
transaction, and every transaction names its database. Checked from the driver's own protocol
log (the BEGIN message before each RUN), against the real server."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

import cypher
from core.settings import Settings
from tests.support.api_server import client, serve_api
from tests.support.closet_data import OWNED, load_closet_graph

WRITES = {"closet/create_person", "closet/own_item", "closet/feedback_add"}  # the writes sent
BEGIN = re.compile(r"\[#(\w+)\]\s+C: BEGIN (\{.*\})")
RUN = re.compile(r"\[#(\w+)\]\s+C: RUN ")


class ProtocolLog(logging.Handler):
    """The driver's debug messages, kept in order."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def query_names() -> dict[str, str]:
    """repr of each query's text → its name (cypher/<name>.cypher)."""
    root = Path(cypher.ROOT)
    names = [str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.cypher")]
    return {repr(cypher.load(n)): n for n in names}


def transactions(messages: list[str]) -> list[tuple[str, str]]:
    """(query name, BEGIN's metadata) for every RUN inside an explicit transaction."""
    names = query_names()
    begun: dict[str, str] = {}
    out = []
    for message in messages:
        if found := BEGIN.search(message):
            begun[found.group(1)] = found.group(2)
        elif found := RUN.search(message):
            text = next((n for r, n in names.items() if r in message), None)
            if text is not None and found.group(1) in begun:
                out.append((text, begun[found.group(1)]))
    return out


@pytest.fixture(scope="module")
def routed(
    driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[httpx.Client, ProtocolLog]]:
    """The API over the hand-built closet graph, its driver made for `neo4j://…`."""
    load_closet_graph(driver, Path(tmp_path_factory.mktemp("routing")))
    uri = neo4j_settings.neo4j_uri.replace("bolt://", "neo4j://")
    assert uri.startswith("neo4j://")
    log = ProtocolLog()
    logger = logging.getLogger("neo4j")
    level = logger.level
    logger.addHandler(log)
    logger.setLevel(logging.DEBUG)
    try:
        with serve_api(replace(neo4j_settings, neo4j_uri=uri)) as url, client(url) as http:
            yield http, log
    finally:
        logger.removeHandler(log)
        logger.setLevel(level)


def test_every_route_works_and_reads_are_sent_as_reads(
    routed: tuple[httpx.Client, ProtocolLog],
) -> None:
    http, log = routed
    assert http.get("/health").json()["neo4j"] == "ok"
    made = http.post("/closets", json={"label": "routing"}).json()
    person, auth = made["person"], {"Authorization": f"Bearer {made['token']}"}
    for item_id in OWNED:
        assert http.put(f"/closets/{person}/items/{item_id}", headers=auth).status_code == 200
    answers = [
        http.get("/items/search", params={"q": "shirt"}),
        http.get(f"/items/{OWNED[0]}"),
        http.get(f"/items/{OWNED[0]}/recommendations", params={"season": "spring"}),
        http.post("/closet/recommendations", json={"items": OWNED[:2]}),
        http.get("/outfits", params={"owned": "CT1", "picked": "CB1"}),
        http.get(f"/closets/{person}"),
        http.get(f"/closets/{person}/outfits"),
        http.get(f"/closets/{person}/next"),
        http.get(f"/closets/{person}/capsule", params={"k": 2}),
        http.get(f"/closets/{person}/today"),
        http.post(f"/closets/{person}/complete", json={"items": ["CT1"]}),
        http.get("/categories"),
    ]
    assert [a.status_code for a in answers] == [200] * len(answers), [a.text for a in answers]
    assert (
        http.post(
            f"/closets/{person}/feedback", headers=auth, json={"item_id": "CA1", "kind": "like"}
        ).status_code
        == 201
    )

    sent = transactions(log.messages)
    assert any("ROUTE" in m for m in log.messages)  # the routing table was asked for
    assert len(sent) > 20
    assert all("'db': 'neo4j'" in meta for _, meta in sent)  # the database named every time
    as_write = {name for name, meta in sent if "'mode': 'r'" not in meta}
    assert as_write == WRITES  # the token check, closet reads and every recommendation: reads
    read_only = {name for name, meta in sent if "'mode': 'r'" in meta}
    assert {
        "recommend/source_clusters",
        "outfits/pair",
        "closet/contents",
        "closet/person_auth",
        "recommend/occasion_labels",
    } <= read_only
