"""The learned ranker's signals (graph.recommend.features) and its stored LightGCN vectors
(graph.recommend.learned), without a database."""

from __future__ import annotations

import math

import numpy as np
import pytest

from core.records import Item
from gnn.export import ExportedOutfit
from graph.recommend.features import FEATURES, PairTables, pair_features
from graph.recommend.learned import ItemEmbeddings

COL = {name: n for n, name in enumerate(FEATURES)}


def piece(item_id: str, category: str, brand: str, name: str, mid: str, color: str) -> Item:
    return Item(
        id=item_id,
        name=name,
        brand=brand,
        price=50000,
        category=category,
        mid_class=mid,
        color=color,
        cluster=f"{mid}|{color}",
    )


SHIRT = piece("a", "top", "oxford lab", "navy oxford shirt", "shirt", "navy")
SLACKS = piece("b", "bottom", "oxford lab", "grey wool slacks", "slacks", "grey")
JEANS = piece("c", "bottom", "denim co", "blue denim jeans", "jeans", "blue")
TEE = piece("d", "top", "denim co", "black logo tshirt", "t-shirt", "black")
COLD = piece("e", "bottom", "oxford lab", "charcoal wool slacks", "slacks", "grey")  # no outfit
ITEMS = [SHIRT, SLACKS, JEANS, TEE, COLD]
OUTFITS = [
    ExportedOutfit("o1", ["a", "b"], "minimal", "spring", "men"),
    ExportedOutfit("o2", ["a", "b"], "minimal", "autumn", "men"),
    ExportedOutfit("o3", ["d", "c"], "street", "summer", "women"),
]


@pytest.fixture(scope="module")
def tables() -> PairTables:
    return PairTables.from_outfits(ITEMS, OUTFITS, min_word_items=1)  # tiny catalog


def test_tables_count_outfits_brand_shoots_and_pairs(tables: PairTables) -> None:
    assert tables.outfits == 3
    assert tables.outfits_with("brand", "oxford lab", "oxford lab") == 2  # its two shoots
    assert tables.outfits_with("brand", "oxford lab", "denim co") == 0
    assert tables.outfits_with("cluster", "shirt|navy", "slacks|grey") == 2
    assert tables.outfits_with("cluster", "shirt|navy", "jeans|blue") == 0
    assert tables.outfits_with("brand", "unknown", "oxford lab") == 0


def test_features_read_brand_pairs_words_and_profiles(tables: PairTables) -> None:
    given, cands = tables.encode([SHIRT]), tables.encode([SLACKS, JEANS, COLD])
    x = pair_features(tables, given, cands)
    assert x.shape == (3, len(FEATURES))
    assert np.isnan(x[:, COL["lightgcn"]]).all()  # no LightGCN score passed
    assert list(x[:, COL["same_brand"]]) == [1.0, 0.0, 1.0]
    assert x[0, COL["item_pairs"]] == pytest.approx(math.log1p(2))
    assert x[1, COL["item_pairs"]] == 0.0
    assert x[0, COL["cluster_pairs"]] > 0
    assert x[1, COL["cluster_pairs"]] == 0.0
    # the cold slacks share "wool slacks" with the slacks worn with the shirt: the words carry
    # it; the jeans' words were only ever worn with the tee
    assert x[2, COL["word_pmi"]] > 0
    assert x[1, COL["word_pmi"]] == 0.0
    # the cold slacks get their brand's outfits' gender (men), the jeans theirs (women)
    assert x[2, COL["gender_match"]] == pytest.approx(1.0)
    assert x[1, COL["gender_match"]] == pytest.approx(0.0)
    assert x[0, COL["price_gap"]] == 0.0
    assert x[2, COL["item_outfits"]] == 0.0  # in no outfit


def test_tables_survive_storage(tables: PairTables) -> None:
    again = PairTables.from_bytes(tables.to_bytes())
    given, cands = [SHIRT, TEE], [SLACKS, JEANS, COLD]
    a = pair_features(tables, tables.encode(given), tables.encode(cands))
    b = pair_features(again, again.encode(given), again.encode(cands))
    np.testing.assert_allclose(a, b, equal_nan=True)
    assert again.outfits_with("brand", "oxford lab", "oxford lab") == 2


def test_embeddings_score_known_pieces_only() -> None:
    vectors = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]], dtype=np.float32)
    emb = ItemEmbeddings(["a", "b", "c"], vectors, vectors)
    scores = emb.score(["a"], ["b", "c", "unknown"])
    assert scores[:2] == pytest.approx([0.5, 0.0])
    assert np.isnan(scores[2])
    assert np.isnan(emb.score(["unknown"], ["a"])).all()
    again = ItemEmbeddings.from_bytes(emb.to_bytes())
    assert again.ids == emb.ids
    np.testing.assert_allclose(again.score(["a"], ["b", "c"]), scores[:2], atol=1e-3)
