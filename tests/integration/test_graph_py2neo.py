"""What py2neo 2021.2.4 (the original service's client; end-of-life) can still do against
Neo4j 5.26: documented by assertion, so an upgrade of either side that changes it is noticed.

Findings: over Bolt it works for Cypher (reads, writes, parameters, explicit transactions,
Node/Relationship objects, matchers), because Neo4j 5.26 still accepts Bolt 4.3, the newest
version py2neo speaks. Its schema helpers fail (they use `db.indexes` and the `CREATE INDEX ON`
/ `ASSERT` syntax removed in Neo4j 5), and its HTTP mode fails at connection time (it probes
`/db/data/`, gone since Neo4j 4). The project itself uses the official `neo4j` driver.
"""

from __future__ import annotations

import socket

import httpx
import pytest
from neo4j import Driver

from graph.db.server import LocalServer

py2neo = pytest.importorskip("py2neo", reason="py2neo is not installed")


@pytest.fixture
def graph(neo4j_server: LocalServer, clean_graph: Driver):
    g = py2neo.Graph(neo4j_server.bolt_uri, auth=("neo4j", neo4j_server.read_password()))
    yield g
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")


def bolt_handshake(port: int, *offers: bytes) -> bytes:
    """The version the server picks from up to four Bolt version offers."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"\x60\x60\xb0\x17" + b"".join(offers).ljust(16, b"\x00"))
        return sock.recv(4)


def test_server_still_speaks_the_bolt_versions_py2neo_offers(neo4j_server: LocalServer) -> None:
    # py2neo 2021.2.4 offers 4.3 (range down to 4.0), 4.0, 3, 2; Neo4j 5.26 picks 4.3
    py2neo_offers = (
        b"\x00\x03\x03\x04",
        b"\x00\x00\x00\x04",
        b"\x00\x00\x00\x03",
        b"\x00\x00\x00\x02",
    )
    assert bolt_handshake(neo4j_server.bolt_port, *py2neo_offers) == b"\x00\x00\x03\x04"
    assert bolt_handshake(neo4j_server.bolt_port, b"\x00\x00\x00\x03") == b"\x00" * 4  # no Bolt 3


def test_cypher_over_bolt_works(graph) -> None:
    assert str(graph.service.kernel_version) == "5.26.19"
    assert graph.service.product == "Neo4j Kernel 5.26.19 (Community)"
    assert graph.run("RETURN $a + 1 AS n", a=41).evaluate() == 42
    shirt = py2neo.Node("Item", id="S1", name="Navy Oxford Shirt", category="top")
    cluster = py2neo.Node("Cluster", key="shirt|navy")
    graph.create(py2neo.Relationship(shirt, "IN_CLUSTER", cluster))
    graph.merge(py2neo.Node("Item", id="S1", name="Navy Oxford Shirt"), "Item", "id")
    assert graph.run("MATCH (i:Item) RETURN count(i)").evaluate() == 1
    found = py2neo.NodeMatcher(graph).match("Item", id="S1").first()
    assert dict(found) == {"id": "S1", "name": "Navy Oxford Shirt", "category": "top"}
    rel = graph.relationships.match((found, None), "IN_CLUSTER").first()
    assert type(rel).__name__ == "IN_CLUSTER"
    assert rel.end_node["key"] == "shirt|navy"
    path = graph.run("MATCH p = (:Item)-[:IN_CLUSTER]->(:Cluster) RETURN p").evaluate()
    assert [n["id"] or n["key"] for n in path.nodes] == ["S1", "shirt|navy"]
    # explicit transactions, and Cypher 5 syntax (CALL (x) {...}) passes through unchanged
    tx = graph.begin()
    tx.run("CREATE (:Probe {v: 1})")
    graph.commit(tx)
    tx = graph.begin()
    tx.run("CREATE (:Probe {v: 2})")
    graph.rollback(tx)
    assert graph.run("MATCH (p:Probe) RETURN collect(p.v)").evaluate() == [1]
    assert graph.run("MATCH (p:Probe) CALL (p) { RETURN p.v * 2 AS w } RETURN w").evaluate() == 2
    assert graph.run("MATCH (n) RETURN elementId(n) LIMIT 1").evaluate().startswith("4:")


def test_schema_helpers_fail_on_neo4j_5(graph) -> None:
    with pytest.raises(
        py2neo.errors.ClientError, match=r"no procedure with the name `db\.indexes`"
    ):
        graph.schema.get_indexes("Item")
    with pytest.raises(py2neo.errors.ClientError, match="Invalid create index syntax"):
        graph.schema.create_index("Item", "name")
    with pytest.raises(py2neo.errors.ClientError, match="ON and ASSERT should not be used"):
        graph.schema.create_uniqueness_constraint("Cluster", "key")


def test_http_mode_fails_to_connect(neo4j_server: LocalServer) -> None:
    # discovery answers, but py2neo then requests /db/data/ (removed in Neo4j 4) and gets 404
    assert httpx.get(neo4j_server.http_url, timeout=10).json()["neo4j_version"] == "5.26.19"
    password = neo4j_server.read_password() or ""
    legacy = httpx.get(f"{neo4j_server.http_url}/db/data/", auth=("neo4j", password), timeout=10)
    assert legacy.status_code == 404
    with pytest.raises(py2neo.errors.ClientError, match=r"\[Request.Invalid\] Not Found"):
        py2neo.Graph(neo4j_server.http_url, auth=("neo4j", password))


def test_wrong_password_surfaces_as_connection_unavailable(neo4j_server: LocalServer) -> None:
    # py2neo hides the server's Security.Unauthorized behind a generic error
    with pytest.raises(py2neo.errors.ConnectionUnavailable, match="Connection has been closed"):
        py2neo.Graph(neo4j_server.bolt_uri, auth=("neo4j", "not-the-password"))
