"""Provisioning and lifecycle of a local Neo4j server (graph/db/server.py): a second server of its
own (state dir, free ports, small heap), started, stopped and started again; clear errors."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import httpx
import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from graph.db.server import NEO4J_VERSION, LocalServer, ServerError, free_port, port_open

STATUS_KEYS = {
    "running",
    "pid",
    "version",
    "bolt",
    "browser",
    "state_dir",
    "install",
    "provisioned",
    "user",
    "password_file",
    "log",
}


def count_probes(uri: str, password: str) -> int:
    with GraphDatabase.driver(uri, auth=("neo4j", password)) as drv:
        return drv.execute_query("MATCH (p:Probe) RETURN count(p) AS n").records[0]["n"]


@pytest.mark.slow
def test_start_stop_restart_keeps_data_and_password(
    neo4j_server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the session fixture exported NEO4J_PASSWORD; this server generates and stores its own
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    server = LocalServer(
        tmp_path / "state", free_port(), free_port(), heap="256m", pagecache="64m", ephemeral=True
    )
    before = server.status()
    assert set(before) == STATUS_KEYS
    assert before["running"] is False
    assert before["pid"] is None
    assert before["provisioned"] is True  # the session server provisioned the shared cache
    assert server.read_password() is None
    try:
        server.start(timeout=240)
        status = server.status()
        assert status["running"] is True
        assert status["pid"] == server.pid()
        assert isinstance(status["pid"], int)
        assert status["version"] == NEO4J_VERSION == "5.26.19"
        assert status["bolt"] == f"bolt://127.0.0.1:{server.bolt_port}"
        assert status["browser"] == f"http://127.0.0.1:{server.http_port}/browser/"
        assert status["state_dir"] == str(tmp_path / "state")
        assert status["user"] == "neo4j"

        password = server.read_password()
        assert password
        assert len(password) >= 20
        assert stat.S_IMODE(os.stat(server.password_file).st_mode) == 0o600
        conf = (server.conf_dir / "neo4j.conf").read_text()
        assert "server.default_listen_address=127.0.0.1" in conf
        assert "dbms.security.auth_enabled=true" in conf
        assert "server.memory.heap.max_size=256m" in conf
        # the default password was replaced
        with (
            pytest.raises(AuthError),
            GraphDatabase.driver(server.bolt_uri, auth=("neo4j", "neo4j")) as drv,
        ):
            drv.verify_connectivity()
        with GraphDatabase.driver(server.bolt_uri, auth=("neo4j", password)) as drv:
            drv.execute_query("CREATE (:Probe {at: 1})")
        discovery = httpx.get(server.http_url, timeout=10).json()
        assert discovery["neo4j_version"] == NEO4J_VERSION
        assert discovery["neo4j_edition"] == "community"

        pid = server.pid()
        server.start(timeout=30)  # already running: nothing happens
        assert server.pid() == pid

        assert server.stop() is True
        assert not server.is_running()
        assert server.pid() is None
        assert not port_open(server.bolt_port)
        assert not port_open(server.http_port)
        stopped = server.status()
        assert stopped["running"] is False
        assert stopped["pid"] is None
        assert server.stop() is False  # nothing left to stop
        password_mtime = server.password_file.stat().st_mtime_ns

        server.start(timeout=240)
        assert server.is_running()
        assert server.pid() != pid
        assert server.read_password() == password
        assert server.password_file.stat().st_mtime_ns == password_mtime
        assert count_probes(server.bolt_uri, password) == 1  # data kept across restarts
    finally:
        server.stop()
    assert not server.is_running()


def test_start_on_a_taken_bolt_port_fails_clearly(
    neo4j_server: LocalServer, tmp_path: Path
) -> None:
    server = LocalServer(tmp_path / "state", neo4j_server.bolt_port, free_port())
    with pytest.raises(ServerError) as info:
        server.start(timeout=30)
    message = str(info.value)
    assert f"port {neo4j_server.bolt_port} on 127.0.0.1 is already taken" in message
    assert "NEO4J_BOLT_PORT" in message
    assert server.pid() is None
    assert not (tmp_path / "state" / "run").exists()
    assert neo4j_server.is_running()  # the other server was not disturbed


def test_start_on_a_taken_http_port_fails_clearly(tmp_path: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        taken = listener.getsockname()[1]
        server = LocalServer(tmp_path / "state", free_port(), taken)
        with pytest.raises(ServerError, match=f"port {taken} on 127.0.0.1 is already taken"):
            server.start(timeout=30)
    assert server.pid() is None


def test_a_server_that_cannot_start_reports_its_log(tmp_path: Path) -> None:
    # an impossible heap size: the JVM exits at once; the error carries the log's last lines
    server = LocalServer(tmp_path / "state", free_port(), free_port(), heap="1x", ephemeral=True)
    with pytest.raises(ServerError, match="exited with code") as info:
        server.start(timeout=120)
    assert "heap" in str(info.value).lower()
    assert server.pid() is None
    assert not server.pid_file.exists()


def test_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOSET_STATE_DIR", str(tmp_path / "s"))
    monkeypatch.setenv("NEO4J_BOLT_PORT", "17687")
    monkeypatch.setenv("NEO4J_HTTP_PORT", "17474")
    monkeypatch.setenv("CLOSET_NEO4J_HEAP", "300m")
    server = LocalServer.from_env()
    assert (server.state_dir, server.bolt_port, server.http_port, server.heap) == (
        tmp_path / "s",
        17687,
        17474,
        "300m",
    )
    assert server.bolt_uri == "bolt://127.0.0.1:17687"
    assert server.http_url == "http://127.0.0.1:17474"
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    assert server.read_password() == "from-env"


def test_free_port_is_free() -> None:
    port = free_port()
    assert 1024 <= port <= 65535
    assert not port_open(port)
