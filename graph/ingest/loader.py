"""The snap-file importer: read, validate and write records, and report what happened.

Records are validated with the strict record model (`core.records`); a bad record (or a bad
JSON line) is rejected alone, with its file, index or line, id and reason, and the rest loads.
Fields the model does not name are dropped and counted; an item given twice with different
data keeps its first version and the conflict is reported with both. Whole outfits are written
in batches by `graph.ingest.writer` (a failing batch is split until the bad outfit is found),
then co-occurrence is refreshed for what did load.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver
from neo4j.exceptions import ServiceUnavailable, SessionExpired
from pydantic import ValidationError

from core.errors import DatabaseUnavailable, InputError
from core.records import SnapItem, SnapOutfit
from graph.ingest.cooccurrence import refresh_cooccurrence
from graph.ingest.normalize import ItemRow, OutfitRow, normalize_item, normalize_outfit
from graph.ingest.writer import DEFAULT_BATCH, GraphWriter, graph_counts


@dataclass
class LoadReport:
    """What a load did: records read, loaded, rejected (with reasons and examples)."""

    files: list[str] = field(default_factory=list)
    records: int = 0
    outfits: int = 0
    items: int = 0
    duplicates: int = 0
    dropped_items: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    ignored_fields: Counter[str] = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    conflict_count: int = 0
    seconds: float = 0.0
    counts_before: dict[str, int] = field(default_factory=dict)
    counts_after: dict[str, int] = field(default_factory=dict)
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step (bulk import)

    def reject(self, reason: str, where: str) -> None:
        self.rejected[reason] += 1
        examples = self.examples.setdefault(reason, [])
        if len(examples) < 3:
            examples.append(where)

    def reject_outfit(self, outfit_id: str, reason: str) -> None:
        """An outfit the database refused (found by splitting its batch)."""
        self.reject(f"database: {reason}", f"id={outfit_id}")

    def ignore(self, *names: list[str]) -> None:
        """Count fields the record model does not name (dropped, never stored)."""
        for group in names:
            self.ignored_fields.update(group)

    def conflict(self, item_id: str, first: str, again: str, where: str) -> None:
        """An item given again with other data: the first version is kept."""
        self.conflict_count += 1
        if len(self.conflicts) < 5:
            self.conflicts.append(f"{where} item {item_id}: kept {first}; ignored {again}")

    @property
    def clean(self) -> bool:
        """True when every record loaded as given (nothing rejected)."""
        return not self.rejected

    def created(self) -> dict[str, int]:
        """Nodes and relationships added by this load, per label / type."""
        return {
            key: self.counts_after.get(key, 0) - self.counts_before.get(key, 0)
            for key in self.counts_after
        }


@dataclass(frozen=True)
class BadLine:
    """A JSON line that does not parse: rejected alone, with its line number."""

    reason: str


def read_records(path: Path) -> list[tuple[str, Any]]:
    """(where, record) for every record of a snap JSON file: a JSON list (where = file[index])
    or JSON lines (where = file:line; a line that does not parse is a `BadLine`)."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    stripped = text.lstrip()
    if not stripped:
        raise InputError(f"{path}: empty file")
    if stripped.startswith("["):
        data = _parse(text, path)
        if not isinstance(data, list):
            raise InputError(f"{path}: expected a JSON list of outfits")
        return [(f"{path.name}[{n}]", record) for n, record in enumerate(data)]
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if stripped.startswith("{") and len(lines) > 1 and _is_json(text):
        raise InputError(
            f"{path}: expected a JSON list of outfits (or one outfit per line), "
            "got a single JSON object over several lines"
        )
    records: list[tuple[str, Any]] = []
    for lineno, line in lines:
        try:
            records.append((f"{path.name}:{lineno}", json.loads(line)))
        except json.JSONDecodeError as exc:
            records.append((f"{path.name}:{lineno}", BadLine(f"line: not JSON ({exc.msg})")))
        except RecursionError:
            records.append((f"{path.name}:{lineno}", BadLine("line: JSON nested too deeply")))
    if all(isinstance(record, BadLine) for _, record in records):
        raise InputError(f"{path}: not JSON (no line parses as a JSON value)")
    return records


def _parse(text: str, path: Path) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply") from None


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = ".".join(str(part) for part in first["loc"] if not isinstance(part, int)) or "record"
    return f"{loc}: {first['msg']}"


class ItemVersions:
    """The first version of every item seen in a load, to notice conflicting duplicates."""

    def __init__(self) -> None:
        self._first: dict[str, tuple[int, str]] = {}

    @staticmethod
    def summary(item: ItemRow) -> str:
        return f"{item.name!r} · {item.brand or '-'} · {item.price} · {item.category}"[:160]

    def conflict(self, item: ItemRow) -> str | None:
        """None for a new item or the same data again; else the first version's summary."""
        summary = self.summary(item)
        key = hash(summary)
        first = self._first.setdefault(item.id, (key, summary))
        return None if first[0] == key else first[1]


