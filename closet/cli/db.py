"""`closet db start|stop|status|password|provision`: the local Neo4j (no Docker needed)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from closet.cli.output import console, fail, out
from core.settings import Settings
from graph.db.connection import connect
from graph.db.schema import apply_schema
from graph.db.server import LocalServer, ServerError

app = typer.Typer(help="Run the local Neo4j server (provisioned from Maven Central).")


def _local_server_or_exit() -> LocalServer:
    """The local server, or exit 0 saying so when NEO4J_URI names another one."""
    if Settings().external:
        out.print(
            "NEO4J_URI is set: closet uses that server and provisions nothing "
            f"({Settings().neo4j_uri})."
        )
        raise typer.Exit(0)
    return LocalServer.from_env()


@app.command("start")
def db_start(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for Bolt.")] = 180.0,
) -> None:
    """Provision Neo4j Community once (cached), then start it on loopback and apply the schema."""
    server = _local_server_or_exit()
    try:
        if not server.is_running():
            with console.status(f"starting Neo4j {server.version} ..."):
                server.start(timeout=timeout)
        driver = connect()
        with driver:
            apply_schema(driver)
    except ServerError as exc:
        raise fail(str(exc)) from None
    status = server.status()
    out.print(f"Neo4j {server.version} running (pid {status['pid']})")
    out.print(f"  Bolt    {status['bolt']}")
    out.print(f"  Browser {status['browser']}  (user neo4j, password in {status['password_file']})")


@app.command("provision")
def db_provision() -> None:
    """Fetch the Neo4j jars (and APOC) into the cache without starting anything."""
    server = LocalServer.from_env()
    try:
        with console.status(f"provisioning Neo4j {server.version} from Maven Central ..."):
            home = server.provision()
    except ServerError as exc:
        raise fail(str(exc)) from None
    out.print(f"Neo4j {server.version} ready in {home}", highlight=False)


@app.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j server cleanly."""
    server = _local_server_or_exit()
    out.print("stopped" if server.stop() else "not running")


@app.command("status")
def db_status(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Say what runs where (exit 3 when the server is not running)."""
    server = _local_server_or_exit()
    status = server.status()
    if as_json:
        out.print_json(json.dumps(status))
    else:
        for key, value in status.items():
            out.print(f"{key:>14}: {value}")
    if not status["running"]:
        raise typer.Exit(3)


@app.command("password")
def db_password() -> None:
    """Print the password of the local server (for Neo4j Browser)."""
    server = _local_server_or_exit()
    password = server.read_password()
    if not password:
        raise fail("no password yet: run `closet db start` first")
    typer.echo(password)
