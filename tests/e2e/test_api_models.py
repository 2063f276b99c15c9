"""The recommendation endpoints with each model: rule before any training (with a note when a
model is asked for), then lightgcn (the default while no selection is recorded), hybrid and rule
after LightGCN's write-back, then the learned ranker, switched in with its selection deciding
the default — over real HTTP against the real app and a real Neo4j."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from neo4j import Driver

from core.settings import Settings
from gnn.closet_train import train_closet
from gnn.export import GraphExport, export_graph
from gnn.ranker import train_ranker
from gnn.writeback import write_scores
from graph.db.schema import apply_schema
from graph.ingest.loader import load_catalog, load_files
from graph.recommend.scores import active_model, active_version
from tests.support.api_server import serve_api
from tests.support.neo4j import wipe
from tests.support.two_styles import FAST, STYLES, item, outfits


@pytest.fixture(scope="module")
def graph(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    root = tmp_path_factory.mktemp("api-models")
    train, catalog = root / "train.json", root / "catalog.json"
    train.write_text(json.dumps(outfits(60, seed=3), ensure_ascii=False))
    cold = [item(s, c, k, 9) for s in STYLES for c in STYLES[s] for k in range(len(STYLES[s][c]))]
    catalog.write_text(json.dumps(cold, ensure_ascii=False))
    wipe(driver)
    apply_schema(driver)
    load_files(driver, [train], progress=False)
    load_catalog(driver, catalog)
    return driver


@pytest.fixture(scope="module")
def api(graph: Driver, neo4j_settings: Settings) -> Iterator[httpx.Client]:
    with serve_api(neo4j_settings) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


SHIRT = "10000"  # "Navy Oxford Shirt 00": formal, top


def test_before_training_everything_is_rule(api: httpx.Client) -> None:
    plain = api.get(f"/items/{SHIRT}/recommendations").json()
    assert plain["model"] == "rule"
    assert plain["note"] is None
    assert plain["model_version"] is None
    asked = api.get(f"/items/{SHIRT}/recommendations", params={"model": "lightgcn"}).json()
    assert asked["model"] == "rule"
    assert "closet train" in asked["note"]
    assert asked["categories"] == plain["categories"]


def test_after_training_lightgcn_is_default_and_hybrid_reorders_rule(
    api: httpx.Client, graph: Driver
) -> None:
    result = train_closet(export_graph(graph), "content", FAST, progress=False)
    report = write_scores(graph, result.scorer, top_k=50, progress=False)
    assert active_model(graph) == report.model

    default = api.get(f"/items/{SHIRT}/recommendations").json()
    assert default["model"] == "lightgcn"  # no ranker selection recorded: measured offline
    hybrid = api.get(f"/items/{SHIRT}/recommendations", params={"model": "hybrid"}).json()
    assert hybrid["model"] == "hybrid"
    assert hybrid["model_version"] == report.model
    rule = api.get(f"/items/{SHIRT}/recommendations", params={"model": "rule"}).json()
    assert rule["model"] == "rule"
    for h_group, r_group in zip(hybrid["categories"], rule["categories"], strict=True):
        # the same rule candidates, reordered by the model's score
        assert h_group["category"] == r_group["category"]
        assert {r["item"]["id"] for r in h_group["items"]} == {
            r["item"]["id"] for r in r_group["items"]
        }
        scored = [r for r in h_group["items"] if r["probability"] is not None]
        assert scored, "the model scored none of the rule candidates"
        assert [r["score"] for r in scored] == sorted((r["score"] for r in scored), reverse=True)
        assert h_group["items"][: len(scored)] == scored  # scored ones first
        assert all("LightGCN" in r["explanation"] for r in scored)

    lightgcn = api.get(
        f"/items/{SHIRT}/recommendations", params={"model": "lightgcn", "per_category": 2}
    ).json()
    assert lightgcn["model"] == "lightgcn"
    assert lightgcn["model_version"] == report.model
    assert {g["category"] for g in lightgcn["categories"]} <= {"bottom", "outer"}
    for group in lightgcn["categories"]:
        assert 0 < len(group["items"]) <= 2
        for rec in group["items"]:
            assert rec["basis"] == "model"
            assert 0 < rec["probability"] < 1
    first = lightgcn["categories"][0]["items"][0]["item"]["id"]
    without = api.get(
        f"/items/{SHIRT}/recommendations",
        params={"model": "lightgcn", "per_category": 2, "exclude": first},
    ).json()
    ids = {r["item"]["id"] for g in without["categories"] for r in g["items"]}
    assert first not in ids

    asked = api.get(f"/items/{SHIRT}/recommendations", params={"model": "ranker"}).json()
    assert asked["model"] == "lightgcn"
    assert "ranker" in asked["note"]

    closet = api.post("/closet/recommendations", json={"items": [SHIRT, "11000"]}).json()
    assert closet["model"] == "hybrid"
    assert closet["model_version"] == report.model
    closet_rule = api.post(
        "/closet/recommendations", json={"items": [SHIRT, "11000"], "model": "rule"}
    ).json()
    assert closet_rule["model"] == "rule"


def test_the_ranker_switches_in_with_its_selection_and_serves_calibrated_chances(
    api: httpx.Client, graph: Driver
) -> None:
    export = export_graph(graph)
    served = train_closet(export, "content", FAST, progress=False)

    def held_out(fit: list) -> object:
        subset = GraphExport(export.items, fit)
        return train_closet(subset, "content", FAST, refit=False, progress=False).scorer

    training = train_ranker(export.items, export.outfits, held_out, served.scorer, progress=False)
    report = write_scores(graph, served.scorer, top_k=50, progress=False, ranker=training)
    registry = active_version(graph, "ranker")
    assert registry is not None
    assert registry["active"] == report.ranker
    assert registry["lightgcn"] == report.model
    assert registry["best"] == training.best
    assert set(training.selection) == {"ranker", "lightgcn"}

    default = api.get(f"/items/{SHIRT}/recommendations").json()
    assert default["model"] == training.best  # the selection decides, not a constant
    ranked = api.get(f"/items/{SHIRT}/recommendations", params={"model": "ranker"}).json()
    assert ranked["model"] == "ranker"
    assert ranked["model_version"] == report.ranker
    groups = {g["category"]: g["items"] for g in ranked["categories"]}
    assert set(groups) == {"bottom", "outer"}
    for recs in groups.values():
        chances = [r["probability"] for r in recs]
        assert all(0 < p < 1 for p in chances)
        assert chances == sorted(chances, reverse=True)
        assert all("chance it completes the outfit" in r["explanation"] for r in recs)
    # the synthetic brands are the styles: the formal shirt's best bottom is formal slacks,
    # and the explanation names the brand's shoots
    best = groups["bottom"][0]
    assert best["item"]["brand"] == "formal lab"
    assert "same brand as your" in best["explanation"]
    assert "of its shoots" in best["explanation"]

    other = api.get(
        f"/items/{SHIRT}/recommendations", params={"model": "ranker", "brands": "other"}
    ).json()
    brands = {r["item"]["brand"] for g in other["categories"] for r in g["items"]}
    assert brands
    assert "formal lab" not in brands

    closet = api.post(
        "/closet/recommendations", json={"items": [SHIRT, "11000"], "model": "ranker"}
    ).json()
    assert closet["model"] == "ranker"
    assert closet["categories"]
    owned = {SHIRT, "11000"}
    assert all(r["item"]["id"] not in owned for g in closet["categories"] for r in g["items"])

    # a later LightGCN-only write keeps the ranker (it carries its own vectors)
    again = write_scores(graph, served.scorer, top_k=50, progress=False)
    assert active_version(graph, "ranker")["active"] == report.ranker
    assert again.ranker is None


def test_the_occasion_updates_the_rankers_chances_as_odds(api: httpx.Client) -> None:
    """With the ranker serving: each piece's chance under `style=street` is its plain chance
    updated as odds by its lift (formal pieces are never worn for street, street pieces are;
    pieces in no outfit are not moved)."""
    url = f"/items/{SHIRT}/recommendations"
    plain = api.get(url, params={"model": "ranker", "per_category": 100}).json()
    chance = {r["item"]["id"]: r["probability"] for g in plain["categories"] for r in g["items"]}
    fitted = api.get(url, params={"model": "ranker", "style": "street"}).json()
    assert fitted["model"] == "ranker"
    for group in fitted["categories"]:
        recs = group["items"]
        for r in recs:
            lift = r["lift"]
            if r["item"]["id"].endswith("09"):  # the cold catalog copies: in no outfit
                assert lift == 1.0
            elif r["item"]["brand"] == "street lab":
                assert lift > 1.0
            else:
                assert lift < 1.0
            p = chance[r["item"]["id"]]
            assert r["probability"] == pytest.approx(p * lift / (p * lift + 1 - p), rel=1e-6)
        chances = [r["probability"] for r in recs]
        assert chances == sorted(chances, reverse=True)


def test_todays_outfit_is_scored_by_the_ranker(api: httpx.Client) -> None:
    made = api.post("/closets", json={"label": "today"}).json()
    person, auth = made["person"], {"Authorization": f"Bearer {made['token']}"}
    owned = [SHIRT, "11000", "11100", "12000", "21000"]  # shirt, slacks ×2, blazer, jeans
    for item_id in owned:
        assert api.put(f"/closets/{person}/items/{item_id}", headers=auth).status_code == 200
    body = api.get(f"/closets/{person}/today", params={"season": "autumn"}).json()
    assert body["outfit"] is not None, body
    ids = [i["id"] for i in body["outfit"]["items"]]
    assert set(ids) <= set(owned)
    assert "12000" in ids  # autumn: with the outer
    assert 0 < body["probability"] < 1
    assert "the ranker gives its pieces" in body["explanation"]
    choices = [body]
    for seed in range(1, body["options"]):
        choices.append(
            api.get(f"/closets/{person}/today", params={"season": "autumn", "seed": seed}).json()
        )
    picked = [tuple(i["id"] for i in c["outfit"]["items"]) for c in choices]
    assert len(set(picked)) == len(picked)  # every seed a different outfit
    real = [c["outfit"]["real_outfits"] for c in choices]
    assert real == sorted(real, reverse=True)
    head = [c["probability"] for c in choices if c["outfit"]["real_outfits"] == real[0]]
    assert head == sorted(head, reverse=True)
