"""The closet routes over real HTTP (uvicorn on 127.0.0.1): CRUD, token checks, described
pieces, outfits / next / capsule / complete-the-look, feedback and dismissals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import Driver

from core.settings import Settings
from core.vocabulary import PERSON_PATTERN
from graph.db.connection import read
from tests.support.api_server import client, serve_api
from tests.support.closet_data import OWNED, load_closet_graph


@pytest.fixture(scope="module")
def api(
    driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """The API on a free loopback port over the hand-built closet graph."""
    load_closet_graph(driver, Path(tmp_path_factory.mktemp("closet-api")))
    with serve_api(neo4j_settings) as url, client(url) as http:
        yield http


def new_closet(api: httpx.Client, label: str = "test") -> tuple[str, dict[str, str]]:
    r = api.post("/closets", json={"label": label})
    assert r.status_code == 201, r.text
    body = r.json()
    return body["person"], {"Authorization": f"Bearer {body['token']}"}


def test_create_and_crud(api: httpx.Client, driver: Driver) -> None:
    person, auth = new_closet(api)
    assert re.fullmatch(PERSON_PATTERN, person)
    for item_id in OWNED:
        r = api.put(f"/closets/{person}/items/{item_id}", headers=auth)
        assert r.status_code == 200, r.text
        assert r.json()["item"]["id"] == item_id
    again = api.put(f"/closets/{person}/items/CT1", headers=auth, json={"since": "2020-01-01"})
    assert again.status_code == 200  # idempotent: the first since date is kept
    view = api.get(f"/closets/{person}").json()
    assert view["count"] == 4
    assert view["wearable_outfits"] == 3
    assert view["per_category"] == {"top": 1, "bottom": 2, "outer": 1}
    assert api.delete(f"/closets/{person}/items/CB2", headers=auth).status_code == 204
    assert api.delete(f"/closets/{person}/items/CB2", headers=auth).status_code == 404
    assert api.get(f"/closets/{person}").json()["count"] == 3
    # the token itself is never stored, only its sha256
    stored = read(driver, "closet/person_auth", person=person)[0]["token_sha256"]
    assert len(stored) == 64
    assert auth["Authorization"].split()[1] not in stored


def test_token_checks(api: httpx.Client) -> None:
    alice, alice_auth = new_closet(api, "alice")
    bob, bob_auth = new_closet(api, "bob")
    url = f"/closets/{alice}/items/CT1"
    assert api.put(url).status_code == 401
    r = api.put(url, headers={"Authorization": "Basic abc"})
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert api.put(url, headers={"Authorization": "Bearer short"}).status_code == 401
    assert api.put(url, headers=bob_auth).status_code == 403  # bob's token on alice's closet
    assert (
        api.post(
            f"/closets/{alice}/feedback", headers=bob_auth, json={"item_id": "CA1", "kind": "like"}
        ).status_code
        == 403
    )
    assert api.delete(f"/closets/{alice}/items/CT1", headers=bob_auth).status_code == 403
    assert api.put(url, headers=alice_auth).status_code == 200
    assert api.get(f"/closets/{alice}").json()["count"] == 1
    assert api.get(f"/closets/{bob}").json()["count"] == 0
    missing = "0" * 32
    assert api.put(f"/closets/{missing}/items/CT1", headers=alice_auth).status_code == 404
    assert api.get(f"/closets/{missing}").status_code == 404
    assert api.get("/closets/not-a-closet-id").status_code == 422


def test_bad_input_is_rejected_cleanly(api: httpx.Client) -> None:
    person, auth = new_closet(api)
    unknown = api.put(
        f"/closets/{person}/items/NOPE", headers=auth
    )  # a valid id, not in the catalog
    assert unknown.status_code == 404
    assert unknown.json()["detail"] == "no item with id 'NOPE'"
    assert api.put(f"/closets/{person}/items/bad%20id", headers=auth).status_code == 422
    bad = [
        {"category": "dress", "mid_class": "shirt", "color": "navy"},
        {"category": "top", "mid_class": "tuxedo", "color": "navy"},
        {"category": "bottom", "mid_class": "shirt", "color": "navy"},
        {"category": "top", "mid_class": "shirt", "color": "teal"},
    ]
    for body in bad:
        r = api.post(f"/closets/{person}/items", headers=auth, json=body)
        assert r.status_code == 422, body
        assert "detail" in r.json()
    assert api.get(f"/closets/{person}").json()["count"] == 0  # nothing half-written
    assert api.get(f"/closets/{person}/next?category=shoes").status_code == 422
    assert api.get(f"/closets/{person}/next?budget=-1").status_code == 422


def test_described_piece_joins_its_cluster(api: httpx.Client, driver: Driver) -> None:
    person, auth = new_closet(api)
    r = api.post(
        f"/closets/{person}/items",
        headers=auth,
        json={"category": "top", "mid_class": "shirt", "color": "navy", "name": "Dad's shirt"},
    )
    assert r.status_code == 201, r.text
    piece = r.json()
    assert piece["owned_only"]
    assert piece["item"]["cluster"] == "shirt|navy"
    api.put(f"/closets/{person}/items/CB1", headers=auth)
    outfits = api.get(f"/closets/{person}/outfits").json()
    assert outfits["count"] == 1  # the described navy shirt pairs with the beige slacks
    # described pieces are never recommended to anyone (not in the catalog)
    other, _ = new_closet(api)
    assert piece["item"]["id"] not in api.get(f"/closets/{other}/next").text
    item_id = piece["item"]["id"]
    assert api.delete(f"/closets/{person}/items/{item_id}", headers=auth).status_code == 204
    assert not read(driver, "items/by_id", item_id=item_id)  # deleted with the closet entry


def test_outfits_next_capsule_complete(api: httpx.Client) -> None:
    person, auth = new_closet(api)
    for item_id in OWNED:
        api.put(f"/closets/{person}/items/{item_id}", headers=auth)
    outfits = api.get(f"/closets/{person}/outfits").json()
    assert outfits["count"] == 3
    assert outfits["real"] == 1
    assert "one top + one bottom" in outfits["definition"]
    assert all(o["explanation"] for o in outfits["outfits"])
    nxt = api.get(f"/closets/{person}/next", params={"per_cluster": 1}).json()
    assert nxt["current_outfits"] == 3
    assert nxt["model"] == "rule"
    assert [(i["item"]["id"], i["new_outfits"]) for i in nxt["items"]] == [
        ("CA1", 3),
        ("CD1", 2),
        ("CC1", 2),
        ("CE1", 1),
    ]
    first = nxt["items"][0]
    assert len(first["unlocks"]) == 3
    assert "unlocks 3 new outfits" in first["explanation"]
    assert {(p["a"], p["outfits"]) for p in first["path"]} == {
        ("slacks|beige", 1),
        ("jeans|black", 1),
        ("coat|black", 1),
    }
    cap = api.get(f"/closets/{person}/capsule", params={"k": 2}).json()
    assert cap["start_outfits"] == 3
    assert cap["end_outfits"] == 8
    assert "greedy" in cap["method"].lower()
    look = api.post(
        f"/closets/{person}/complete", json={"items": ["CT1", "CB1"], "categories": ["outer"]}
    ).json()
    pieces = {p["item"]["id"]: p["role"] for p in look["looks"][0]["items"]}
    assert pieces == {"CT1": "given", "CB1": "given", "CO1": "closet"}
    bad = api.post(f"/closets/{person}/complete", json={"items": ["CA1"]})
    assert bad.status_code == 409  # a valid request the closet, as it is, cannot take
    assert "not in this closet" in bad.json()["detail"]


def test_feedback_and_dismissals(api: httpx.Client) -> None:
    person, auth = new_closet(api)
    for item_id in OWNED:
        api.put(f"/closets/{person}/items/{item_id}", headers=auth)
    url = f"/closets/{person}/feedback"
    r = api.post(url, headers=auth, json={"item_id": "CA1", "kind": "dismiss"})
    assert r.status_code == 201
    assert r.json()["feedback"][0]["kind"] == "dismiss"
    api.post(url, headers=auth, json={"item_id": "CD1", "kind": "like"})
    api.post(url, headers=auth, json={"item_id": "CC1", "kind": "pick"})
    kinds = {f["item"]["id"]: f["kind"] for f in api.get(url).json()["feedback"]}
    assert kinds == {"CA1": "dismiss", "CD1": "like", "CC1": "pick"}
    shown = api.get(f"/closets/{person}/next", params={"per_cluster": 5, "limit": 50}).text
    assert '"CA1"' not in shown
    assert '"CA2"' in shown
    assert api.post(url, headers=auth, json={"item_id": "NOPE", "kind": "like"}).status_code == 404
    assert api.post(url, headers=auth, json={"item_id": "CA1", "kind": "love"}).status_code == 422
    assert api.delete(f"{url}/dismiss/CA1", headers=auth).status_code == 204
    assert api.delete(f"{url}/dismiss/CA1", headers=auth).status_code == 404
    shown = api.get(f"/closets/{person}/next", params={"per_cluster": 5}).text
    assert '"CA1"' in shown


def test_a_click_on_a_suggested_piece_reads_the_likes_once(api: httpx.Client) -> None:
    """The demo's handler for a next-piece tile: one like, then the suggestions and the closet
    again, reading the closet's likes once (the HTTP requests it sends are recorded)."""
    import gradio as gr

    from demo.api_client import ApiClient
    from demo.closet_tab import ClosetHandlers
    from demo.occasion import ANY

    sent: list[str] = []
    http = httpx.Client(
        base_url=str(api.base_url),
        event_hooks={"request": [lambda r: sent.append(f"{r.method} {r.url.path}")]},
    )
    handlers = ClosetHandlers(ApiClient(str(api.base_url), client=http))
    st = handlers.calls.create()
    for item_id in OWNED:
        handlers.calls.own(st["person"], st["token"], item_id)
    _, shown = handlers.suggest(st, None, "any")
    assert shown
    sent.clear()
    like = gr.SelectData(None, {"index": 0, "value": "like"})
    out = handlers.react(st, shown, None, "any", ANY, ANY, ANY, like, None)
    assert out[2] == "Liked."
    assert out[6] == [shown[0]]  # the closet's likes, as the grid's state
    assert sent.count(f"GET /closets/{st['person']}/feedback") == 1
    http.close()
