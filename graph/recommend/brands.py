"""Brand control: recommend any brand, only the owned pieces' brands, or only other brands.

A person who owns clothes from many shops asks for the other brands; "same brand" is what a
brand's own shoots suggest. Items without a brand count as another brand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from core.vocabulary import BRAND_MODES


@dataclass(frozen=True)
class BrandFilter:
    """Which candidates a brand mode keeps, given the owned pieces' brands."""

    mode: str = "any"
    own: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.mode not in BRAND_MODES:
            raise ValueError(f"brands must be one of {', '.join(BRAND_MODES)}, not {self.mode!r}")

    @classmethod
    def of(cls, mode: str, owned: Iterable[dict[str, Any]]) -> BrandFilter:
        """The filter of `mode` for these owned items (their brands, unbranded ones ignored)."""
        return cls(mode, tuple(sorted({str(i["brand"]) for i in owned if i.get("brand")})))

    def keeps(self, brand: str | None) -> bool:
        """True when a candidate of `brand` may be recommended (the Cypher filters the same)."""
        if self.mode == "any":
            return True
        return (self.mode == "same") == ((brand or "") in self.own)

    def params(self) -> dict[str, Any]:
        """The query parameters `$brands` and `$own_brands`."""
        return {"brands": self.mode, "own_brands": list(self.own)}


ANY_BRAND = BrandFilter()
