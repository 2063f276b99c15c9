"""POST /closets/{id}/items/photo over real HTTP: a generated garment photo is described
(colour family, a category to confirm) without storing anything, then added once confirmed,
in the right cluster; only a thumbnail is ever kept, and only when asked. A file that is not a
photo, one too large and a cut-off JPEG each get a 4xx and change nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator

import httpx
import numpy as np
import pytest
from neo4j import Driver

from core.settings import Settings
from enrich.synthetic import render
from tests.support.api_server import sample_api


@pytest.fixture(scope="module")
def api(driver: Driver, neo4j_settings: Settings) -> Iterator[httpx.Client]:
    with sample_api(driver, neo4j_settings) as http:
        yield http


@pytest.fixture
def closet(api: httpx.Client) -> tuple[str, dict[str, str]]:
    made = api.post("/closets", json={"label": "photo"}).json()
    return made["person"], {"Authorization": f"Bearer {made['token']}"}


def photo(kind: str, family: str, fmt: str = "JPEG") -> bytes:
    out = io.BytesIO()
    render(kind, family, "white", np.random.default_rng(4)).save(out, fmt)
    return out.getvalue()


def upload(
    api: httpx.Client,
    closet: tuple[str, dict[str, str]],
    data: bytes,
    mime: str = "image/jpeg",
    **form: str,
) -> httpx.Response:
    person, auth = closet
    return api.post(
        f"/closets/{person}/items/photo",
        headers=auth,
        files={"photo": ("piece.jpg", data, mime)},
        data=form,
    )


def count(api: httpx.Client, person: str) -> int:
    return api.get(f"/closets/{person}").json()["count"]


def test_describe_then_confirm(api: httpx.Client, closet: tuple[str, dict[str, str]]) -> None:
    person, _ = closet
    data = photo("trousers", "navy")
    r = upload(api, closet, data)
    assert r.status_code == 200, r.text
    described = r.json()
    assert described["added"] is None
    assert described["description"]["color"] == "navy"
    assert described["description"]["category"] == "bottom"
    assert described["description"]["masker"] in ("rembg", "fallback")
    assert count(api, person) == 0  # describing stores nothing
    r = upload(api, closet, data, category="bottom", mid_class="jeans", name="my jeans")
    assert r.status_code == 201, r.text
    added = r.json()["added"]["item"]
    assert (added["color"], added["mid_class"], added["cluster"]) == ("navy", "jeans", "jeans|navy")
    assert added["image_url"] is None
    assert r.json()["thumbnail_kept"] is False
    view = api.get(f"/closets/{person}").json()
    assert [i["item"]["id"] for i in view["items"]] == [added["id"]]
    assert view["items"][0]["owned_only"] is True


def test_a_thumbnail_only_when_asked(api: httpx.Client, closet: tuple[str, dict[str, str]]) -> None:
    r = upload(
        api,
        closet,
        photo("top", "red", "PNG"),
        "image/png",
        category="top",
        mid_class="t-shirt",
        thumbnail="true",
    )
    assert r.status_code == 201, r.text
    assert r.json()["thumbnail_kept"] is True
    assert r.json()["added"]["item"]["image_url"].startswith("data:image/jpeg;base64,")
    assert r.json()["added"]["item"]["color"] == "red"


@pytest.mark.parametrize(
    ("make", "status"),
    [
        (lambda: b"name,price\nshirt,10000\n", 415),
        (lambda: photo("top", "red")[:2000], 422),
        (lambda: photo("top", "red") + b"\0" * (10 * 1024 * 1024), 413),
    ],
    ids=["not-an-image", "cut-off-jpeg", "over-10-MB"],
)
def test_bad_uploads_change_nothing(
    api: httpx.Client, closet: tuple[str, dict[str, str]], make, status: int
) -> None:
    person, _ = closet
    r = upload(api, closet, make(), category="top", mid_class="t-shirt")
    assert r.status_code == status, r.text
    assert r.json()["detail"]
    assert count(api, person) == 0


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(
    api: httpx.Client, closet: tuple[str, dict[str, str]]
) -> None:
    r = upload(api, closet, b"\xff" * (12 * 1024 * 1024), category="top", mid_class="t-shirt")
    assert r.status_code == 413
    assert "larger than" in r.json()["detail"]
    assert count(api, closet[0]) == 0


def test_a_wrong_confirmation_is_422_and_no_token_401(
    api: httpx.Client, closet: tuple[str, dict[str, str]]
) -> None:
    person, _ = closet
    r = upload(api, closet, photo("top", "red"), category="top", mid_class="jeans")
    assert r.status_code == 422
    assert "not a top" in r.json()["detail"]
    anonymous = api.post(
        f"/closets/{person}/items/photo", files={"photo": ("p.jpg", photo("top", "red"))}
    )
    assert anonymous.status_code == 401
    assert count(api, person) == 0
