"""The demo's API client: clear errors a person can act on, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import pytest

from core.settings import Settings
from demo.api_client import ApiClient, ApiError, ApiUnavailable
from graph.db.server import free_port
from tests.support.api_server import serve_api


def test_unreachable_api_says_where_and_what_to_run() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with ApiClient(url, timeout=5) as client, pytest.raises(ApiUnavailable) as caught:
        client.health()
    message = str(caught.value)
    assert url in message
    assert "not reachable" in message
    assert "closet serve" in message


def test_refused_request_reports_the_field() -> None:
    # a real API whose database is not there: request validation still answers (422)
    dead = Settings(neo4j_uri=f"bolt://127.0.0.1:{free_port()}", neo4j_password="unused")
    with serve_api(dead) as url, ApiClient(url) as client:
        with pytest.raises(ApiError) as caught:
            client.search("shirt", limit=1000)
        assert caught.value.status == 422
        assert "limit" in str(caught.value)
        assert "refused the request" in str(caught.value)
        with pytest.raises(ApiError) as caught:
            client.search("shirt", color="NOT A COLOUR")
        assert caught.value.status == 422
        assert "color" in str(caught.value)
