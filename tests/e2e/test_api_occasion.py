"""Style, season and gender on every route that recommends or shows outfits, over real HTTP on
the bundled sample: gender filters (never the other gender's piece), style and season boost by
each piece's lift (checked against the sample counted here), the outfits shown are of the
occasion, and an unknown label is a 422 naming the known ones."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from neo4j import Driver

from closet.sample.generate import SAMPLE_PATH
from core.settings import Settings
from core.vocabulary import outfit_labels
from graph.recommend.occasion import PRIOR_OUTFITS
from tests.support.api_server import sample_api

OCCASION_ROUTES = [
    ("get", "/items/{item_id}/recommendations"),
    ("post", "/closet/recommendations"),
    ("get", "/outfits"),
    ("get", "/closets/{person}/outfits"),
    ("get", "/closets/{person}/next"),
    ("post", "/closets/{person}/complete"),
]


class Sample:
    """The bundled sample counted in Python: each item's genders and label counts."""

    def __init__(self) -> None:
        self.outfits = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
        self.genders: dict[str, set[str]] = defaultdict(set)
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.worn: Counter = Counter()
        self.totals: Counter = Counter()
        for outfit in self.outfits:
            labels = outfit_labels(outfit.get("style"), outfit.get("season"), outfit.get("gender"))
            self.totals[labels["style"]] += 1
            self.totals[labels["season"]] += 1
            for item in {str(i["item_id"]) for i in outfit["items"]}:
                self.genders[item].add(labels["gender"])
                self.counts[item][labels["style"]] += 1
                self.counts[item][labels["season"]] += 1
                self.worn[item] += 1

    def worn_by(self, item_id: str) -> str | None:
        genders = self.genders.get(item_id)
        if not genders:
            return None
        return next(iter(genders)) if len(genders) == 1 else "unisex"

    def lift(self, item_id: str, *labels: str) -> float:
        out = 1.0
        for label in labels:
            base = self.totals[label] / len(self.outfits)
            worn = self.worn[item_id]
            if worn:
                share = (self.counts[item_id][label] + PRIOR_OUTFITS * base) / (
                    worn + PRIOR_OUTFITS
                )
                out *= share / base
        return out


@pytest.fixture(scope="module")
def sample() -> Sample:
    return Sample()


@pytest.fixture(scope="module")
def api(driver: Driver, neo4j_settings: Settings) -> Iterator[httpx.Client]:
    with sample_api(driver, neo4j_settings) as http:
        yield http


def recommended(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for c in body["categories"] for r in c["items"]]


def by_gender(sample: Sample, gender: str) -> list[str]:
    return sorted(i for i in sample.worn if sample.worn_by(i) == gender)


@pytest.fixture(scope="module")
def mixed_item(api: httpx.Client, sample: Sample) -> str:
    """A men's item whose recommendations, without a gender, include women's pieces."""
    for item_id in by_gender(sample, "men"):
        body = api.get(f"/items/{item_id}/recommendations", params={"per_category": 20}).json()
        if any(sample.worn_by(r["item"]["id"]) == "women" for r in recommended(body)):
            return item_id
    pytest.fail("no men's item of the sample is recommended women's pieces")


def test_gender_filters_item_recommendations(
    api: httpx.Client, sample: Sample, mixed_item: str
) -> None:
    params = {"per_category": 20, "gender": "men"}
    body = api.get(f"/items/{mixed_item}/recommendations", params=params).json()
    found = recommended(body)
    assert found
    assert {sample.worn_by(r["item"]["id"]) for r in found} <= {"men", "unisex", None}
    assert all(r["item"]["worn_by"] in ("men", "unisex", None) for r in found)


def test_style_and_season_boost_by_lift(api: httpx.Client, sample: Sample, mixed_item: str) -> None:
    plain = api.get(f"/items/{mixed_item}/recommendations", params={"per_category": 5}).json()
    params = {"per_category": 5, "style": "street", "season": "winter"}
    body = api.get(f"/items/{mixed_item}/recommendations", params=params).json()
    assert body["model"] == "rule"  # nothing trained here: strength × lift orders
    moved = False
    for category in body["categories"]:
        recs = category["items"]
        for r in recs:
            expected = sample.lift(r["item"]["id"], "street", "winter")
            assert r["lift"] == pytest.approx(expected, rel=1e-6)
            if abs(expected - 1.0) >= 0.05:
                assert "street, winter" in r["explanation"]
        values = [r["strength"] * r["lift"] for r in recs]
        assert values == sorted(values, reverse=True)
        before = next(c for c in plain["categories"] if c["category"] == category["category"])
        moved |= [r["item"]["id"] for r in recs] != [r["item"]["id"] for r in before["items"]]
    assert moved, "the boost changed no category's order"


