"""A small hand-built graph for the closet tests, whose answers are computed by hand.

Every outfit has two items, so each outfit adds exactly one co-occurrence pair.

Owned by the test person: CT1 shirt|navy (top), CB1 slacks|beige (bottom), CB2 jeans|black
(bottom), CO1 coat|black (outer). Catalog pieces of the same clusters: CT2, CB3, CO2.
Candidates: CA1, CA2 t-shirt|white (top), CC1 hoodie|grey (top), CD1 jeans|blue (bottom),
CE1 jacket|khaki (outer), CF1 shorts|grey (bottom), CW1 sneakers|white (shoes).

Co-occurrence (outfits):
    shirt|navy–slacks|beige 3   shirt|navy–jeans|black 1   shirt|navy–coat|black 2
    slacks|beige–coat|black 1   (jeans|black–coat|black: none)
    t-shirt|white–slacks|beige 1, –jeans|black 1, –coat|black 1
    jeans|blue–shirt|navy 2, –coat|black 2
    hoodie|grey–slacks|beige 1, –jeans|black 1
    jacket|khaki–shirt|navy 1, –jeans|black 1
    shorts|grey–coat|black 1
    sneakers|white–shirt|navy 1, –slacks|beige 1, –coat|black 1

Wearable outfits of the closet (by hand): {CT1, CB1} (also a real outfit), {CT1, CB2},
{CT1, CB1, CO1} → 3. New outfits per candidate: t-shirt|white 3 ({A,CB1}, {A,CB2},
{A,CB1,CO1}); jeans|blue 2 ({CT1,D}, {CT1,D,CO1}); hoodie|grey 2; jacket|khaki 1
({CT1,CB2,E}); shorts|grey 0 (pairs only with the coat). jeans|blue ranks before hoodie|grey
(same gain and owned partners, more co-occurrence: 4 against 2).
No real outfit holds shirt|navy + slacks|beige + coat|black: complete-the-look composes it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support import handbuilt

# id: (raw MUSINSA category, name, mid class, colour, price)
ITEMS: dict[str, tuple[str, str, str, str, int]] = {
    "CT1": ("상의", "Navy Oxford Shirt", "shirt", "navy", 39000),
    "CT2": ("상의", "Navy Linen Shirt", "shirt", "navy", 45000),
    "CB1": ("하의", "Beige Wide Slacks", "slacks", "beige", 59000),
    "CB3": ("하의", "Beige Pleated Slacks", "slacks", "beige", 62000),
    "CB2": ("하의", "Black Denim Jeans", "jeans", "black", 69000),
    "CO1": ("아우터", "Black Wool Coat", "coat", "black", 199000),
    "CO2": ("아우터", "Black Long Coat", "coat", "black", 259000),
    "CA1": ("상의", "White Crew T-Shirt", "t-shirt", "white", 19000),
    "CA2": ("상의", "White Pocket T-Shirt", "t-shirt", "white", 29000),
    "CC1": ("상의", "Grey Hoodie", "hoodie", "grey", 52000),
    "CD1": ("하의", "Blue Straight Jeans", "jeans", "blue", 79000),
    "CE1": ("아우터", "Khaki Field Jacket", "jacket", "khaki", 129000),
    "CF1": ("하의", "Grey Sweat Shorts", "shorts", "grey", 29000),
    "CW1": ("신발", "White Leather Sneakers", "sneakers", "white", 89000),
}

OUTFITS: dict[str, list[str]] = {
    "8000001": ["CT1", "CB1"],
    "8000002": ["CT2", "CB1"],
    "8000003": ["CT2", "CB3"],
    "8000004": ["CT2", "CB2"],
    "8000005": ["CT2", "CO1"],
    "8000006": ["CT1", "CO2"],
    "8000007": ["CB3", "CO2"],
    "8000008": ["CA1", "CB3"],
    "8000009": ["CA1", "CB2"],
    "8000010": ["CA2", "CO2"],
    "8000011": ["CT2", "CD1"],
    "8000012": ["CT1", "CD1"],
    "8000013": ["CD1", "CO2"],
    "8000014": ["CD1", "CO1"],
    "8000015": ["CC1", "CB3"],
    "8000016": ["CC1", "CB2"],
    "8000017": ["CT2", "CE1"],
    "8000018": ["CB2", "CE1"],
    "8000019": ["CF1", "CO2"],
    "8000020": ["CW1", "CT2"],
    "8000021": ["CW1", "CB3"],
    "8000022": ["CW1", "CO2"],
}

OWNED = ["CT1", "CB1", "CB2", "CO1"]


def outfit_records() -> list[dict[str, Any]]:
    """The snap outfit records of OUTFITS."""
    return handbuilt.outfit_records(ITEMS, OUTFITS, "Closet", "hand-built closet test outfit")


def load_closet_graph(driver: Any, folder: Path) -> None:
    """Wipe the graph and load the hand-built outfits."""
    from graph.db.connection import run
    from graph.db.schema import apply_schema
    from graph.ingest.loader import load_files

    run(driver, "maintenance/wipe")
    apply_schema(driver)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "closet-outfits.json"
    path.write_text(json.dumps(outfit_records(), ensure_ascii=False), encoding="utf-8")
    report = load_files(driver, [path], progress=False)
    assert report.outfits == len(OUTFITS), report
    assert not report.rejected, report
