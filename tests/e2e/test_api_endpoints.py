"""Every endpoint of the API over real HTTP (uvicorn on 127.0.0.1) against the test Neo4j,
on the hand-built graph of tests/spine_data.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

from core.settings import Settings
from tests.support.api_server import client, serve_api
from tests.support.spine_data import load_spine_graph


@pytest.fixture(scope="module")
def api(
    driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """The spine graph loaded once, and a client of the API served over HTTP."""
    load_spine_graph(driver, Path(tmp_path_factory.mktemp("spine-api")))
    with serve_api(neo4j_settings) as base_url, client(base_url) as http:
        yield http


def hit_ids(body: dict) -> list[str]:
    return [h["item"]["id"] for h in body["items"]]


def test_health(api: httpx.Client) -> None:
    r = api.get("/health")
    assert r.status_code == 200
    body = r.json()
    caches = {c["name"]: c for c in body.pop("caches")}
    assert body == {"status": "ok", "neo4j": "ok", "items": 12}
    assert set(caches) == {
        "rule candidates",
        "cluster partners",
        "cluster best items",
        "outfits of two clusters",
    }
    before = caches["rule candidates"]
    for _ in range(2):
        assert api.get("/items/S2/recommendations", params={"model": "rule"}).status_code == 200
    after = {c["name"]: c for c in api.get("/health").json()["caches"]}["rule candidates"]
    assert after["hits"] + after["misses"] > before["hits"] + before["misses"]
    assert after["hits"] > before["hits"]  # the second request was answered from memory
    assert after["entries"] >= 1


def test_search_english_with_prefix(api: httpx.Client) -> None:
    body = api.get("/items/search", params={"q": "oxford"}).json()
    assert set(hit_ids(body)) == {"S1", "T1", "P1"}
    assert body["count"] == 3
    assert body["query"] == "oxford"
    assert all(h["score"] > 0 for h in body["items"])
    # the last word also matches as a prefix
    assert set(hit_ids(api.get("/items/search", params={"q": "oxf"}).json())) == {"S1", "T1", "P1"}
    # every word is required
    assert hit_ids(api.get("/items/search", params={"q": "navy oxford"}).json()) == ["S1"]


def test_search_korean(api: httpx.Client) -> None:
    body = api.get("/items/search", params={"q": "후드"}).json()
    assert hit_ids(body) == ["H1"]
    assert body["items"][0]["item"]["name"] == "오버핏 그레이 후드티"


def test_search_filters(api: httpx.Client) -> None:
    tops = api.get("/items/search", params={"q": "navy", "category": "top"}).json()
    assert set(hit_ids(tops)) == {"S1", "S2", "Q1"}
    outer = api.get("/items/search", params={"q": "navy", "category": "outer"}).json()
    assert hit_ids(outer) == ["Z1"]
    # colour filter on a text query, and browsing without one (most worn first)
    white = api.get("/items/search", params={"q": "oxford", "color": "white"}).json()
    assert hit_ids(white) == ["T1"]
    navy = api.get("/items/search", params={"color": "navy"}).json()
    assert hit_ids(navy)[0] == "S1"  # popularity 3
    assert set(hit_ids(navy)) == {"S1", "S2", "Z1", "Q1"}
    bottoms = api.get("/items/search", params={"category": "bottom", "limit": 2}).json()
    assert hit_ids(bottoms) == ["J1", "B1"]  # 4 and 3 outfits
    item = bottoms["items"][0]["item"]
    assert item["popularity"] == 4
    assert item["cluster"] == "jeans|black"


@pytest.mark.parametrize(
    "hostile",
    ['"(*', "AND", "OR NOT", "title:foo", "\\", "[a TO z]", "*", "?", "a && b || !c", "~/^{}"],
)
def test_search_hostile_lucene_syntax(api: httpx.Client, hostile: str) -> None:
    r = api.get("/items/search", params={"q": hostile})
    assert r.status_code == 200, r.text
    assert r.json()["query"] == hostile


def test_get_item(api: httpx.Client) -> None:
    r = api.get("/items/S1")
    assert r.status_code == 200
    body = r.json()
    assert body["id"] == "S1"
    assert body["name"] == "Navy Oxford Shirt"
    assert body["category"] == "top"
    assert body["cluster"] == "shirt|navy"
    assert body["outfits"] == 3
    assert body["cluster_items"] == 2
    assert body["popularity"] == 3


def test_item_recommendations(api: httpx.Client) -> None:
    r = api.get("/items/S1/recommendations")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["model"] == "rule"
    assert body["item"]["id"] == "S1"
    groups = {g["category"]: g["items"] for g in body["categories"]}
    assert set(groups) == {"bottom", "shoes", "outer"}
    assert [c["item"]["id"] for c in groups["bottom"]] == ["B1", "B2", "J1"]
    first = groups["bottom"][0]
    assert first["strength"] == 4
    assert first["score"] == 4.0
    assert first["basis"] == "cluster"
    assert first["cluster"] == "chinos|beige"
    assert first["explanation"] == "beige chinos are worn with navy shirts in 4 outfits"


def test_item_recommendations_parameters(api: httpx.Client) -> None:
    body = api.get(
        "/items/S1/recommendations", params={"per_category": 1, "exclude": ["B1", "Z1"]}
    ).json()
    groups = {g["category"]: [c["item"]["id"] for c in g["items"]] for g in body["categories"]}
    assert groups == {"bottom": ["B2"], "shoes": ["W1"]}
    # asking for a trained model that does not exist falls back to the rule model, and says so
    body = api.get("/items/T1/recommendations", params={"model": "lightgcn"}).json()
    assert body["model"] == "rule"
    assert "closet train" in body["note"]
    basis = {g["category"]: g["items"][0]["basis"] for g in body["categories"]}
    assert basis == {"bottom": "cluster", "shoes": "mid_class", "outer": "mid_class"}


def test_brand_control_over_http(api: httpx.Client) -> None:
    # every spine item is the brand "Spine": "same" changes nothing, "other" leaves nothing
    every = api.get("/items/S1/recommendations").json()["categories"]
    assert (
        api.get("/items/S1/recommendations", params={"brands": "same"}).json()["categories"]
        == every
    )
    other = api.get("/items/S1/recommendations", params={"brands": "other"})
    assert other.status_code == 200
    assert other.json()["categories"] == []
    closet = api.post("/closet/recommendations", json={"items": ["S1"], "brands": "other"})
    assert closet.status_code == 200
    assert closet.json()["categories"] == []
    bad = api.get("/items/S1/recommendations", params={"brands": "mixed"})
    assert bad.status_code == 422
    assert "any" in bad.text


def test_closet_recommendations(api: httpx.Client) -> None:
    r = api.post("/closet/recommendations", json={"items": ["S1", "T1"], "per_category": 5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["model"] == "rule"
    assert body["owned"] == ["S1", "T1"]
    assert body["item"] is None
    groups = {g["category"]: g["items"] for g in body["categories"]}
    bottom = groups["bottom"]
    assert [c["item"]["id"] for c in bottom] == ["J1", "B1", "B2", "K1"]
    assert bottom[0]["pairs_with"] == 2
    assert sorted(bottom[0]["partners"]) == ["S1", "T1"]
    assert "2 of your pieces" in bottom[0]["explanation"]


def test_outfits(api: httpx.Client) -> None:
    body = api.get("/outfits", params={"owned": "S1", "picked": "B1"}).json()
    assert body["match"] == "items"
    assert body["count"] == 2
    assert [o["id"] for o in body["outfits"]] == ["9000001", "9000005"]
    assert [i["id"] for i in body["outfits"][0]["items"]] == ["S1", "B1", "W1"]
    assert body["outfits"][0]["season"] == "spring"
    fallback = api.get("/outfits", params={"owned": "S2", "picked": "W1"}).json()
    assert fallback["match"] == "clusters"
    assert [o["id"] for o in fallback["outfits"]] == ["9000001", "9000002"]
    none = api.get("/outfits", params={"owned": "T1", "picked": "W1"}).json()
    assert (none["match"], none["count"], none["outfits"]) == ("none", 0, [])
    limited = api.get("/outfits", params={"owned": "S1", "picked": "B1", "limit": 1}).json()
    assert limited["count"] == 1


def test_categories(api: httpx.Client) -> None:
    body = api.get("/categories").json()
    assert [c["category"] for c in body] == ["top", "bottom", "outer", "shoes"]
    top = body[0]
    assert top["items"] == 6
    assert top["mid_classes"] == ["hoodie", "polo", "shirt"]
    assert top["colors"] == ["grey", "navy", "pink", "white"]
    assert body[1]["items"] == 4


def test_docs_and_openapi(api: httpx.Client) -> None:
    docs = api.get("/docs")
    assert docs.status_code == 200
    assert "swagger-ui" in docs.text.lower()
    spec = api.get("/openapi.json").json()
    assert spec["info"]["title"] == "closet API"
    assert {
        "/health",
        "/items/search",
        "/items/{item_id}",
        "/items/{item_id}/recommendations",
        "/closet/recommendations",
        "/outfits",
        "/categories",
    } <= set(spec["paths"])


@pytest.mark.parametrize(
    "path",
    [
        "/items/no-such-item",
        "/items/no-such-item/recommendations",
        "/outfits?owned=no-such-item&picked=S1",
        "/outfits?owned=S1&picked=no-such-item",
    ],
)
def test_unknown_ids_are_404(api: httpx.Client, path: str) -> None:
    r = api.get(path)
    assert r.status_code == 404
    assert r.json() == {"detail": "no item with id 'no-such-item'"}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/items/search?limit=0", None),
        ("GET", "/items/search?limit=1000", None),
        ("GET", "/items/search?category=shoez", None),
        ("GET", "/items/search?color=NAVY!", None),
        ("GET", "/items/search?q=" + "x" * 201, None),
        ("GET", "/items/bad$id", None),
        ("GET", "/items/S1/recommendations?per_category=0", None),
        ("GET", "/items/S1/recommendations?model=magic", None),
        ("GET", "/outfits?owned=S1", None),
        ("GET", "/outfits?owned=S1&picked=B1&limit=500", None),
        ("POST", "/closet/recommendations", {"items": []}),
        ("POST", "/closet/recommendations", {"items": ["S1"], "per_category": 0}),
        ("POST", "/closet/recommendations", {"owned": ["S1"]}),
    ],
)
def test_bad_parameters_are_422(api: httpx.Client, method: str, path: str, body: dict | None):
    r = api.request(method, path, json=body)
    assert r.status_code == 422, r.text
    body = r.json()  # the one error model: a sentence, and the failing fields
    assert body["detail"].startswith("invalid ")
    assert body["errors"]
    assert {"location", "message"} <= set(body["errors"][0])


def test_closet_with_an_unknown_item_is_404(api: httpx.Client) -> None:
    r = api.post("/closet/recommendations", json={"items": ["S1", "no-such-item"]})
    assert r.status_code == 404
    assert "no-such-item" in r.json()["detail"]
