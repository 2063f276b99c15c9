"""The closet maths on the hand-built graph of tests/support/closet_data.py, without a database:
pair counts come through `PairTable`, answers are the ones worked out by hand there."""

from __future__ import annotations

from itertools import combinations

import pytest

from core.vocabulary import CORE_CATEGORIES, cluster_key
from graph.recommend.capsule import best_pair_gain
from graph.recommend.next_piece import cluster_gains
from graph.recommend.pairs import PairTable
from graph.recommend.wearable import Piece, enumerate_outfits, rank_outfits, slots
from tests.support.closet_data import ITEMS, OUTFITS, OWNED

BIG = {"상의": "top", "하의": "bottom", "아우터": "outer", "신발": "shoes"}


def cluster(item_id: str) -> str:
    _, _, mid, color, _ = ITEMS[item_id]
    key = cluster_key(mid, color)
    assert key is not None
    return key


def piece(item_id: str) -> Piece:
    raw, name, *_ = ITEMS[item_id]
    return Piece(item_id, BIG[raw], cluster(item_id), {"id": item_id, "name": name})


def pair_counts() -> dict[tuple[str, str], int]:
    """Outfits per unordered cluster pair, as the co-occurrence refresh counts them."""
    counts: dict[tuple[str, str], int] = {}
    for items in OUTFITS.values():
        for a, b in combinations(sorted({cluster(i) for i in items}), 2):
            counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts


@pytest.fixture
def table() -> PairTable:
    return PairTable.of(pair_counts())


@pytest.fixture
def owned() -> list[Piece]:
    return [piece(i) for i in OWNED]


def test_pair_counts_match_the_hand_built_table(table: PairTable) -> None:
    table.ensure(["shirt|navy", "jeans|black"])
    assert table.outfits("shirt|navy", "slacks|beige") == 3
    assert table.outfits("coat|black", "shirt|navy") == 2  # either order
    assert table.outfits("jeans|black", "coat|black") == 0
    assert table.outfits("shirt|navy", "shirt|navy") == 0  # never with itself
    assert not table.ok("jeans|black", "coat|black")


def test_min_support_drops_weak_pairs() -> None:
    strict = PairTable.of(pair_counts(), min_support=2)
    strict.ensure(["shirt|navy"])
    assert strict.neighbors["shirt|navy"] == {
        "slacks|beige": 3,
        "coat|black": 2,
        "jeans|blue": 2,
    }


def test_wearable_outfits_by_hand(table: PairTable, owned: list[Piece]) -> None:
    table.ensure(p.cluster for p in owned)
    found = rank_outfits(enumerate_outfits(owned, table))
    assert sorted(sorted(o.ids) for o in found) == [
        ["CB1", "CO1", "CT1"],
        ["CB1", "CT1"],
        ["CB2", "CT1"],
    ]
    largest = next(o for o in found if len(o.pieces) == 3)
    assert largest.support == 1  # its weakest link: slacks with the coat, 1 outfit


def test_a_second_piece_of_an_owned_cluster_adds_no_outfit(
    table: PairTable, owned: list[Piece]
) -> None:
    table.ensure(p.cluster for p in owned)
    twin = piece("CT2")  # another navy shirt
    assert len(slots([*owned, twin])) == len(slots(owned))
    assert enumerate_outfits(owned, table, including=twin) == []
    assert len(enumerate_outfits([*owned, twin], table)) == 3


def test_marginal_gain_of_every_candidate_cluster(table: PairTable, owned: list[Piece]) -> None:
    gains = {(g.cluster, g.category): g.gain for g in cluster_gains(owned, table, CORE_CATEGORIES)}
    assert gains[("t-shirt|white", "top")] == 3
    assert gains[("jeans|blue", "bottom")] == 2
    assert gains[("hoodie|grey", "top")] == 2
    assert gains[("jacket|khaki", "outer")] == 1
    assert gains[("shorts|grey", "bottom")] == 0
    assert ("shirt|navy", "top") not in gains  # owned already: not a candidate


def test_gains_rank_ties_by_owned_partners_then_strength(
    table: PairTable, owned: list[Piece]
) -> None:
    order = [g.cluster for g in cluster_gains(owned, table, CORE_CATEGORIES)]
    assert order[0] == "t-shirt|white"
    assert order.index("jeans|blue") < order.index("hoodie|grey")  # 4 outfits against 2


def test_gains_match_enumeration(table: PairTable, owned: list[Piece]) -> None:
    for gain in cluster_gains(owned, table, CORE_CATEGORIES):
        extra = Piece("new", gain.category, gain.cluster, {"id": "new"}, "catalog")
        table.ensure([gain.cluster])
        assert len(enumerate_outfits(owned, table, including=extra)) == gain.gain


def test_best_pair_of_purchases(table: PairTable, owned: list[Piece]) -> None:
    assert best_pair_gain(owned, table, CORE_CATEGORIES) == 5


def test_an_empty_closet_has_nothing_to_gain(table: PairTable) -> None:
    assert cluster_gains([], table, CORE_CATEGORIES) == []
    assert enumerate_outfits([], table) == []
