"""Brand control on the hand-built spine graph with three brands: `brands=any|same|other` for
one item, for several owned items, and for a closet's next piece."""

from __future__ import annotations

import json

import pytest
from neo4j import Driver

from graph import wardrobe as store
from graph.db.connection import run
from graph.db.schema import apply_schema
from graph.ingest.loader import load_files
from graph.recommend.next_piece import next_pieces
from graph.recommend.rule import recommend_for_closet, recommend_for_item
from tests.support import spine_data

# S1 (the owned navy shirt) and most pieces are the brand "Spine"; these are not.
OTHER_BRANDS = {"B2": "Chino Works", "J1": None, "H1": "Hood Lab"}


@pytest.fixture(scope="module")
def graph(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    records = spine_data.outfit_records()
    for outfit in records:
        for item in outfit["items"]:
            if item["item_id"] in OTHER_BRANDS:
                item["brand"] = OTHER_BRANDS[item["item_id"]]
    path = tmp_path_factory.mktemp("brands") / "outfits.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    run(driver, "maintenance/wipe")
    apply_schema(driver)
    load_files(driver, [path], progress=False)
    return driver


def ids(recs) -> dict[str, list[str]]:
    return {c: [r.item["id"] for r in found] for c, found in recs.per_category.items()}


def brands_of(recs) -> set[str | None]:
    return {r.item.get("brand") for found in recs.per_category.values() for r in found}


def test_other_brands_never_share_the_owned_items_brand(graph: Driver) -> None:
    every = ids(recommend_for_item(graph, "S1"))
    assert every["bottom"] == ["B1", "B2", "J1"]
    other = recommend_for_item(graph, "S1", brands="other")
    assert ids(other) == {"bottom": ["B2", "J1"]}  # the sneakers and blazer are Spine's
    assert "Spine" not in brands_of(other)


def test_same_brand_keeps_only_the_owned_items_brand(graph: Driver) -> None:
    same = recommend_for_item(graph, "S1", brands="same")
    assert ids(same) == {"bottom": ["B1"], "outer": ["Z1"], "shoes": ["W1"]}
    assert brands_of(same) == {"Spine"}


def test_an_unbranded_piece_has_no_same_brand(graph: Driver) -> None:
    assert recommend_for_item(graph, "J1", brands="same").per_category == {}
    assert recommend_for_item(graph, "J1", brands="other").per_category  # every brand is other


def test_closet_recommendations_respect_every_owned_brand(graph: Driver) -> None:
    other = recommend_for_closet(graph, ["S1", "H1"], brands="other")
    assert brands_of(other)
    assert not brands_of(other) & {"Spine", "Hood Lab"}
    same = recommend_for_closet(graph, ["S1", "H1"], brands="same")
    assert brands_of(same) <= {"Spine", "Hood Lab"}
    with pytest.raises(ValueError, match="brands must be one of any, same, other"):
        recommend_for_closet(graph, ["S1"], brands="mixed")


def test_next_piece_of_other_brands(graph: Driver) -> None:
    person = store.create_closet(graph, "brands").person
    store.own_item(graph, person, "S1")
    closet = store.load_closet(graph, person)
    every = next_pieces(graph, closet, per_cluster=5).picks
    assert {"Spine", "Chino Works"} <= {n.piece.item.get("brand") for n in every}
    other = next_pieces(graph, closet, per_cluster=5, brands="other").picks
    assert other
    assert all(n.piece.item.get("brand") != "Spine" for n in other)
    same = next_pieces(graph, closet, per_cluster=5, brands="same").picks
    assert same
    assert all(n.piece.item.get("brand") == "Spine" for n in same)
