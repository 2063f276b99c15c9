"""Wearable outfits, marginal gain, capsule and complete-the-look on the hand-built graph of
tests/closet_data.py, whose answers are worked out by hand in its docstring."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver

from core.errors import ClosetInputError
from core.vocabulary import CORE_CATEGORIES
from graph import wardrobe as store
from graph.recommend import explain, wearable
from graph.recommend.capsule import best_pair_gain, capsule
from graph.recommend.complete import complete_look
from graph.recommend.explain import explain_note
from graph.recommend.next_piece import next_pieces
from graph.recommend.pairs import PairBook
from tests.support.closet_data import OWNED, load_closet_graph


@pytest.fixture(scope="module")
def graph(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    load_closet_graph(driver, Path(tmp_path_factory.mktemp("closet")))
    return driver


def make_closet(driver: Driver, owned: list[str]) -> store.Closet:
    person = store.create_closet(driver, "test").person
    for item_id in owned:
        store.own_item(driver, person, item_id)
    return store.load_closet(driver, person)


def ids(outfit: wearable.WearableOutfit) -> set[str]:
    return set(outfit.ids)


def test_wearable_outfits_by_hand(graph: Driver) -> None:
    closet = make_closet(graph, OWNED)
    found = wearable.wearable_outfits(graph, closet)
    assert sorted(sorted(o.ids) for o in found) == sorted(
        [["CB1", "CT1"], ["CB2", "CT1"], ["CB1", "CO1", "CT1"]]
    )
    # the real outfit 8000001 wears CT1 + CB1: it ranks first and says so
    assert ids(found[0]) == {"CT1", "CB1"}
    assert found[0].real_outfits == 1
    assert "1 real outfit" in explain.explain_outfit(found[0])
    triple = next(o for o in found if len(o.pieces) == 3)
    assert triple.real_outfits == 0
    assert triple.support == 1
    assert {(s.a, s.b, s.outfits) for s in triple.path} == {
        ("shirt|navy", "slacks|beige", 3),
        ("shirt|navy", "coat|black", 2),
        ("slacks|beige", "coat|black", 1),
    }


def test_same_cluster_items_make_the_same_look(graph: Driver) -> None:
    closet = make_closet(graph, [*OWNED, "CT2"])  # a second navy shirt
    found = wearable.wearable_outfits(graph, closet)
    assert len(found) == 3
    # the look shows the navy shirt that real outfits wear with the others
    pair = next(
        o for o in found if {p.category for p in o.pieces} == {"top", "bottom"} and "CB2" in o.ids
    )
    assert pair.ids[0] == "CT2"
    assert pair.real_outfits == 1


def test_marginal_gain_ranking_by_hand(graph: Driver) -> None:
    closet = make_closet(graph, OWNED)
    result = next_pieces(graph, closet, per_cluster=1)
    now, picks = result.current_outfits, result.picks
    assert now == 3
    got = [(n.piece.id, n.gain.gain, n.gain.pairs_with) for n in picks]
    assert got == [("CA1", 3, 3), ("CD1", 2, 2), ("CC1", 2, 2), ("CE1", 1, 2)]
    # shorts|grey pairs only with the coat: no new outfit, never ranked above one that adds
    assert "CF1" not in [n.piece.id for n in picks]
    best = picks[0]
    assert {frozenset(o.ids) for o in best.unlocks} == {
        frozenset({"CA1", "CB1"}),
        frozenset({"CA1", "CB2"}),
        frozenset({"CA1", "CB1", "CO1"}),
    }


def test_gain_per_category_and_budget(graph: Driver) -> None:
    closet = make_closet(graph, OWNED)
    bottoms = next_pieces(graph, closet, category="bottom", per_cluster=1).picks
    assert [n.piece.id for n in bottoms] == ["CD1"]
    cheap = next_pieces(graph, closet, budget=60000, per_cluster=2).picks
    assert all((n.piece.item["price"] or 0) <= 60000 for n in cheap)
    assert [n.piece.id for n in cheap][:3] == ["CA1", "CA2", "CC1"]


def test_explanation_names_the_real_path(graph: Driver) -> None:
    closet = make_closet(graph, OWNED)
    picks = next_pieces(graph, closet, per_cluster=1).picks
    jeans = next(n for n in picks if n.piece.id == "CD1")
    assert {(p.id, c) for p, c in jeans.partners} == {("CT1", 2), ("CO1", 2)}
    assert jeans.worn_with == {"CT1": 1, "CO1": 1}  # outfits 8000012 and 8000014
    text = explain.explain_next_piece(jeans)
    assert "navy shirt (2 outfits)" in text
    assert "black coat (2 outfits)" in text
    assert "unlocks 2 new outfits" in text
    assert "real outfit" in text


def test_model_free_weight_is_one(graph: Driver) -> None:
    closet = make_closet(graph, OWNED)
    picks = next_pieces(graph, closet, per_cluster=1, model=None).picks
    assert all(n.weight == 1.0 and n.score == n.gain.gain for n in picks)


def test_capsule_greedy_by_hand(graph: Driver) -> None:
    closet = make_closet(graph, OWNED)
    result = capsule(graph, closet, k=2)
    start, steps = result.start_outfits, result.steps
    assert start == 3
    # step 1: t-shirt|white (+3); step 2: a second white t-shirt adds nothing (same look), so
    # jeans|blue (+2: {CT1, CD1}, {CT1, CD1, CO1})
    assert [(s.pick.piece.id, s.pick.gain.gain, s.total) for s in steps] == [
        ("CA1", 3, 6),
        ("CD1", 2, 8),
    ]
    book = PairBook(graph)
    pieces = wearable.core_pieces(closet)
    assert best_pair_gain(pieces, book, CORE_CATEGORIES) == 5  # greedy reached the optimum


def test_complete_the_look_composes_what_no_real_outfit_holds(graph: Driver) -> None:
    closet = make_closet(graph, ["CT1", "CB1"])
    result = complete_look(graph, closet, ["CT1", "CB1"], ["outer"])
    filled, looks, note = result.filled, result.looks, result.note
    assert filled == ["outer"]
    assert note is None
    look = looks[0]
    got = {lp.piece.id: lp.role for lp in look.pieces}
    assert got == {"CT1": "given", "CB1": "given", "CO2": "catalog"}  # CO2: most worn coat
    assert look.real_outfits == 0
    assert look.support == 1
    coat = next(lp for lp in look.pieces if lp.role == "catalog")
    assert {(s.a, s.outfits) for s in coat.path} == {("shirt|navy", 2), ("slacks|beige", 1)}
    assert explain.explain_look_piece(coat) == (
        "black coat is worn with navy shirt in 2 outfits and with beige slacks in 1 outfit"
    )
    assert "no real outfit" in explain.explain_look(look)


def test_complete_the_look_several_categories_and_closet_first(graph: Driver) -> None:
    closet = make_closet(graph, OWNED)
    result = complete_look(graph, closet, ["CT1", "CB1"], ["outer", "shoes"])
    filled, looks = result.filled, result.looks
    assert filled == ["outer", "shoes"]
    got = {lp.piece.id: lp.role for lp in looks[0].pieces}
    assert got == {"CT1": "given", "CB1": "given", "CO1": "closet", "CW1": "catalog"}
    # every two pieces of the look are worn together (coat–sneakers via outfit 8000022)
    assert all(s.outfits >= 1 for s in looks[0].path)
    assert len(looks[0].path) == 6


def test_complete_the_look_default_fills_missing_bottom(graph: Driver) -> None:
    closet = make_closet(graph, ["CT1"])
    result = complete_look(graph, closet, ["CT1"], limit=3)
    filled, looks = result.filled, result.looks
    assert filled == ["bottom"]
    clusters = [
        next(lp.piece.cluster for lp in look.pieces if lp.role != "given") for look in looks
    ]
    assert clusters == ["slacks|beige", "jeans|blue", "jeans|black"]  # 3, 2, 1 outfits


def test_complete_the_look_rejects_what_cannot_be_worn(graph: Driver) -> None:
    closet = make_closet(graph, ["CB2", "CO1", "CT1"])
    result = complete_look(graph, closet, ["CB2", "CO1"])
    looks, note = result.looks, result.note
    assert looks == []
    assert note is not None
    assert note.code == "not_worn_together"
    assert "not worn together" in explain_note(note.code, **dict(note.parts))
    with pytest.raises(ClosetInputError):
        complete_look(graph, closet, ["CA1"])  # not owned
    with pytest.raises(ClosetInputError):
        complete_look(graph, closet, ["CT1"], ["top"])  # already given


def test_dismissed_items_never_reappear(graph: Driver) -> None:
    closet = make_closet(graph, ["CT1", "CB1"])
    store.add_feedback(graph, closet.person, "CO2", "dismiss")
    store.add_feedback(graph, closet.person, "CA1", "dismiss")
    closet = store.load_closet(graph, closet.person)
    assert set(closet.dismissed) == {"CO2", "CA1"}
    picks = next_pieces(graph, closet, per_cluster=5, limit=50).picks
    assert not {"CO2", "CA1"} & {n.piece.id for n in picks}
    assert "CA2" in {n.piece.id for n in picks}  # the other white t-shirt still shows
    steps = capsule(graph, closet, k=5).steps
    assert not {"CO2", "CA1"} & {s.pick.piece.id for s in steps}
    looks = complete_look(graph, closet, ["CT1", "CB1"], ["outer"]).looks
    assert [lp.piece.id for lp in looks[0].pieces if lp.role == "catalog"] == ["CO1"]
    # a like withdraws the dismissal
    store.add_feedback(graph, closet.person, "CA1", "like")
    assert store.load_closet(graph, closet.person).dismissed == ["CO2"]


def test_model_scores_weight_the_gain(graph: Driver) -> None:
    """SCORED edges (written the way `closet train` writes them) reorder items of similar gain:
    score = new outfits × (0.5 + 0.5·sigmoid(mean score from the closet's clusters))."""
    from graph.db.connection import run

    owned = ["shirt|navy", "slacks|beige", "jeans|black", "coat|black"]
    rows = [{"cluster": c, "item": "CC1", "score": 3.0, "rank": 1} for c in owned]
    rows += [{"cluster": c, "item": "CD1", "score": -3.0, "rank": 2} for c in owned]
    run(graph, "gnn/write_scores", model="closet-test-v1", rows=rows)
    closet = make_closet(graph, OWNED)
    picks = next_pieces(graph, closet, per_cluster=1, model="closet-test-v1").picks
    got = [(n.piece.id, round(n.score, 3)) for n in picks]
    assert got == [("CC1", 1.953), ("CA1", 1.5), ("CD1", 1.047), ("CE1", 0.5)]
    assert picks[0].model_score == 3.0
    assert picks[1].model_score is None
    plain = next_pieces(graph, closet, per_cluster=1).picks  # no model: the gain alone
    assert [n.piece.id for n in plain] == ["CA1", "CD1", "CC1", "CE1"]
