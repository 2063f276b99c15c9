"""docker-compose.yml and the Dockerfile: the file itself (always), and the configuration as
Docker Compose renders it (`docker compose config`, or docker-compose v1; skipped without
either). There is no Docker engine here, so nothing is built or started."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from graph.db.server import NEO4J_VERSION

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
NEO4J_IMAGE = f"neo4j:{NEO4J_VERSION}-community"
SERVICES = {"neo4j", "api", "demo", "load"}


def compose_command() -> list[str] | None:
    """`docker compose` (v2 plugin) or `docker-compose` (v1), whichever works here."""
    if shutil.which("docker"):
        probe = subprocess.run(
            ["docker", "compose", "version"], capture_output=True, text=True, check=False
        )
        if probe.returncode == 0:
            return ["docker", "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    return None


def render(env: dict[str, str]) -> subprocess.CompletedProcess:
    command = compose_command()
    if command is None:
        pytest.skip("neither the docker compose plugin nor docker-compose is installed")
    return subprocess.run(
        [*command, "-f", str(COMPOSE_FILE), "config"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def ports(service: dict[str, Any]) -> set[tuple[str, int, int]]:
    """(host ip, published, target) of each port, from short or long syntax."""
    found = set()
    for port in service.get("ports", []):
        if isinstance(port, dict):
            found.add((port.get("host_ip", ""), int(port["published"]), int(port["target"])))
        else:
            host, published, target = str(port).split("/")[0].rsplit(":", 2)
            found.add((host, int(published), int(target)))
    return found


def environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def test_compose_file_pins_neo4j_and_holds_no_secret() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    spec = yaml.safe_load(text)
    assert set(spec["services"]) == SERVICES
    neo4j = spec["services"]["neo4j"]
    assert neo4j["image"] == NEO4J_IMAGE  # the version `closet db start` provisions
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")
    assert "healthcheck" in neo4j
    assert neo4j["volumes"]
    references = re.findall(r"\$\{NEO4J_PASSWORD[^}]*}", text)  # never with a default
    assert len(references) == 2
    assert all(r.startswith("${NEO4J_PASSWORD:?") for r in references)
    assert "NEO4J_AUTH: none" not in text
    assert "neo4j/neo4j" not in text
    # api, demo and the loader run one image built from this repository
    images = {spec["services"][s]["image"] for s in ("api", "demo", "load")}
    assert len(images) == 1
    assert all(spec["services"][s]["build"] == "." for s in ("api", "demo", "load"))


def test_dockerfile_serves_the_api_by_default() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11", dockerfile, re.M)
    assert 'CMD ["closet", "serve", "--host", "0.0.0.0", "--port", "8000"]' in dockerfile
    assert re.search(r"^USER (?!root)\w+", dockerfile, re.M)
    ignored = (REPO / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".git" in ignored
    assert "tests" in ignored


@pytest.mark.parametrize("command", ["serve", "ui"])
def test_the_commands_compose_runs_accept_host(command: str) -> None:
    closet = shutil.which("closet")
    if closet is None:
        pytest.skip("the closet console script is not installed")
    result = subprocess.run(
        [closet, command, "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0
    assert "--host" in result.stdout
    assert "--port" in result.stdout


def test_compose_config_renders_the_services() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["NEO4J_PASSWORD"] = "compose-test-password"
    result = render(env)
    assert result.returncode == 0, result.stderr
    spec = yaml.safe_load(result.stdout)
    services = spec["services"]
    assert set(services) == SERVICES

    neo4j = services["neo4j"]
    assert neo4j["image"] == NEO4J_IMAGE
    assert environment(neo4j)["NEO4J_AUTH"] == "neo4j/compose-test-password"
    assert ports(neo4j) == {("127.0.0.1", 7474, 7474), ("127.0.0.1", 7687, 7687)}
    assert {v["target"] if isinstance(v, dict) else v.split(":")[1] for v in neo4j["volumes"]} == {
        "/data",
        "/logs",
    }

    api = services["api"]
    assert api["command"] == ["closet", "serve", "--host", "0.0.0.0", "--port", "8000"]
    api_env = environment(api)
    assert api_env["NEO4J_URI"] == "bolt://neo4j:7687"
    assert api_env["NEO4J_PASSWORD"] == "compose-test-password"
    assert ports(api) == {("127.0.0.1", 8000, 8000)}
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"

    demo = services["demo"]
    assert demo["command"][:4] == ["closet", "ui", "--host", "0.0.0.0"]
    assert demo["command"][-2:] == ["--api", "http://api:8000"]
    assert ports(demo) == {("127.0.0.1", 7860, 7860)}
    assert "NEO4J_PASSWORD" not in environment(demo)  # the demo talks to the API only
    assert demo["image"] == api["image"]

    assert services["load"]["profiles"] == ["load"]
    assert set(spec["volumes"]) == {"neo4j-data", "neo4j-logs"}


def test_compose_config_requires_a_password() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    result = render(env)
    assert result.returncode != 0
    assert "set NEO4J_PASSWORD" in result.stderr


def test_the_env_file_is_an_uncommitted_copy_of_an_example_without_secrets() -> None:
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    settings = dict(
        line.split("=", 1) for line in example.splitlines() if line and not line.startswith("#")
    )
    assert settings == {"NEO4J_PASSWORD": ""}  # the name only, never a value
    for ignore_file in (".gitignore", ".dockerignore"):
        assert ".env" in (REPO / ignore_file).read_text(encoding="utf-8").split()
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".env"], cwd=REPO, capture_output=True, check=False
    )
    assert ignored.returncode == 0
