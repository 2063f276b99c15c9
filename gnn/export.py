"""Export the subgraph LightGCN learns on from Neo4j, streamed page by page (memory bounded).

Items (with content fields and cluster) and outfits (with item ids) are read with keyset
pagination (`WHERE id > $after ORDER BY id LIMIT $limit`), so no query returns more than one
page; optional positive feedback ((:Person)-[:LIKED|PICKED]->(:Item)) is read the same way.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field

from neo4j import Driver

from core.records import Item, item_from_row
from graph.db.connection import read

DEFAULT_PAGE = 2000


@dataclass
class ExportedOutfit:
    """An outfit's id, style/season/gender and item ids."""

    id: str
    items: list[str]
    style: str | None = None
    season: str | None = None
    gender: str | None = None


@dataclass
class GraphExport:
    """What `closet train` learns from: items, outfits and (optionally) feedback groups."""

    items: list[Item]
    outfits: list[ExportedOutfit]
    feedback: list[list[str]] = field(default_factory=list)

    def item_index(self) -> dict[str, int]:
        return {item.id: n for n, item in enumerate(self.items)}

    def fingerprint(self, **options: object) -> str:
        """A digest of everything training reads (items, outfits, feedback) and the training
        options: equal digests mean a retrain would learn from the same graph."""
        digest = hashlib.sha256()
        digest.update(json.dumps(options, sort_keys=True, default=str).encode())
        for item in sorted(self.items, key=lambda it: it.id):
            digest.update(item.model_dump_json().encode())
        for outfit in sorted(self.outfits, key=lambda o: o.id):
            row = [outfit.id, sorted(outfit.items), outfit.style, outfit.season, outfit.gender]
            digest.update(json.dumps(row).encode())
        for group in sorted(sorted(g) for g in self.feedback):
            digest.update(json.dumps(group).encode())
        return digest.hexdigest()[:32]


def pages(driver: Driver, query: str, key: str, page_size: int = DEFAULT_PAGE) -> Iterator[dict]:
    """Stream the rows of a keyset-paginated query (`$after`, `$limit`) one page at a time."""
    after = ""
    while True:
        rows = read(driver, query, after=after, limit=page_size)
        yield from rows
        if len(rows) < page_size:
            return
        after = rows[-1][key]


def export_graph(
    driver: Driver, page_size: int = DEFAULT_PAGE, feedback: bool = False
) -> GraphExport:
    """Read items, outfits (and feedback when asked) from Neo4j."""
    items = [item_from_row(row) for row in pages(driver, "gnn/export_items", "id", page_size)]
    outfits = [
        ExportedOutfit(
            id=row["id"],
            items=[i for i in row["items"] if i is not None],
            style=row.get("style"),
            season=row.get("season"),
            gender=row.get("gender"),
        )
        for row in pages(driver, "gnn/export_outfits", "id", page_size)
    ]
    groups: list[list[str]] = []
    if feedback:
        groups = [row["items"] for row in pages(driver, "gnn/export_feedback", "key", page_size)]
    return GraphExport(items, outfits, groups)
