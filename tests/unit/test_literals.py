"""The keyword prefilter never misses a keyword: every literal that occurs in a text is among
its candidates (so the taxonomy and colour readers give the same answers, only faster)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from enrich.colors import _compiled
from enrich.literals import LiteralIndex
from enrich.taxonomy import _matchers

KEYWORDS = sorted({lit for lit, *_ in _matchers()} | {lit for lit, _, _ in _compiled()})
INDEX = LiteralIndex(KEYWORDS)
pieces = st.sampled_from([*KEYWORDS, " ", "-", "오버핏", "heavy", "24ss", "x"])


@given(st.lists(pieces, max_size=8).map("".join))
def test_every_occurring_literal_is_a_candidate(text: str) -> None:
    present = {n for n, literal in enumerate(KEYWORDS) if literal in text}
    assert present <= set(INDEX.candidates(text))


def test_candidates_are_few_and_in_order() -> None:
    found = INDEX.candidates("heavy oxford shirt navy")
    assert found == sorted(found)
    assert len(found) < len(KEYWORDS) / 10
    assert KEYWORDS.index("shirt") in found
    assert LiteralIndex(["", "ab"]).candidates("zz") == [0]  # an empty literal is always one
