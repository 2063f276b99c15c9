"""The items the spiders yield: snap-file records, exported as-is by `-O out.json`.

Both are plain dicts in the snap JSON format (../shared/data/musinsa-snap-2025/README.md) plus
extra fields; the pipelines attach the validated model and the normalised graph row as
attributes, which feed exports do not see.
"""

from __future__ import annotations

from typing import Any


class OutfitRecord(dict):
    """One snap (outfit) with its tagged goods, in the snap file format."""

    model: Any = None
    row: Any = None


class ProductRecord(dict):
    """One product page, as a snap-file item record with extra properties."""

    model: Any = None
    row: Any = None
