"""Batched, idempotent writes of outfits and items into Neo4j.

Each batch (whole outfits with their items) is written in one transaction with
`UNWIND $rows ... MERGE`, so loading the same data twice changes nothing and an outfit is never
half-written.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver, ManagedTransaction

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


def graph_counts(driver: Driver) -> dict[str, int]:
    """Node counts per label and relationship counts per type."""
    records, _, _ = driver.execute_query(
        cypher.load("explore/graph_counts"), database_=database(driver)
    )
    return {key: int(value) for key, value in records[0].data().items()}
