"""Batched, idempotent writes of outfits and items into Neo4j, and the snap-file importer.

Each batch (whole outfits with their items) is written in one transaction with
`UNWIND $rows ... MERGE`, so loading the same data twice changes nothing and an outfit is never
half-written.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from neo4j import Driver, ManagedTransaction
from pydantic import ValidationError

import cypher
from closet.normalize import ItemRow, OutfitRow, normalize_item, normalize_outfit
from core.records import SnapItem, SnapOutfit
from graph.connection import database

DEFAULT_BATCH = 500


def item_params(item: ItemRow) -> dict[str, Any]:
    """The parameters of one row of cypher/load/items.cypher."""
    props = {
        "name": item.name,
        "brand": item.brand,
        "price": item.price,
        "category": item.category,
        "mid_class": item.mid_class,
        "color": item.color,
        "url": item.url,
        "image_url": item.image_url,
        **item.extra,
    }
    return {
        "id": item.id,
        "props": props,
        "brand": item.brand,
        "cluster": item.cluster,
        "mid_class": item.mid_class,
        "color": item.color or "unknown",
    }


def outfit_params(outfit: OutfitRow) -> dict[str, Any]:
    """The parameters of one row of cypher/load/outfits.cypher."""
    props = {
        "style": outfit.style,
        "season": outfit.season,
        "gender": outfit.gender,
        "url": outfit.url,
        "image_url": outfit.image_url,
        "description": outfit.description,
        **outfit.extra,
    }
    return {
        "id": outfit.id,
        "props": props,
        "items": [
            {"id": it.id, "position": pos}
            for it, pos in zip(outfit.items, outfit.positions, strict=True)
        ],
        "tags": outfit.tags,
    }


class GraphWriter:
    """Buffers outfits and items, writing them in batches of whole outfits, one transaction each."""

    def __init__(self, driver: Driver, batch_size: int = DEFAULT_BATCH) -> None:
        self.driver = driver
        self.batch_size = max(1, batch_size)
        self._items: dict[str, dict[str, Any]] = {}
        self._outfits: dict[str, dict[str, Any]] = {}
        self.written_items = 0
        self.written_outfits = 0

    def add_item(self, item: ItemRow) -> None:
        """Queue an item (without outfit, e.g. a catalog product)."""
        self._queue_item(item)
        self._maybe_flush()

    def add_outfit(self, outfit: OutfitRow) -> None:
        """Queue an outfit with its items."""
        for item in outfit.items:
            self._queue_item(item)
        self._outfits[outfit.id] = outfit_params(outfit)
        self._maybe_flush()

    def _queue_item(self, item: ItemRow) -> None:
        """Queue an item; a second row for the same id in a batch adds to the first's properties."""
        row = item_params(item)
        queued = self._items.get(item.id)
        if queued is not None:
            kept = {key: value for key, value in row["props"].items() if value is not None}
            row["props"] = {**queued["props"], **kept}
        self._items[item.id] = row

    def _maybe_flush(self) -> None:
        if len(self._outfits) >= self.batch_size or len(self._items) >= 4 * self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write what is queued, in one transaction."""
        if not self._items and not self._outfits:
            return
        items, outfits = list(self._items.values()), list(self._outfits.values())
        with self.driver.session(database=database(self.driver)) as session:
            session.execute_write(_write_batch, items, outfits)
        self.written_items += len(items)
        self.written_outfits += len(outfits)
        self._items.clear()
        self._outfits.clear()

    def close(self) -> None:
        """Flush what is left."""
        self.flush()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()


def _write_batch(
    tx: ManagedTransaction, items: list[dict[str, Any]], outfits: list[dict[str, Any]]
) -> None:
    if items:
        tx.run(cypher.load("load/items"), rows=items).consume()
    if outfits:
        tx.run(cypher.load("load/outfits"), rows=outfits).consume()
    tx.run(cypher.load("load/item_popularity"), ids=[row["id"] for row in items]).consume()


def refresh_cooccurrence(driver: Driver) -> dict[str, int]:
    """Recompute PAIRS_WITH and the per-cluster counts; drop clusters left without items."""
    stamp = time.time_ns()
    db = database(driver)
    _, summary, _ = driver.execute_query(
        cypher.load("maintenance/cooccurrence"), stamp=stamp, database_=db
    )
    driver.execute_query(cypher.load("maintenance/cooccurrence_prune"), stamp=stamp, database_=db)
    driver.execute_query(cypher.load("maintenance/cluster_stats"), database_=db)
    return {
        "pairs": graph_counts(driver)["PAIRS_WITH"],
        "pairs_created": summary.counters.relationships_created,
    }


# --------------------------------------------------------------------------- the importer


class InputError(ValueError):
    """A file that cannot be read as snap JSON at all (the message says why)."""


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


def graph_counts(driver: Driver) -> dict[str, int]:
    """Node counts per label and relationship counts per type."""
    records, _, _ = driver.execute_query(
        cypher.load("explore/graph_counts"), database_=database(driver)
    )
    return {key: int(value) for key, value in records[0].data().items()}


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
