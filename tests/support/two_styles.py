"""A two-style synthetic catalog (formal and street pieces, worn within their style) on which a
trained model must separate the styles, and a fast training configuration for it."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

from gnn.closet_train import CLOSET_DEFAULTS

# Two styles; each has its own tops, bottoms and outers (explicit mid class and colour).
STYLES = {
    "formal": {
        "상의": [("Navy Oxford Shirt", "shirt", "navy"), ("White Oxford Shirt", "shirt", "white")],
        "하의": [("Grey Wool Slacks", "slacks", "grey"), ("Black Wool Slacks", "slacks", "black")],
        "아우터": [("Navy Wool Blazer", "blazer", "navy")],
    },
    "street": {
        "상의": [
            ("Grey Cotton Hoodie", "hoodie", "grey"),
            ("Black Logo Tshirt", "t-shirt", "black"),
        ],
        "하의": [("Blue Denim Jeans", "jeans", "blue"), ("Khaki Cargo Pants", "cargo", "khaki")],
        "아우터": [("Black Nylon Jacket", "jacket", "black")],
    },
}


# How MUSINSA would label each style's outfits (minimal, street once normalised).
LABELS = {"formal": "미니멀", "street": "스트릿"}


def item(style: str, cat: str, kind: int, copy: int) -> dict[str, Any]:
    name, mid, color = STYLES[style][cat][kind]
    code = {"formal": 1, "street": 2}[style] * 10000 + ["상의", "하의", "아우터"].index(cat) * 1000
    return {
        "item_id": str(code + kind * 100 + copy),
        "category": cat,
        "brand": f"{style} lab",
        "name": f"{name} {copy:02d}",
        "price": 40000 + 1000 * copy,
        "mid_class": mid,
        "color": color,
    }


def outfits(n: int, seed: int = 0, copies: int = 4) -> list[dict[str, Any]]:
    """Outfits of one style each: a top, a bottom and sometimes an outer of that style."""
    rng = random.Random(seed)
    out = []
    for k in range(n):
        style = rng.choice(list(STYLES))
        cats = ["상의", "하의"] + (["아우터"] if rng.random() < 0.4 else [])
        items = [
            item(style, c, rng.randrange(len(STYLES[style][c])), rng.randrange(copies))
            for c in cats
        ]
        out.append(
            {
                "outfit_id": str(700000 + k),
                "gender": "MALE",
                "items": items,
                "style": LABELS[style],
                "season": "봄",
            }
        )
    return out


FAST = replace(CLOSET_DEFAULTS, epochs=40, eval_every=5, patience=3, embedding_dim=16, lr=0.02)