def validated_outfits(
    records: Iterable[tuple[str, Any]],
    report: LoadReport,
    seen: set[str],
    versions: ItemVersions | None = None,
) -> Iterator[tuple[OutfitRow, set[str]]]:
    """Validate and normalise records; rejected and duplicate ones are reported, not yielded.
    Each outfit comes with the ids of its items that conflict with their first version (they
    are linked, not rewritten)."""
    versions = versions or ItemVersions()
    for where, record in records:
        if isinstance(record, BadLine):
            report.reject(record.reason, where)
            continue
        if not isinstance(record, dict):
            report.reject("record: not a JSON object", where)
            continue
        try:
            outfit = SnapOutfit.model_validate(record)
        except ValidationError as exc:
            report.reject(_reason(exc), f"{where} id={str(record.get('outfit_id'))[:40]!r}")
            continue
        if outfit.outfit_id in seen:
            report.duplicates += 1
            continue
        seen.add(outfit.outfit_id)
        row = normalize_outfit(outfit)
        report.dropped_items += row.dropped_items
        if not row.items:
            report.reject("items: no item in a kept category", f"{where} id={outfit.outfit_id}")
            continue
        report.ignore(row.ignored, *(item.ignored for item in row.items))
        references = set()
        for item in row.items:
            first = versions.conflict(item)
            if first is not None:
                references.add(item.id)
                report.conflict(item.id, first, ItemVersions.summary(item), where)
        yield row, references


@contextmanager
def resumable(done: Callable[[], str]) -> Iterator[None]:
    """A lost database becomes DatabaseUnavailable saying how far the load got (`done()`);
    running the same load again resumes it, as every write is an idempotent MERGE."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired) as exc:
        raise DatabaseUnavailable(
            f"lost the database after {done()} ({exc}); start it and run the same command "
            "again: loading is idempotent and resumes"
        ) from None


def load_files(
    driver: Driver,
    paths: Iterable[Path],
    batch_size: int = DEFAULT_BATCH,
    progress: bool = True,
) -> LoadReport:
    """Import snap JSON files: validate, normalise, write in batches, refresh co-occurrence.

    A lost database raises DatabaseUnavailable saying how far the load got; running the same
    load again resumes it (every write is an idempotent MERGE)."""
    from tqdm import tqdm

    report = LoadReport()
    started = time.perf_counter()
    report.counts_before = graph_counts(driver)
    seen: set[str] = set()
    versions = ItemVersions()
    files = [(Path(p), read_records(Path(p))) for p in paths]
    total = sum(len(records) for _, records in files)
    writer = GraphWriter(driver, batch_size, on_reject=report.reject_outfit)
    with (
        resumable(lambda: f"{writer.written_outfits} outfits"),
        tqdm(total=total, unit="outfit", disable=not progress, desc="loading") as bar,
    ):
        for path, records in files:
            report.files.append(str(path))
            report.records += len(records)
            for row, references in validated_outfits(
                _ticking(records, bar), report, seen, versions
            ):
                writer.add_outfit(row, references)
        writer.close()
        refresh_cooccurrence(driver)
    report.outfits = writer.written_outfits
    report.items = writer.linked_items
    report.counts_after = graph_counts(driver)
    report.seconds = time.perf_counter() - started
    return report


def validated_item(
    where: str, record: Any, report: LoadReport, versions: ItemVersions
) -> ItemRow | None:
    """A catalog record validated and normalised, or None: rejected, in a dropped category, or
    a conflicting duplicate (each reported)."""
    if isinstance(record, BadLine):
        report.reject(record.reason, where)
        return None
    try:
        item = SnapItem.model_validate(record)
    except ValidationError as exc:
        report.reject(_reason(exc), where)
        return None
    row = normalize_item(item)
    if row is None:
        report.dropped_items += 1
        return None
    report.ignore(row.ignored)
    first = versions.conflict(row)
    if first is not None:
        report.conflict(row.id, first, ItemVersions.summary(row), where)
        return None
    return row


def load_catalog(driver: Driver, path: Path, batch_size: int = DEFAULT_BATCH) -> LoadReport:
    """Import a JSON list of item records (no outfits) as catalog items."""
    report = LoadReport(files=[str(path)])
    records = read_records(path)
    report.records = len(records)
    versions = ItemVersions()
    writer = GraphWriter(driver, batch_size, on_reject=report.reject_outfit)
    with resumable(lambda: f"{writer.written_items} items"):
        for where, record in records:
            row = validated_item(where, record, report, versions)
            if row is not None:
                writer.add_item(row)
        writer.close()
        refresh_cooccurrence(driver)
    report.items = writer.written_items
    return report


def _ticking(records: list[tuple[str, Any]], bar: Any) -> Iterator[tuple[str, Any]]:
    for record in records:
        yield record
        bar.update(1)
