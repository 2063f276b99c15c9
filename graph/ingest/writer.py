"""Batched, idempotent writes of outfits and items into Neo4j.

Each batch (whole outfits with their items) is written in one transaction with
`UNWIND $rows ... MERGE`, so loading the same data twice changes nothing and an outfit is never
half-written. A batch the database refuses is split until the refused outfit is alone.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ClientError, CypherTypeError

import cypher
from graph.db.connection import database
from graph.ingest.normalize import ItemRow, OutfitRow

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


Unit = tuple[dict[str, Any] | None, list[dict[str, Any]]]  # (outfit row or None, item rows)


class GraphWriter:
    """Buffers outfits and items, writing them in batches of whole outfits, one transaction each.

    When the database refuses a batch (a value it cannot store, say), the batch is split in
    halves and retried until the refused outfit (or catalog item) is alone; that one is passed
    to `on_reject(id, reason)` and everything else is written. Without `on_reject` the error
    propagates."""

    def __init__(
        self,
        driver: Driver,
        batch_size: int = DEFAULT_BATCH,
        on_reject: Callable[[str, str], None] | None = None,
    ) -> None:
        self.driver = driver
        self.batch_size = max(1, batch_size)
        self.on_reject = on_reject
        self._items: dict[str, dict[str, Any]] = {}
        self._outfits: dict[str, dict[str, Any]] = {}
        self.written_items = 0
        self.written_outfits = 0
        self.linked_items = 0

    def add_item(self, item: ItemRow) -> None:
        """Queue an item (without outfit, e.g. a catalog product)."""
        self._queue_item(item)
        self._maybe_flush()

    def add_outfit(self, outfit: OutfitRow, references: Collection[str] = ()) -> None:
        """Queue an outfit with its items; `references` are linked but not rewritten (an item
        whose first version, already queued or written, wins)."""
        for item in outfit.items:
            if item.id not in references:
                self._queue_item(item)
        self._outfits[outfit.id] = outfit_params(outfit)
        self._maybe_flush()

    def _queue_item(self, item: ItemRow) -> None:
        """Queue an item; a second row for the same id in a batch fills only what the first
        left empty (the first version wins)."""
        row = item_params(item)
        queued = self._items.get(item.id)
        if queued is not None:
            added = {k: v for k, v in row["props"].items() if queued["props"].get(k) is None}
            row = {**queued, "props": {**queued["props"], **added}}
        self._items[item.id] = row

    def _maybe_flush(self) -> None:
        if len(self._outfits) >= self.batch_size or len(self._items) >= 4 * self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write what is queued, in one transaction (split when the database refuses it)."""
        if not self._items and not self._outfits:
            return
        units: list[Unit] = []
        linked: set[str] = set()
        for outfit in self._outfits.values():
            ids = [it["id"] for it in outfit["items"]]
            units.append((outfit, [self._items[i] for i in ids if i in self._items]))
            linked.update(ids)
        units += [(None, [row]) for item_id, row in self._items.items() if item_id not in linked]
        self._items.clear()
        self._outfits.clear()
        self._write(units)

    def _write(self, units: list[Unit]) -> None:
        items = list({row["id"]: row for _, rows in units for row in rows}.values())
        outfits = [outfit for outfit, _ in units if outfit is not None]
        try:
            with self.driver.session(database=database(self.driver)) as session:
                session.execute_write(_write_batch, items, outfits)
        except (ClientError, CypherTypeError) as exc:
            if self.on_reject is None:
                raise
            if len(units) > 1:
                half = len(units) // 2
                self._write(units[:half])
                self._write(units[half:])
                return
            outfit, rows = units[0]
            self.on_reject(str((outfit or rows[0])["id"]), _short(exc))
            return
        self.written_items += len(items)
        self.written_outfits += len(outfits)
        self.linked_items += sum(len(outfit["items"]) for outfit in outfits)

    def close(self) -> None:
        """Flush what is left."""
        self.flush()

    def __enter__(self) -> GraphWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None:
            self.close()


def _short(exc: Exception) -> str:
    """The database's reason, on one line, bounded."""
    message = getattr(exc, "message", None) or str(exc)
    return " ".join(str(message).split())[:200]


def _write_batch(
    tx: ManagedTransaction, items: list[dict[str, Any]], outfits: list[dict[str, Any]]
) -> None:
    if items:
        tx.run(cypher.load("load/items"), rows=items).consume()
    if outfits:
        tx.run(cypher.load("load/outfits"), rows=outfits).consume()
    tx.run(cypher.load("load/item_popularity"), ids=[row["id"] for row in items]).consume()


def graph_counts(driver: Driver) -> dict[str, int]:
    """Node counts per label and relationship counts per type."""
    records, _, _ = driver.execute_query(
        cypher.load("explore/graph_counts"), database_=database(driver)
    )
    return {key: int(value) for key, value in records[0].data().items()}
