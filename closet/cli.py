"""The `closet` command: database, loading, serving, and each area's commands.

Areas add their own commands through `register(app)` in `<package>/commands.py`.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    help="closet: a graph-native outfit recommender on Neo4j.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
db_app = typer.Typer(help="Run the local Neo4j server (provisioned from Maven Central).")
app.add_typer(db_app, name="db")
console = Console(stderr=True)
out = Console()

AREAS = ("enrich", "scraper", "gnn", "api.closet_commands")


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error for a person (no traceback) and return the Exit to raise."""
    console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _local_server_or_exit():  # -> LocalServer
    from core.settings import Settings
    from graph.db.server import LocalServer

    if Settings().external:
        out.print(
            "NEO4J_URI is set: closet uses that server and provisions nothing "
            f"({Settings().neo4j_uri})."
        )
        raise typer.Exit(0)
    return LocalServer.from_env()


@db_app.command("start")
def db_start(
    timeout: Annotated[float, typer.Option(help="Seconds to wait for Bolt.")] = 180.0,
) -> None:
    """Provision Neo4j Community once (cached), then start it on loopback and apply the schema."""
    from graph.db.connection import connect
    from graph.db.schema import apply_schema
    from graph.db.server import ServerError

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


@db_app.command("provision")
def db_provision() -> None:
    """Fetch the Neo4j jars (and APOC) into the cache without starting anything."""
    from graph.db.server import LocalServer, ServerError

    server = LocalServer.from_env()
    try:
        with console.status(f"provisioning Neo4j {server.version} from Maven Central ..."):
            home = server.provision()
    except ServerError as exc:
        raise fail(str(exc)) from None
    out.print(f"Neo4j {server.version} ready in {home}", highlight=False)


@db_app.command("stop")
def db_stop() -> None:
    """Stop the local Neo4j server cleanly."""
    server = _local_server_or_exit()
    out.print("stopped" if server.stop() else "not running")


@db_app.command("status")
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


@db_app.command("password")
def db_password() -> None:
    """Print the password of the local server (for Neo4j Browser)."""
    server = _local_server_or_exit()
    password = server.read_password()
    if not password:
        raise fail("no password yet: run `closet db start` first")
    out.print(password, highlight=False)


@app.command("load")
def load(
    files: Annotated[list[Path], typer.Argument(help="Snap outfit JSON files.")],
    batch_size: Annotated[int, typer.Option(min=1, max=100_000)] = 500,
    catalog: Annotated[
        bool, typer.Option(help="The files are item lists (no outfits), loaded as catalog.")
    ] = False,
) -> None:
    """Import snap outfit JSON files into the graph (validated, batched, idempotent)."""
    from core.errors import DatabaseUnavailable, InputError
    from graph.db.connection import connect
    from graph.db.schema import apply_schema
    from graph.ingest.loader import load_catalog, load_files

    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise fail(f"no such file: {', '.join(missing)}", 2)
    try:
        driver = connect()
    except DatabaseUnavailable as exc:
        raise fail(str(exc)) from None
    with driver:
        apply_schema(driver)
        try:
            if catalog:
                reports = [load_catalog(driver, f, batch_size) for f in files]
            else:
                reports = [load_files(driver, files, batch_size)]
        except InputError as exc:
            raise fail(str(exc), 2) from None
    for report in reports:
        _print_report(report)


def _print_report(report) -> None:  # report: graph.ingest.loader.LoadReport
    out.print(
        f"read {report.records} records from {len(report.files)} file(s) in {report.seconds:.1f}s: "
        f"{report.outfits} outfits, {report.items} item references loaded; "
        f"{report.duplicates} duplicate outfit ids skipped; "
        f"{report.dropped_items} items in dropped categories; "
        f"{sum(report.rejected.values())} records rejected"
    )
    if report.counts_after:
        table = Table("node/relationship", "created", "total")
        for key, total in report.counts_after.items():
            table.add_row(key, str(report.created()[key]), str(total))
        out.print(table)
    if report.rejected:
        table = Table("rejected because", "count", "first examples")
        for reason, count in report.rejected.most_common():
            table.add_row(reason, str(count), "; ".join(report.examples.get(reason, [])))
        out.print(table)


@app.command("serve")
def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
) -> None:
    """Run the REST API (FastAPI + uvicorn); OpenAPI docs at /docs."""
    import uvicorn

    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, log_level="info")


@app.command("ui")
def ui(
    port: Annotated[int, typer.Option(min=1, max=65535)] = 7860,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    api: Annotated[str | None, typer.Option(help="Base URL of the closet API.")] = None,
) -> None:
    """Run the Gradio demo, which talks to the API over HTTP."""
    from core.settings import Settings
    from demo.app import launch

    launch(api_url=api or Settings().api_url, host=host, port=port)


@app.command("sample-path")
def sample_path() -> None:
    """Print the path of the bundled sample catalog."""
    out.print(str(Path(__file__).with_name("sample") / "outfits.json"), highlight=False)


def _register_areas() -> None:
    for area in AREAS:
        module_name = area if "." in area else f"{area}.commands"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue  # that area is not part of this checkout
            raise
        module.register(app)


_register_areas()


def main() -> None:
    """Entry point for `python -m closet`."""
    app(prog_name="closet")


if __name__ == "__main__" and sys.argv:
    main()
