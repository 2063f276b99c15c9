"""The rule's answers are kept in the process until the next co-occurrence refresh, and only
that long: a refresh (what every load, crawl and enrichment ends with) shows the new graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from graph.ingest.cooccurrence import refresh_cooccurrence
from graph.recommend.next_piece import BEST_ITEMS, next_pieces
from graph.recommend.outfits import CLUSTER_OUTFITS, outfits_with
from graph.recommend.pairs import PARTNERS
from graph.recommend.rule import CANDIDATES, recommend_for_item
from graph.wardrobe import create_closet, load_closet, own_item
from tests.support.spine_data import load_spine_graph


@pytest.fixture
def spine(clean_graph: Driver, tmp_path: Path) -> Driver:
    load_spine_graph(clean_graph, tmp_path)
    for cache in (CANDIDATES, PARTNERS, BEST_ITEMS, CLUSTER_OUTFITS):
        cache.clear()
    return clean_graph


def rename(driver: Driver, item_id: str, name: str) -> None:
    driver.execute_query("MATCH (i:Item {id: $id}) SET i.name = $name", id=item_id, name=name)


def bottoms(driver: Driver, item_id: str) -> list[tuple[str, str]]:
    recs = recommend_for_item(driver, item_id)
    return [(c.item["id"], c.item["name"]) for c in recs.per_category["bottom"]]


def test_item_recommendations_are_kept_until_the_refresh(spine: Driver) -> None:
    first = bottoms(spine, "S1")
    assert first[0] == ("B1", "Beige Chino Pants")
    # S2 is in S1's cluster: the same answer, from memory
    misses = CANDIDATES.misses
    assert bottoms(spine, "S2") == first
    assert CANDIDATES.misses == misses
    assert CANDIDATES.hits >= 1

    rename(spine, "B1", "Renamed Chinos")
    assert bottoms(spine, "S1") == first  # nothing retired it yet
    refresh_cooccurrence(spine)
    assert bottoms(spine, "S1")[0] == ("B1", "Renamed Chinos")


def test_a_graph_without_a_generation_is_read_every_time(spine: Driver) -> None:
    spine.execute_query("MATCH (g:Generation) DETACH DELETE g")
    bottoms(spine, "S1")
    rename(spine, "B1", "Renamed Chinos")
    assert bottoms(spine, "S1")[0] == ("B1", "Renamed Chinos")
    assert len(CANDIDATES) == 0


def test_next_piece_reads_partners_and_items_once_per_generation(spine: Driver) -> None:
    person = create_closet(spine, "cache").person
    own_item(spine, person, "S1")
    first = next_pieces(spine, load_closet(spine, person))
    assert first.picks
    kept = (len(PARTNERS), len(BEST_ITEMS))
    assert all(kept)
    hits = (PARTNERS.hits, BEST_ITEMS.hits)
    again = next_pieces(spine, load_closet(spine, person))
    assert [p.piece.id for p in again.picks] == [p.piece.id for p in first.picks]
    assert PARTNERS.hits > hits[0]
    assert BEST_ITEMS.hits > hits[1]

    best = first.picks[0].piece.id
    spine.execute_query("MATCH (i:Item {id: $id}) SET i.price = 1", id=best)
    assert next_pieces(spine, load_closet(spine, person)).picks[0].piece.item["price"] != 1
    refresh_cooccurrence(spine)
    assert next_pieces(spine, load_closet(spine, person)).picks[0].piece.item["price"] == 1


def test_the_outfits_of_two_clusters_are_kept_until_the_refresh(spine: Driver) -> None:
    # no outfit holds S2 and W1: the outfits of their clusters (navy shirts, white sneakers)
    first = outfits_with(spine, "S2", "W1")
    assert first.match == "clusters"
    assert [r["outfit"]["id"] for r in first.outfits] == ["9000001", "9000002"]
    hits = CLUSTER_OUTFITS.hits
    assert outfits_with(spine, "S1", "W1").match == "items"  # both items: never cached
    assert outfits_with(spine, "W1", "S2").outfits == first.outfits  # either order, from memory
    assert CLUSTER_OUTFITS.hits == hits + 1

    spine.execute_query("MATCH (o:Outfit {id: '9000002'}) DETACH DELETE o")
    assert outfits_with(spine, "S2", "W1").outfits == first.outfits
    refresh_cooccurrence(spine)
    assert [r["outfit"]["id"] for r in outfits_with(spine, "S2", "W1").outfits] == ["9000001"]
