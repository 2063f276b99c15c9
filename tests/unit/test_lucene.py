"""Free text becomes a safe Lucene query: every word required, syntax escaped, no injection."""

from __future__ import annotations

import pytest

from api.lucene import MAX_TERMS, to_lucene


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("navy shirt", "+navy +(shirt OR shirt*)"),  # the last word also as a prefix
        ("셔츠", "+셔츠"),  # no prefix form for CJK: the CJK analyser matches substrings
        ("a:b", "+a\\:b"),
        ('Nike "air', '+Nike +\\"air'),
        ("***", "+\\*\\*\\*"),
        ("AND or", "+and +(or OR or*)"),  # Lucene's operators become plain words
    ],
)
def test_queries(text: str, query: str) -> None:
    assert to_lucene(text) == query


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_text_is_no_query(text: str) -> None:
    assert to_lucene(text) is None


def test_at_most_max_terms_words() -> None:
    query = to_lucene("x " * (MAX_TERMS + 8))
    assert query is not None
    assert query.count("+") == MAX_TERMS
