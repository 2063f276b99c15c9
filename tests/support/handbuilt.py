"""Snap records for the small hand-built test graphs (tests/spine_data.py, tests/closet_data.py).

Items are given as {id: (category, name, mid_class, colour, price)}; the explicit mid class and
colour fields are kept by the importer, so each test graph's clusters are known by construction.
"""

from __future__ import annotations

from typing import Any

ItemTable = dict[str, tuple[str, str, str, str, int]]


def item_record(
    items: ItemTable, item_id: str, brand: str, position: int | None = None
) -> dict[str, Any]:
    """The snap record of one item of a table."""
    category, name, mid, color, price = items[item_id]
    record: dict[str, Any] = {
        "item_id": item_id,
        "category": category,
        "brand": brand,
        "name": name,
        "price": price,
        "mid_class": mid,
        "color": color,
        "purchase_url": f"https://example.test/goods/{item_id}",
        "image_urls": [],
    }
    if position is not None:
        record["position"] = position
    return record


def outfit_records(
    items: ItemTable, outfits: dict[str, list[str]], brand: str, description: str
) -> list[dict[str, Any]]:
    """The snap outfit records of {outfit id: [item id, ...]}."""
    return [
        {
            "outfit_id": outfit_id,
            "gender": "MALE",
            "detail_url": f"https://example.test/snap/{outfit_id}",
            "items": [item_record(items, i, brand, pos) for pos, i in enumerate(members, start=1)],
            "season": "봄",
            "style": "캐주얼",
            "description": description,
        }
        for outfit_id, members in outfits.items()
    ]
