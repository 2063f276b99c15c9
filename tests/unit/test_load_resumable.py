"""A database lost mid-load ends with how far the load got and how to resume, not a
traceback (graph.ingest.loader.resumable)."""

from __future__ import annotations

import pytest
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from core.errors import DatabaseUnavailable
from graph.ingest.loader import resumable


@pytest.mark.parametrize("lost", [ServiceUnavailable("gone"), SessionExpired("expired")])
def test_a_lost_database_says_how_far_the_load_got(lost: Exception) -> None:
    done = {"outfits": 1500}
    with (
        pytest.raises(DatabaseUnavailable) as caught,
        resumable(lambda: f"{done['outfits']} outfits"),
    ):
        raise lost
    message = str(caught.value)
    assert "lost the database after 1500 outfits" in message
    assert "run the same command again" in message


def test_other_errors_pass_through() -> None:
    with pytest.raises(KeyError), resumable(lambda: "0 outfits"):
        raise KeyError("not a database problem")
