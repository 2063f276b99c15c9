"""`closet db ...` through the real console script: external servers (NEO4J_URI set) are never
provisioned, started or stopped; status JSON and clear errors for the local server."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from graph.db.server import LocalServer, free_port

CLOSET = shutil.which("closet")
pytestmark = pytest.mark.skipif(CLOSET is None, reason="the closet console script is not installed")


def closet(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CLOSET, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def base_env(state: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(CLOSET_STATE_DIR=str(state), COLUMNS="250", NO_COLOR="1")
    return env


@pytest.mark.parametrize("command", [["status", "--json"], ["status"], ["start"], ["stop"]])
def test_external_server_is_left_alone(
    neo4j_server: LocalServer, tmp_path: Path, command: list[str]
) -> None:
    env = base_env(tmp_path / "state")
    env["NEO4J_URI"] = neo4j_server.bolt_uri
    result = closet("db", *command, env=env)
    assert result.returncode == 0, result.stderr
    assert "NEO4J_URI is set" in result.stdout
    assert "provisions nothing" in result.stdout
    assert neo4j_server.bolt_uri in result.stdout
    assert not (tmp_path / "state").exists()  # nothing provisioned or started
    assert neo4j_server.is_running()  # `db stop` did not stop the external server


def test_status_json_of_a_server_that_is_not_running(tmp_path: Path) -> None:
    result = closet("db", "status", "--json", env=base_env(tmp_path / "state"))
    assert result.returncode == 3  # documented: 3 when not running
    status = json.loads(result.stdout)
    assert status["running"] is False
    assert status["pid"] is None
    assert status["state_dir"] == str(tmp_path / "state")
    assert status["bolt"] == "bolt://127.0.0.1:7687"
    assert status["version"] == "5.26.19"
    assert status["user"] == "neo4j"
    assert status["password_file"] == str(tmp_path / "state" / "password")
    assert "Traceback" not in result.stderr


def test_status_text_and_stop_when_not_running(tmp_path: Path) -> None:
    env = base_env(tmp_path / "state")
    status = closet("db", "status", env=env)
    assert status.returncode == 3
    assert "running: False" in status.stdout
    stop = closet("db", "stop", env=env)
    assert stop.returncode == 0
    assert stop.stdout.strip() == "not running"


def test_password_before_first_start_is_a_clear_error(tmp_path: Path) -> None:
    result = closet("db", "password", env=base_env(tmp_path / "state"))
    assert result.returncode == 1
    assert "no password yet: run `closet db start` first" in result.stderr
    assert "Traceback" not in result.stderr


def test_password_prints_the_stored_one(tmp_path: Path) -> None:
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "password").write_text("s3cret-from-file\n")
    result = closet("db", "password", env=base_env(tmp_path / "state"))
    assert result.returncode == 0
    assert result.stdout.strip() == "s3cret-from-file"


def test_start_on_a_taken_port_is_a_clear_error(neo4j_server: LocalServer, tmp_path: Path) -> None:
    # the local server's HTTP port is the test server's Bolt port: taken. (Its Bolt port is the
    # default 7687, which may be free or taken here; either way the start must refuse.)
    env = base_env(tmp_path / "state")
    env["NEO4J_HTTP_PORT"] = str(neo4j_server.bolt_port)
    result = closet("db", "start", "--timeout", "30", env=env)
    assert result.returncode == 1
    assert "error:" in result.stderr
    assert "is already taken by another process" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "state" / "run" / "neo4j.pid").exists()


def test_load_needs_a_reachable_server(tmp_path: Path) -> None:
    env = base_env(tmp_path / "state")
    env.update(NEO4J_URI=f"bolt://127.0.0.1:{free_port()}", NEO4J_PASSWORD="whatever")
    sample = tmp_path / "one.json"
    sample.write_text("[]")
    result = closet("load", str(sample), env=env)
    assert result.returncode == 1
    assert "not reachable" in result.stderr
    assert "closet db start" in result.stderr
    assert "Traceback" not in result.stderr