def test_closet_recommendations_take_the_occasion(api: httpx.Client, sample: Sample) -> None:
    owned = by_gender(sample, "women")[:3]
    r = api.post(
        "/closet/recommendations",
        params={"gender": "women", "style": "casual"},
        json={"items": owned, "per_category": 10},
    )
    assert r.status_code == 200, r.text
    found = recommended(r.json())
    assert found
    for rec in found:
        assert sample.worn_by(rec["item"]["id"]) in ("women", "unisex", None)
        assert rec["lift"] == pytest.approx(sample.lift(rec["item"]["id"], "casual"), rel=1e-6)


def test_unknown_labels_are_422_naming_the_known(api: httpx.Client, mixed_item: str) -> None:
    url = f"/items/{mixed_item}/recommendations"
    r = api.get(url, params={"style": "formal"})
    assert r.status_code == 422
    body = r.json()
    assert body["known"] == ["casual", "minimal", "sporty", "street"]
    assert body["errors"][0]["location"] == ["query", "style"]
    assert "casual, minimal, sporty, street" in body["detail"]
    r = api.get(url, params={"season": "monsoon"})
    assert r.status_code == 422
    assert r.json()["known"] == ["autumn", "spring", "summer", "winter"]
    r = api.get(url, params={"gender": "kids"})
    assert r.status_code == 422
    assert r.json()["detail"] == "invalid query.gender: Input should be 'men' or 'women'"
    r = api.get("/outfits", params={"owned": mixed_item, "picked": mixed_item, "style": "x1"})
    assert r.status_code == 422


def pair_with_styles(sample: Sample) -> tuple[str, str, Counter]:
    """Two items worn together in outfits of more than one style, and those styles' counts."""
    together: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for outfit in sample.outfits:
        style = outfit_labels(outfit.get("style"), None, None)["style"]
        ids = sorted({str(i["item_id"]) for i in outfit["items"]})
        for n, a in enumerate(ids):
            for b in ids[n + 1 :]:
                together[a, b][style] += 1
    (a, b), styles = max(together.items(), key=lambda kv: (len(kv[1]), sum(kv[1].values())))
    return a, b, styles


def test_outfits_are_restricted_to_the_occasion(api: httpx.Client, sample: Sample) -> None:
    a, b, styles = pair_with_styles(sample)
    everything = api.get("/outfits", params={"owned": a, "picked": b, "limit": 50}).json()
    assert everything["match"] == "items"
    assert Counter(o["style"] for o in everything["outfits"]) == styles
    for style, count in styles.items():
        body = api.get("/outfits", params={"owned": a, "picked": b, "style": style}).json()
        assert body["count"] == count
        assert {o["style"] for o in body["outfits"]} == {style}
    gender = everything["outfits"][0]["gender"]
    body = api.get("/outfits", params={"owned": a, "picked": b, "gender": gender}).json()
    assert body["count"] >= 1
    assert {o["gender"] for o in body["outfits"]} == {gender}


@pytest.fixture(scope="module")
def closet(api: httpx.Client, sample: Sample) -> tuple[str, dict[str, str]]:
    """A closet of the core pieces of two men's and two women's real outfits."""
    r = api.post("/closets", json={"label": "occasion"})
    person, auth = r.json()["person"], {"Authorization": f"Bearer {r.json()['token']}"}
    picked: list[str] = []
    for gender in ("MALE", "FEMALE"):
        outfits = [o for o in sample.outfits if o.get("gender") == gender][:2]
        for outfit in outfits:
            for raw in outfit["items"]:
                category = api.get(f"/items/{raw['item_id']}").json()["category"]
                if category in ("top", "bottom", "outer"):
                    picked.append(str(raw["item_id"]))
    for item_id in dict.fromkeys(picked):
        assert api.put(f"/closets/{person}/items/{item_id}", headers=auth).status_code == 200
    return person, auth


