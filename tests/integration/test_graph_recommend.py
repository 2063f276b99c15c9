"""The rule-based recommender on a hand-built graph whose answers are known by construction
(tests/spine_data.py explains the clusters, outfits and co-occurrence counts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from core.errors import ItemNotFound
from graph.db.connection import read
from graph.recommend.outfits import OutfitMatch, outfits_with
from graph.recommend.rule import Candidate, recommend_for_closet, recommend_for_item
from tests.support.spine_data import OUTFITS, load_spine_graph


@pytest.fixture(scope="module")
def spine(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    """The hand-built graph, loaded once for the module (the tests only read)."""
    load_spine_graph(driver, Path(tmp_path_factory.mktemp("spine")))
    return driver


def ids(candidates: list[Candidate]) -> list[str]:
    return [c.item["id"] for c in candidates]


def test_cooccurrence_counts_match_construction(spine: Driver) -> None:
    rows = spine.execute_query(
        "MATCH (a:Cluster)-[p:PAIRS_WITH]->(b:Cluster) RETURN a.key AS a, b.key AS b, "
        "p.outfits AS n"
    ).records
    pairs = {frozenset((r["a"], r["b"])): r["n"] for r in rows}
    assert pairs == {
        frozenset(("shirt|navy", "chinos|beige")): 4,
        frozenset(("shirt|navy", "sneakers|white")): 2,
        frozenset(("shirt|navy", "jeans|black")): 1,
        frozenset(("shirt|navy", "blazer|navy")): 1,
        frozenset(("shirt|white", "slacks|grey")): 1,
        frozenset(("shirt|white", "jeans|black")): 1,
        frozenset(("hoodie|grey", "jeans|black")): 2,
        frozenset(("chinos|beige", "sneakers|white")): 2,
        frozenset(("chinos|beige", "blazer|navy")): 1,
    }
    # stored once per unordered pair, from the smaller key to the larger
    assert all(r["a"] < r["b"] for r in rows)
    popularity = {
        r["id"]: r["p"]
        for r in spine.execute_query("MATCH (i:Item) RETURN i.id AS id, i.popularity AS p").records
    }
    assert popularity["J1"] == 4
    assert popularity["B1"] == 3
    assert popularity["B2"] == 1
    assert popularity["P1"] in (None, 0)


def test_ranked_by_strength_then_popularity(spine: Driver) -> None:
    recs = recommend_for_item(spine, "S1")
    assert recs.item["id"] == "S1"
    assert set(recs.per_category) == {"bottom", "shoes", "outer"}
    # B1 and B2 tie on strength 4; B1 is worn more (3 vs 1). J1 is the most popular item of
    # all (4) but pairs only once: strength comes first.
    assert ids(recs.per_category["bottom"]) == ["B1", "B2", "J1"]
    assert [c.strength for c in recs.per_category["bottom"]] == [4, 4, 1]
    assert ids(recs.per_category["shoes"]) == ["W1"]
    assert ids(recs.per_category["outer"]) == ["Z1"]
    every = [c for cands in recs.per_category.values() for c in cands]
    assert all(c.basis == "cluster" for c in every)
    assert all(c.item["category"] != "top" for c in every)
    assert {c.cluster for c in recs.per_category["bottom"]} == {"chinos|beige", "jeans|black"}


def test_excluded_ids_and_per_category_cut(spine: Driver) -> None:
    recs = recommend_for_item(spine, "S1", exclude=["B1", "W1"])
    assert ids(recs.per_category["bottom"]) == ["B2", "J1"]
    # shoes: W1 excluded at cluster level; the back-off levels find no other shoes either
    assert "shoes" not in recs.per_category
    cut = recommend_for_item(spine, "S1", per_category=1)
    assert {c: ids(v) for c, v in cut.per_category.items()} == {
        "bottom": ["B1"],
        "shoes": ["W1"],
        "outer": ["Z1"],
    }


def test_categories_filter(spine: Driver) -> None:
    recs = recommend_for_item(spine, "S1", categories=["shoes", "top"])
    assert list(recs.per_category) == ["shoes"]  # own category never recommended


def test_backoff_per_category_from_cluster_to_mid_class(spine: Driver) -> None:
    # shirt|white pairs only with bottoms; shoes and outer come from the other shirt clusters
    recs = recommend_for_item(spine, "T1")
    bottom = recs.per_category["bottom"]
    assert ids(bottom) == ["J1", "K1"]  # strength 1 each: J1 is more popular
    assert {c.basis for c in bottom} == {"cluster"}
    assert ids(recs.per_category["shoes"]) == ["W1"]
    assert recs.per_category["shoes"][0].basis == "mid_class"
    assert recs.per_category["shoes"][0].strength == 2
    assert ids(recs.per_category["outer"]) == ["Z1"]
    assert recs.per_category["outer"][0].basis == "mid_class"


def test_backoff_to_mid_class_when_own_cluster_has_no_cooccurrence(spine: Driver) -> None:
    recs = recommend_for_item(spine, "P1")  # shirt|pink: in no outfit
    # summed over shirt|navy, shirt|white, shirt|pink: chinos|beige 4, jeans|black 1+1,
    # slacks|grey 1
    assert ids(recs.per_category["bottom"]) == ["B1", "B2", "J1", "K1"]
    assert [c.strength for c in recs.per_category["bottom"]] == [4, 4, 2, 1]
    assert ids(recs.per_category["shoes"]) == ["W1"]
    assert ids(recs.per_category["outer"]) == ["Z1"]
    every = [c for cands in recs.per_category.values() for c in cands]
    assert {c.basis for c in every} == {"mid_class"}


def test_backoff_to_colour_when_mid_class_has_no_cooccurrence(spine: Driver) -> None:
    recs = recommend_for_item(spine, "Q1")  # polo|navy: the only polo cluster, in no outfit
    # navy clusters: shirt|navy, blazer|navy, polo|navy -> chinos|beige 4+1, sneakers|white 2,
    # jeans|black 1, blazer|navy 1 (from shirt|navy)
    assert ids(recs.per_category["bottom"]) == ["B1", "B2", "J1"]
    assert [c.strength for c in recs.per_category["bottom"]] == [5, 5, 1]
    assert ids(recs.per_category["shoes"]) == ["W1"]
    assert ids(recs.per_category["outer"]) == ["Z1"]
    every = [c for cands in recs.per_category.values() for c in cands]
    assert {c.basis for c in every} == {"color"}
    assert all(c.item["category"] != "top" for c in every)


def test_unknown_item_raises(spine: Driver) -> None:
    with pytest.raises(ItemNotFound):
        recommend_for_item(spine, "no-such-item")


def test_closet_scores_items_pairing_with_more_owned_pieces_first(spine: Driver) -> None:
    recs = recommend_for_closet(spine, ["S1", "T1"])
    assert recs.item is None
    bottom = recs.per_category["bottom"]
    # J1 pairs with both shirts (strength 1 + 1) and outranks B1/B2 (strength 4, one shirt)
    assert ids(bottom) == ["J1", "B1", "B2", "K1"]
    assert [c.pairs_with for c in bottom] == [2, 1, 1, 1]
    assert sorted(bottom[0].partners) == ["S1", "T1"]
    assert bottom[0].strength == 2
    assert ids(recs.per_category["shoes"]) == ["W1"]
    assert recs.per_category["shoes"][0].partners == ["S1"]


def test_closet_never_recommends_owned_or_excluded(spine: Driver) -> None:
    recs = recommend_for_closet(spine, ["S1", "B1"], exclude=["W1"])
    every = [c.item["id"] for cands in recs.per_category.values() for c in cands]
    assert "S1" not in every
    assert "B1" not in every
    assert "W1" not in every
    # B1 (bottom) pairs with S2 (top) via chinos|beige–shirt|navy; S1 pairs with B2 and J1
    assert ids(recs.per_category["top"]) == ["S2"]
    assert ids(recs.per_category["bottom"]) == ["B2", "J1"]
    assert ids(recs.per_category["outer"]) == ["Z1"]
    assert recs.per_category["outer"][0].pairs_with == 2  # blazer pairs with both


def test_outfits_with_both_items(spine: Driver) -> None:
    matched = outfits_with(spine, "S1", "B1")
    match, rows = matched.match, matched.outfits
    assert match == "items"
    assert [r["outfit"]["id"] for r in rows] == ["9000001", "9000005"]
    # items in position order, all of them (not only the two asked for)
    assert [i["id"] for i in rows[0]["items"]] == OUTFITS["9000001"]
    assert [i["id"] for i in rows[1]["items"]] == OUTFITS["9000005"]
    limited = outfits_with(spine, "S1", "B1", limit=1).outfits
    assert [r["outfit"]["id"] for r in limited] == ["9000001"]


def test_outfits_fall_back_to_clusters(spine: Driver) -> None:
    # no outfit holds S2 and W1; O1 and O2 hold a navy shirt with white sneakers
    matched = outfits_with(spine, "S2", "W1")
    match, rows = matched.match, matched.outfits
    assert match == "clusters"
    assert [r["outfit"]["id"] for r in rows] == ["9000001", "9000002"]


def test_outfits_of_an_unknown_item_are_not_found(spine: Driver) -> None:
    with pytest.raises(ItemNotFound, match="NOPE"):
        outfits_with(spine, "S1", "NOPE")
    with pytest.raises(ItemNotFound, match="NOPE"):
        outfits_with(spine, "NOPE", "S1")


def test_outfits_none(spine: Driver) -> None:
    # no outfit holds a white shirt with white sneakers
    assert outfits_with(spine, "T1", "W1") == OutfitMatch("none", [])


def test_source_clusters_per_level(spine: Driver) -> None:
    row = read(spine, "recommend/source_clusters", item_id="Q1")[0]
    assert row["cluster"] == "polo|navy"
    assert row["mid_class_keys"] == ["polo|navy"]
    assert sorted(row["color_keys"]) == ["blazer|navy", "polo|navy", "shirt|navy"]
