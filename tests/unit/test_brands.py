"""Which candidates a brand mode keeps (the rule the Cypher filters apply), without a database."""

from __future__ import annotations

import pytest

from graph.recommend.brands import ANY_BRAND, BrandFilter


def test_modes_keep_what_they_say() -> None:
    owned = [{"brand": "acme"}, {"brand": "zen"}, {"brand": None}, {}]
    same, other = BrandFilter.of("same", owned), BrandFilter.of("other", owned)
    assert same.own == ("acme", "zen")  # unbranded pieces add no brand
    assert [same.keeps(b) for b in ("acme", "zen", "else", None)] == [True, True, False, False]
    assert [other.keeps(b) for b in ("acme", "zen", "else", None)] == [False, False, True, True]
    assert ANY_BRAND.keeps("acme")
    assert ANY_BRAND.keeps(None)
    assert other.params() == {"brands": "other", "own_brands": ["acme", "zen"]}


def test_unknown_modes_are_refused() -> None:
    with pytest.raises(ValueError, match="brands must be one of any, same, other, not 'mixed'"):
        BrandFilter("mixed")
