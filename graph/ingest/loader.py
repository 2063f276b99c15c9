"""The snap-file importer: read, validate and write records, and report what happened.

Records are validated with the record model (`core.records`); bad records are skipped and
counted with their reason; whole outfits are written in batches by `graph.ingest.writer`, then
co-occurrence is refreshed.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver
from pydantic import ValidationError

from core.errors import InputError
from core.records import SnapItem, SnapOutfit
from graph.ingest.cooccurrence import refresh_cooccurrence
from graph.ingest.normalize import OutfitRow, normalize_item, normalize_outfit
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
    seconds: float = 0.0
    counts_before: dict[str, int] = field(default_factory=dict)
    counts_after: dict[str, int] = field(default_factory=dict)

    def reject(self, reason: str, where: str) -> None:
        self.rejected[reason] += 1
        examples = self.examples.setdefault(reason, [])
        if len(examples) < 3:
            examples.append(where)

    def created(self) -> dict[str, int]:
        """Nodes and relationships added by this load, per label / type."""
        return {
            key: self.counts_after.get(key, 0) - self.counts_before.get(key, 0)
            for key in self.counts_after
        }


def read_records(path: Path) -> list[Any]:
    """The list of records in a snap JSON file (a JSON list, or JSON lines)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    stripped = text.lstrip()
    if not stripped:
        raise InputError(f"{path}: empty file")
    try:
        if stripped.startswith("["):
            data = json.loads(text)
        else:
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        if not stripped.startswith("[") and _is_json(text):
            raise InputError(
                f"{path}: expected a JSON list of outfits (or one outfit per line), "
                "got a single JSON value over several lines"
            ) from None
        raise InputError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a JSON list of outfits")
    return data


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    loc = ".".join(str(part) for part in first["loc"] if not isinstance(part, int)) or "record"
    return f"{loc}: {first['msg']}"


def validated_outfits(
    records: Iterable[Any], report: LoadReport, source: str, seen: set[str]
) -> Iterator[OutfitRow]:
    """Validate and normalise records; rejected and duplicate ones are reported, not yielded."""
    for index, record in enumerate(records):
        where = f"{source}[{index}]"
        if not isinstance(record, dict):
            report.reject("record: not a JSON object", where)
            continue
        try:
            outfit = SnapOutfit.model_validate(record)
        except ValidationError as exc:
            report.reject(_reason(exc), f"{where} id={record.get('outfit_id')!r}")
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
        yield row


def load_files(
    driver: Driver,
    paths: Iterable[Path],
    batch_size: int = DEFAULT_BATCH,
    progress: bool = True,
) -> LoadReport:
    """Import snap JSON files: validate, normalise, write in batches, refresh co-occurrence."""
    from tqdm import tqdm

    report = LoadReport()
    started = time.perf_counter()
    report.counts_before = graph_counts(driver)
    seen: set[str] = set()
    files = [(Path(p), read_records(Path(p))) for p in paths]
    total = sum(len(records) for _, records in files)
    with (
        GraphWriter(driver, batch_size) as writer,
        tqdm(total=total, unit="outfit", disable=not progress, desc="loading") as bar,
    ):
        for path, records in files:
            report.files.append(str(path))
            report.records += len(records)
            for row in validated_outfits(_ticking(records, bar), report, path.name, seen):
                writer.add_outfit(row)
                report.outfits += 1
                report.items += len(row.items)
    refresh_cooccurrence(driver)
    report.counts_after = graph_counts(driver)
    report.seconds = time.perf_counter() - started
    return report


def load_catalog(driver: Driver, path: Path, batch_size: int = DEFAULT_BATCH) -> LoadReport:
    """Import a JSON list of item records (no outfits) as catalog items."""
    report = LoadReport(files=[str(path)])
    records = read_records(path)
    report.records = len(records)
    with GraphWriter(driver, batch_size) as writer:
        for index, record in enumerate(records):
            try:
                item = SnapItem.model_validate(record)
            except ValidationError as exc:
                report.reject(_reason(exc), f"{path.name}[{index}]")
                continue
            row = normalize_item(item)
            if row is None:
                report.dropped_items += 1
                continue
            writer.add_item(row)
            report.items += 1
    refresh_cooccurrence(driver)
    return report


def _ticking(records: list[Any], bar: Any) -> Iterator[Any]:
    for record in records:
        yield record
        bar.update(1)
