"""`closet load FILE...`: import snap outfit JSON (validated, batched, idempotent).

`--bulk` writes the same records as CSV and imports them offline with neo4j-admin into the
embedded server's (empty) database: for large first loads.

Exit codes: 0 when every record loaded, 1 when some records were rejected (each reported with
its file, index or line, id and reason; the rest loaded) or the database was lost (the same
command resumes), 2 when a file is unusable (missing, a directory, not JSON, not a list).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from closet.cli.output import connect_or_fail, fail, out
from core.errors import DatabaseUnavailable, InputError
from core.settings import Settings
from graph.db.schema import apply_schema
from graph.db.server import LocalServer
from graph.ingest.bulk import bulk_load
from graph.ingest.loader import LoadReport, load_catalog, load_files


def load(
    files: Annotated[list[Path], typer.Argument(help="Snap outfit JSON files.")],
    batch_size: Annotated[int, typer.Option(min=1, max=100_000)] = 500,
    catalog: Annotated[
        bool, typer.Option(help="The files are item lists (no outfits), loaded as catalog.")
    ] = False,
    bulk: Annotated[
        bool,
        typer.Option(
            help="Offline bulk import (neo4j-admin) into the embedded server's empty database; "
            "outfit and catalog files together."
        ),
    ] = False,
    replace: Annotated[
        bool, typer.Option(help="With --bulk: replace a graph that is not empty.")
    ] = False,
) -> None:
    """Import snap outfit JSON files into the graph (validated, batched, idempotent).

    Exit 0: all loaded; 1: some records rejected (the rest loaded), or the database was lost
    (run the same command again); 2: a file is unusable."""
    missing = [str(f) for f in files if not f.exists()]
    if missing:
        raise fail(f"no such file: {', '.join(missing)}", 2)
    folders = [str(f) for f in files if f.is_dir()]
    if folders:
        raise fail(f"is a directory, not a file: {', '.join(folders)}", 2)
    if bulk:
        _bulk(files, replace)
        return
    with connect_or_fail() as driver:
        apply_schema(driver)
        try:
            if catalog:
                reports = [load_catalog(driver, f, batch_size) for f in files]
            else:
                reports = [load_files(driver, files, batch_size)]
        except InputError as exc:
            raise fail(str(exc), 2) from None
        except DatabaseUnavailable as exc:
            raise fail(str(exc), 1) from None
    for report in reports:
        _print_report(report)
    if not all(report.clean for report in reports):
        raise typer.Exit(1)


def _bulk(files: list[Path], replace: bool) -> None:
    if Settings().external:
        raise fail(
            "--bulk needs the embedded server (neo4j-admin imports into its files while it is "
            "stopped); NEO4J_URI names another one: load without --bulk",
            2,
        )
    server = LocalServer.from_env()
    if not server.is_running():
        raise fail("the local Neo4j is not running: closet db start", 1)
    try:
        report = bulk_load(connect_or_fail, server, files, replace=replace)
    except InputError as exc:
        raise fail(str(exc), 2) from None
    except DatabaseUnavailable as exc:
        raise fail(str(exc), 1) from None
    _print_report(report)
    out.print(
        "the database was replaced: restart `closet serve` if it runs (its driver waits "
        "for transactions of the old one)"
    )
    if not report.clean:
        raise typer.Exit(1)


def _print_report(report: LoadReport) -> None:
    out.print(
        f"read {report.records} records from {len(report.files)} file(s) in {report.seconds:.1f}s: "
        f"{report.outfits} outfits, {report.items} item references loaded; "
        f"{report.duplicates} duplicate outfit ids skipped; "
        f"{report.dropped_items} items in dropped categories; "
        f"{sum(report.rejected.values())} records rejected"
    )
    if report.phases:
        out.print("; ".join(f"{name} {seconds:.1f}s" for name, seconds in report.phases.items()))
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
    if report.ignored_fields:
        fields = ", ".join(f"{name} ({n})" for name, n in report.ignored_fields.most_common(10))
        out.print(f"fields not in the record model, dropped (not stored): {fields}")
    if report.conflict_count:
        out.print(
            f"{report.conflict_count} item(s) given again with other data; the first version "
            "was kept:"
        )
        for line in report.conflicts:
            out.print(f"  {line}")
