"""GET /closets/{id}/today over real HTTP on the bundled sample: one whole outfit of owned pieces
(an outer in winter, none in summer, owned shoes that go), a locked piece kept, every seed a
different outfit, and — when the closet cannot make one — the missing category with a working
link to the next piece for it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from neo4j import Driver

from closet.sample.generate import SAMPLE_PATH
from core.settings import Settings
from tests.support.api_server import sample_api

CORE = {"상의": "top", "하의": "bottom", "아우터": "outer", "신발": "shoes"}


@pytest.fixture(scope="module")
def api(driver: Driver, neo4j_settings: Settings) -> Iterator[httpx.Client]:
    with sample_api(driver, neo4j_settings) as http:
        yield http


def new_closet(api: httpx.Client, items: list[str]) -> str:
    made = api.post("/closets", json={"label": "today"}).json()
    auth = {"Authorization": f"Bearer {made['token']}"}
    for item_id in items:
        assert (
            api.put(f"/closets/{made['person']}/items/{item_id}", headers=auth).status_code == 200
        )
    return made["person"]


@pytest.fixture(scope="module")
def pieces() -> dict[str, list[str]]:
    """The sample's men's pieces of each category, from outfits that have an outer."""
    outfits = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {c: [] for c in CORE.values()}
    for outfit in outfits:
        cats = {i["category"] for i in outfit["items"]}
        if outfit["gender"] != "MALE" or "아우터" not in cats or "신발" not in cats:
            continue
        for raw in outfit["items"]:
            if raw["category"] in CORE and len(found[CORE[raw["category"]]]) < 3:
                found[CORE[raw["category"]]].append(str(raw["item_id"]))
    assert all(found.values()), found
    return found


@pytest.fixture(scope="module")
def closet(api: httpx.Client, pieces: dict[str, list[str]]) -> str:
    return new_closet(api, [i for ids in pieces.values() for i in ids])


def ids(body: dict) -> list[str]:
    return [i["id"] for i in body["outfit"]["items"]]


def test_a_whole_outfit_of_owned_pieces(
    api: httpx.Client, closet: str, pieces: dict[str, list[str]]
) -> None:
    r = api.get(f"/closets/{closet}/today")
    assert r.status_code == 200, r.text
    body = r.json()
    owned = {i for v in pieces.values() for i in v}
    cats = {i["category"] for i in body["outfit"]["items"]}
    assert {"top", "bottom"} <= cats
    assert set(ids(body)) <= owned
    assert body["options"] >= 1
    assert body["next_seed"] == 1
    assert body["probability"] is None  # no model trained here
    assert body["explanation"]
    assert body["shoes"] is not None
    assert body["shoes"]["id"] in pieces["shoes"]
    assert body["missing"] == []


def test_the_season_decides_the_outer(api: httpx.Client, closet: str) -> None:
    winter = api.get(f"/closets/{closet}/today", params={"season": "winter"}).json()
    assert "outer" in {i["category"] for i in winter["outfit"]["items"]}
    summer = api.get(f"/closets/{closet}/today", params={"season": "summer"}).json()
    assert "outer" not in {i["category"] for i in summer["outfit"]["items"]}
    for seed in range(summer["options"]):
        again = api.get(f"/closets/{closet}/today", params={"season": "summer", "seed": seed})
        assert "outer" not in {i["category"] for i in again.json()["outfit"]["items"]}


def test_a_locked_piece_stays_and_each_seed_is_another_outfit(
    api: httpx.Client, closet: str, pieces: dict[str, list[str]]
) -> None:
    for bottom in pieces["bottom"]:
        first = api.get(f"/closets/{closet}/today", params={"lock": bottom}).json()
        if first["outfit"] is None:
            assert any("no wearable outfit holds" in n for n in first["notes"])
            continue
        seen = []
        for seed in range(first["options"]):
            body = api.get(f"/closets/{closet}/today", params={"lock": bottom, "seed": seed}).json()
            assert bottom in ids(body)
            assert body["seed"] == seed
            seen.append(tuple(ids(body)))
        assert len(set(seen)) == len(seen) == first["options"]
        wrapped = api.get(
            f"/closets/{closet}/today", params={"lock": bottom, "seed": first["options"]}
        ).json()
        assert tuple(ids(wrapped)) == seen[0]
    shoes = pieces["shoes"][0]
    body = api.get(f"/closets/{closet}/today", params={"lock": shoes}).json()
    assert body["shoes"]["id"] == shoes


def test_a_closet_without_bottoms_says_what_to_buy(
    api: httpx.Client, pieces: dict[str, list[str]]
) -> None:
    person = new_closet(api, pieces["top"] + pieces["shoes"])
    body = api.get(f"/closets/{person}/today", params={"style": "casual"}).json()
    assert body["outfit"] is None
    assert body["missing"] == ["bottom"]
    assert body["next_piece"] == [f"/closets/{person}/next?category=bottom&style=casual"]
    assert "no bottom" in body["explanation"]
    link = api.get(body["next_piece"][0])
    assert link.status_code == 200
    assert link.json()["items"]
    assert {n["item"]["category"] for n in link.json()["items"]} == {"bottom"}


def test_bad_requests_change_nothing(
    api: httpx.Client, closet: str, pieces: dict[str, list[str]]
) -> None:
    not_owned = api.get(f"/closets/{closet}/today", params={"lock": "5956267000"})
    assert not_owned.status_code == 409
    assert "not in this closet" in not_owned.json()["detail"]
    assert api.get(f"/closets/{closet}/today", params={"lock": "a b"}).status_code == 422
    assert api.get(f"/closets/{closet}/today", params={"seed": -1}).status_code == 422
    assert api.get(f"/closets/{closet}/today", params={"season": "monsoon"}).status_code == 422
    assert api.get(f"/closets/{'0' * 32}/today").status_code == 404
    assert api.get(f"/closets/{closet}").json()["count"] == sum(len(v) for v in pieces.values())


def test_today_is_in_the_schema(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    params = {p["name"] for p in spec["paths"]["/closets/{person}/today"]["get"]["parameters"]}
    assert {"lock", "seed", "style", "season", "gender", "min_support"} <= params


def test_today_in_korean(api: httpx.Client, closet: str, pieces: dict[str, list[str]]) -> None:
    body = api.get(f"/closets/{closet}/today", params={"lang": "ko", "season": "winter"}).json()
    assert body["outfit"] is not None
    assert "내 " in body["explanation"]  # "with your shoes" → "내 …와(과) 함께"
    assert "코디" in body["explanation"]
    person = new_closet(api, pieces["top"])
    missing = api.get(f"/closets/{person}/today", params={"lang": "ko"}).json()
    assert missing["notes"] == ["아직 하의 아이템이 없음: 다음에 살 아이템을 확인하세요"]