def test_closet_outfits_take_the_occasion(
    api: httpx.Client, sample: Sample, closet: tuple[str, dict[str, str]]
) -> None:
    person, _ = closet
    everything = api.get(f"/closets/{person}/outfits", params={"limit": 200}).json()
    worn = {sample.worn_by(i["id"]) for o in everything["outfits"] for i in o["items"]}
    assert {"women", "men"} <= worn
    men = api.get(f"/closets/{person}/outfits", params={"limit": 200, "gender": "men"}).json()
    assert 0 < men["count"] < everything["count"]
    for outfit in men["outfits"]:
        assert {sample.worn_by(i["id"]) for i in outfit["items"]} <= {"men", "unisex", None}
    street = api.get(f"/closets/{person}/outfits", params={"limit": 200, "style": "street"})
    body = street.json()
    assert body["count"] <= everything["count"]
    for outfit in body["outfits"]:
        lifts = [sample.lift(i["id"], "street") for i in outfit["items"]]
        product = 1.0
        for value in lifts:
            product *= value
        assert outfit["lift"] == pytest.approx(product ** (1 / len(lifts)), rel=1e-6)
        assert outfit["real_outfits"] > 0 or outfit["lift"] >= 1.0


def test_next_piece_takes_the_occasion(
    api: httpx.Client, sample: Sample, closet: tuple[str, dict[str, str]]
) -> None:
    person, _ = closet
    body = api.get(f"/closets/{person}/next", params={"gender": "women", "limit": 20}).json()
    assert body["items"]
    assert {sample.worn_by(n["item"]["id"]) for n in body["items"]} <= {"women", "unisex", None}
    body = api.get(f"/closets/{person}/next", params={"season": "summer", "limit": 20}).json()
    assert body["items"]
    for n in body["items"]:
        assert n["lift"] == pytest.approx(sample.lift(n["item"]["id"], "summer"), rel=1e-6)
        weight = 1.0  # no model trained: the score is new outfits (or 0.01 · pairs) × lift
        base = n["new_outfits"] if n["new_outfits"] > 0 else 0.01 * n["pairs_with"]
        assert n["score"] == pytest.approx(base * weight * n["lift"], rel=1e-5)
    scores = [n["score"] for n in body["items"]]
    assert scores == sorted(scores, reverse=True)


def test_complete_the_look_takes_the_occasion(
    api: httpx.Client, sample: Sample, closet: tuple[str, dict[str, str]]
) -> None:
    person, _ = closet
    view = api.get(f"/closets/{person}").json()
    top = next(
        i["item"]["id"]
        for i in view["items"]
        if i["item"]["category"] == "top" and sample.worn_by(i["item"]["id"]) == "men"
    )
    r = api.post(
        f"/closets/{person}/complete",
        params={"gender": "men", "style": "casual"},
        json={"items": [top], "categories": ["bottom", "shoes"], "limit": 3},
    )
    assert r.status_code == 200, r.text
    looks = r.json()["looks"]
    assert looks, r.json().get("note")
    for look in looks:
        for piece in look["items"]:
            assert sample.worn_by(piece["item"]["id"]) in ("men", "unisex", None)


def test_every_occasion_route_documents_its_parameters(api: httpx.Client) -> None:
    spec = api.get("/openapi.json").json()
    for method, path in OCCASION_ROUTES:
        names = {p["name"] for p in spec["paths"][path][method]["parameters"]}
        assert {"style", "season", "gender"} <= names, path


HANGUL = re.compile(r"[가-힣]")
ENGLISH_WORDS = re.compile(r"\b(worn|with|outfits?|pair|pieces?|chance|suits)\b")


def test_explanations_in_korean(
    api: httpx.Client, mixed_item: str, closet: tuple[str, dict[str, str]]
) -> None:
    person, _ = closet
    url = f"/items/{mixed_item}/recommendations"
    english = recommended(api.get(url, params={"style": "street"}).json())
    korean = recommended(api.get(url, params={"style": "street", "lang": "ko"}).json())
    assert [r["item"]["id"] for r in korean] == [r["item"]["id"] for r in english]
    for rec in korean:
        assert HANGUL.search(rec["explanation"]), rec["explanation"]
        assert not ENGLISH_WORDS.search(rec["explanation"]), rec["explanation"]
    assert any("스트릿" in r["explanation"] for r in korean)
    routes = [
        (f"/closets/{person}/outfits", "outfits"),
        (f"/closets/{person}/next", "items"),
        (f"/closets/{person}/capsule", "steps"),
    ]
    for path, key in routes:
        body = api.get(path, params={"lang": "ko"}).json()
        assert body[key], path
        for entry in body[key]:
            text = entry["piece"]["explanation"] if key == "steps" else entry["explanation"]
            assert HANGUL.search(text), (path, text)
            assert not ENGLISH_WORDS.search(text), (path, text)
        if "definition" in body:
            assert HANGUL.search(body["definition"]), body["definition"]
    capsule = api.get(f"/closets/{person}/capsule", params={"lang": "ko"}).json()
    assert capsule["method"].startswith("탐욕 방식")
    assert api.get(url, params={"lang": "fr"}).status_code == 422
