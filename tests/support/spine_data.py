"""A small hand-built outfit graph whose recommendations are known by construction.

Every item carries its mid class and colour explicitly (the importer keeps `mid_class` / `color`
given in a record), so the clusters do not depend on the name heuristics of `enrich`.

Clusters and outfits:

    S1, S2 shirt|navy (top)       B1, B2 chinos|beige (bottom)   J1 jeans|black (bottom)
    T1 shirt|white (top)          K1 slacks|grey (bottom)        W1 sneakers|white (shoes)
    H1 hoodie|grey (top)          Z1 blazer|navy (outer)
    P1 shirt|pink (top, catalog only: its cluster pairs with nothing)
    Q1 polo|navy (top, catalog only: no polo cluster pairs with anything)

    O1 S1 B1 W1   O2 S1 B2 W1   O3 S2 B1   O4 S2 J1   O5 S1 Z1 B1
    O6 T1 K1      O7 T1 J1      O8 H1 J1   O9 H1 J1

Co-occurrence (distinct outfits): shirt|navy–chinos|beige 4, shirt|navy–sneakers|white 2,
shirt|navy–jeans|black 1, shirt|navy–blazer|navy 1, shirt|white–slacks|grey 1,
shirt|white–jeans|black 1, hoodie|grey–jeans|black 2, chinos|beige–sneakers|white 2,
chinos|beige–blazer|navy 1. Popularity (outfits per item): J1 4, S1 3, B1 3, others 1-2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support import handbuilt

# id: (raw MUSINSA category, name, mid class, colour, price)
ITEMS: dict[str, tuple[str, str, str, str, int]] = {
    "S1": ("상의", "Navy Oxford Shirt", "shirt", "navy", 39000),
    "S2": ("상의", "Navy Linen Shirt", "shirt", "navy", 45000),
    "T1": ("상의", "White Oxford Shirt", "shirt", "white", 39000),
    "H1": ("상의", "오버핏 그레이 후드티", "hoodie", "grey", 52000),
    "B1": ("하의", "Beige Chino Pants", "chinos", "beige", 49000),
    "B2": ("하의", "Beige Cotton Chinos", "chinos", "beige", 55000),
    "J1": ("하의", "Black Denim Jeans", "jeans", "black", 69000),
    "K1": ("하의", "Grey Wide Slacks", "slacks", "grey", 59000),
    "W1": ("신발", "White Leather Sneakers", "sneakers", "white", 89000),
    "Z1": ("아우터", "Navy Wool Blazer", "blazer", "navy", 159000),
    "P1": ("상의", "Pink Oxford Shirt", "shirt", "pink", 39000),
    "Q1": ("상의", "Navy Pique Polo", "polo", "navy", 35000),
}

OUTFITS: dict[str, list[str]] = {
    "9000001": ["S1", "B1", "W1"],
    "9000002": ["S1", "B2", "W1"],
    "9000003": ["S2", "B1"],
    "9000004": ["S2", "J1"],
    "9000005": ["S1", "Z1", "B1"],
    "9000006": ["T1", "K1"],
    "9000007": ["T1", "J1"],
    "9000008": ["H1", "J1"],
    "9000009": ["H1", "J1"],
}

CATALOG_ONLY = ("P1", "Q1")


def item_record(item_id: str, position: int | None = None) -> dict[str, Any]:
    """The snap record of one item of ITEMS."""
    return handbuilt.item_record(ITEMS, item_id, "Spine", position)


def outfit_records() -> list[dict[str, Any]]:
    """The snap outfit records of OUTFITS."""
    return handbuilt.outfit_records(ITEMS, OUTFITS, "Spine", "hand-built test outfit #spine #test")


def catalog_records() -> list[dict[str, Any]]:
    """The catalog-only items (in no outfit)."""
    return [item_record(i) for i in CATALOG_ONLY]


def write_spine_files(folder: Path) -> tuple[Path, Path]:
    """Write outfits.json and catalog.json into folder; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    outfits = folder / "spine-outfits.json"
    catalog = folder / "spine-catalog.json"
    outfits.write_text(json.dumps(outfit_records(), ensure_ascii=False), encoding="utf-8")
    catalog.write_text(json.dumps(catalog_records(), ensure_ascii=False), encoding="utf-8")
    return outfits, catalog


def load_spine_graph(driver: Any, folder: Path) -> None:
    """Wipe the graph and load the hand-built outfits and catalog items."""
    from graph.db.connection import run
    from graph.db.schema import apply_schema
    from graph.ingest.loader import load_catalog, load_files

    run(driver, "maintenance/wipe")
    apply_schema(driver)
    outfits, catalog = write_spine_files(folder)
    report = load_files(driver, [outfits], progress=False)
    assert report.outfits == len(OUTFITS), report
    assert not report.rejected, report
    load_catalog(driver, catalog)
