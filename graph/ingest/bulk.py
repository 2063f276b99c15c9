"""Offline bulk import (`closet load --bulk`): the same validated, normalised records as the
batched loader, written as CSV files and imported by `neo4j-admin database import full` into the
embedded server's database, then indexed, counted and refreshed in Cypher.

It replaces the whole database, so it runs only on the embedded local server (neo4j-admin works
on its files while it is stopped) and only into an empty graph unless asked to replace it. The
graph it builds equals the batched loader's, node for node and property for property (a test
compares the two).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import types
import typing
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from neo4j import Driver
from pydantic import BaseModel

from core.errors import InputError
from core.records import ITEM_EXTRAS, OUTFIT_EXTRAS, SnapItem, SnapOutfit
from graph.db.connection import run_autocommit
from graph.db.schema import apply_schema
from graph.db.server import LocalServer
from graph.ingest.cooccurrence import refresh_cooccurrence
from graph.ingest.loader import (
    BadLine,
    ItemVersions,
    LoadReport,
    read_records,
    validated_item,
    validated_outfits,
)
from graph.ingest.normalize import ItemRow, OutfitRow
from graph.ingest.writer import graph_counts

ARRAY = "\x1f"  # the array delimiter (unit separator): never in a label or URL we keep
ITEM_COLUMNS = ("name", "brand", "price", "category", "mid_class", "color", "url", "image_url")
OUTFIT_COLUMNS = ("style", "season", "gender", "url", "image_url", "description")


class BulkRefused(InputError):
    """The bulk import cannot run here (not the embedded server, or a graph that is not
    empty); nothing was changed."""


def _csv_type(model: type[BaseModel], name: str) -> str:
    """The neo4j-admin type of a record field: long, double, string[] or string."""
    annotation = model.model_fields[name].annotation
    options = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    kind = options[0]
    origin = typing.get_origin(kind)
    if kind is int:
        return ":long"
    if kind is float:
        return ":double"
    if origin is list or kind is list or isinstance(kind, types.GenericAlias):
        return ":string[]"
    return ""


def _cell(value: Any) -> str:
    """A CSV field as neo4j-admin reads it: nothing for None, quoted text, bare numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        value = ARRAY.join(str(v).replace(ARRAY, " ") for v in value)
    return '"' + str(value).replace('"', '""') + '"'


class CsvFiles:
    """One CSV file per node label and relationship type, written as records come."""

    def __init__(self, folder: Path, stack: ExitStack) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        item_extra = [f"{n}{_csv_type(SnapItem, n)}" for n in ITEM_EXTRAS]
        outfit_extra = [f"{n}{_csv_type(SnapOutfit, n)}" for n in OUTFIT_EXTRAS]
        headers = {
            "items": [
                "id:ID(Item)",
                *ITEM_COLUMNS[:2],
                "price:long",
                *ITEM_COLUMNS[3:],
                *item_extra,
            ],
            "outfits": ["id:ID(Outfit)", *OUTFIT_COLUMNS, *outfit_extra],
            "brands": ["name:ID(Brand)"],
            "clusters": ["key:ID(Cluster)", "mid_class", "color"],
            "tags": ["name:ID(Tag)"],
            "contains": [":START_ID(Outfit)", ":END_ID(Item)", "position:long"],
            "made_by": [":START_ID(Item)", ":END_ID(Brand)"],
            "in_cluster": [":START_ID(Item)", ":END_ID(Cluster)"],
            "tagged": [":START_ID(Outfit)", ":END_ID(Tag)"],
        }
        self.files: dict[str, TextIO] = {}
        for name, header in headers.items():
            sink = stack.enter_context((folder / f"{name}.csv").open("w", encoding="utf-8"))
            sink.write(",".join(header) + "\n")
            self.files[name] = sink
        self.brands: set[str] = set()
        self.clusters: dict[str, tuple[str | None, str]] = {}
        self.tags: set[str] = set()
        self.items = self.outfits = 0

    def row(self, name: str, values: Iterable[Any]) -> None:
        self.files[name].write(",".join(_cell(v) for v in values) + "\n")

    def item(self, item: ItemRow) -> None:
        self.items += 1
        self.row(
            "items",
            [
                item.id,
                *(getattr(item, c) for c in ITEM_COLUMNS),
                *(item.extra.get(n) for n in ITEM_EXTRAS),
            ],
        )
        if item.brand:
            self.brands.add(item.brand)
            self.row("made_by", [item.id, item.brand])
        if item.cluster:
            self.clusters.setdefault(item.cluster, (item.mid_class, item.color or "unknown"))
            self.row("in_cluster", [item.id, item.cluster])

    def outfit(self, outfit: OutfitRow) -> None:
        self.outfits += 1
        self.row(
            "outfits",
            [
                outfit.id,
                *(getattr(outfit, c) for c in OUTFIT_COLUMNS),
                *(outfit.extra.get(n) for n in OUTFIT_EXTRAS),
            ],
        )
        for item, position in zip(outfit.items, outfit.positions, strict=True):
            self.row("contains", [outfit.id, item.id, position])
        for tag in dict.fromkeys(outfit.tags):
            self.tags.add(tag)
            self.row("tagged", [outfit.id, tag])

    def close(self) -> None:
        """Write the nodes collected along the way (brands, clusters, tags)."""
        for brand in sorted(self.brands):
            self.row("brands", [brand])
        for key, (mid, color) in sorted(self.clusters.items()):
            self.row("clusters", [key, mid, color])
        for tag in sorted(self.tags):
            self.row("tags", [tag])


