"""Every Cypher query of the project, one `.cypher` file each.

`load("recommend/by_item")` returns the text of `cypher/recommend/by_item.cypher`.
Queries are always parameterised ($name); values are never formatted into them.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent


@cache
def load(name: str) -> str:
    """Return the text of the named query (path below cypher/, without `.cypher`)."""
    path = (ROOT / f"{name}.cypher").resolve()
    if ROOT not in path.parents or not path.is_file():
        raise KeyError(f"no Cypher query named {name!r} in {ROOT}")
    return path.read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """Split a multi-statement file (schema, maintenance) on `;` at line ends."""
    text = "\n".join(line for line in load(name).splitlines() if not line.strip().startswith("//"))
    return [part.strip() for part in re.split(r";\s*(?:\n|$)", text) if part.strip()]