def write_csv(paths: Sequence[Path], folder: Path, report: LoadReport) -> CsvFiles:
    """Validate and normalise every record of the files (outfits, and catalog items: a record
    without `outfit_id`) as the batched loader does, and write them as CSV files."""
    seen: set[str] = set()
    written: set[str] = set()
    versions = ItemVersions()
    linked = 0
    with ExitStack() as stack:
        csv = CsvFiles(folder, stack)
        for path in paths:
            records = read_records(path)
            report.files.append(str(path))
            report.records += len(records)
            outfits = [(w, r) for w, r in records if _is_outfit(r)]
            for outfit, references in validated_outfits(outfits, report, seen, versions):
                for item in outfit.items:
                    if item.id not in written and item.id not in references:
                        written.add(item.id)
                        csv.item(item)
                csv.outfit(outfit)
                linked += len(outfit.items)
            for where, record in records:
                if _is_outfit(record):
                    continue
                row = validated_item(where, record, report, versions)
                if row is not None and row.id not in written:
                    written.add(row.id)
                    csv.item(row)
        csv.close()
    report.outfits, report.items = csv.outfits, linked
    return csv


def _is_outfit(record: Any) -> bool:
    return isinstance(record, BadLine) or not isinstance(record, dict) or "outfit_id" in record


def admin_import(server: LocalServer, folder: Path, heap: str = "2g") -> str:
    """`neo4j-admin database import full neo4j` of the CSV files (the server must be stopped);
    its output, or InputError with its last lines."""
    home = server.provision()
    classpath = os.pathsep.join(str(p / "*") for p in (server.conf_dir, home / "lib"))
    nodes = {"Item": "items", "Outfit": "outfits", "Brand": "brands", "Cluster": "clusters"}
    nodes["Tag"] = "tags"
    rels = {"CONTAINS": "contains", "MADE_BY": "made_by", "IN_CLUSTER": "in_cluster"}
    rels["TAGGED"] = "tagged"
    command = [
        shutil.which("java") or "java",
        f"-Xmx{heap}",
        "-cp",
        classpath,
        "org.neo4j.cli.AdminTool",
        "database",
        "import",
        "full",
        "neo4j",
        "--overwrite-destination=true",
        "--multiline-fields=true",
        "--array-delimiter=U+001F",
        f"--report-file={folder / 'import.report'}",
        *(f"--nodes={label}={folder / f'{name}.csv'}" for label, name in nodes.items()),
        *(f"--relationships={t}={folder / f'{name}.csv'}" for t, name in rels.items()),
    ]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(server.conf_dir)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise InputError(f"neo4j-admin import failed (exit {done.returncode}):\n{tail}")
    return done.stdout


def bulk_load(
    driver_factory: typing.Callable[[], Driver],
    server: LocalServer,
    paths: Sequence[Path],
    replace: bool = False,
) -> LoadReport:
    """Import the files offline into the embedded server's database (replacing it), then
    apply the schema, count popularity and refresh co-occurrence."""
    report = LoadReport()
    started = time.perf_counter()
    with driver_factory() as driver:
        report.counts_before = graph_counts(driver)
    if not replace and any(report.counts_before.values()):
        raise BulkRefused(
            "the graph is not empty and a bulk import replaces it: pass --replace to do so, "
            "or load without --bulk"
        )
    work = server.state_dir / "import" / f"bulk-{int(time.time())}"
    clock = _Phases(report)
    try:
        write_csv(paths, work, report)
        clock.done("validate + write CSV")
        server.stop()
        try:
            admin_import(server, work)
            clock.done("neo4j-admin import")
        finally:
            server.start()
            clock.done("restart")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with driver_factory() as driver:
        apply_schema(driver)
        clock.done("indexes")
        run_autocommit(driver, "load/popularity_all")
        clock.done("popularity")
        refresh_cooccurrence(driver)
        clock.done("co-occurrence")
        report.counts_before = {k: 0 for k in report.counts_before}
        report.counts_after = graph_counts(driver)
    report.seconds = time.perf_counter() - started
    return report


class _Phases:
    def __init__(self, report: LoadReport) -> None:
        self.report, self.last = report, time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.report.phases[name] = now - self.last
        self.last = now
