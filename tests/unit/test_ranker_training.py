"""Training the learned ranker (gnn.ranker) and storing it (graph.recommend.learned), without a
database, on the two-style synthetic catalog; and the fingerprint that skips an unchanged graph."""

from __future__ import annotations

import numpy as np
import pytest

from gnn.evaluation.protocol import exported
from gnn.export import ExportedOutfit, GraphExport
from gnn.ranker import train_ranker
from graph.recommend.learned import Ranker
from tests.support.two_styles import outfits
from tests.unit.test_ranker_features import ITEMS, OUTFITS, SHIRT


@pytest.fixture(scope="module")
def trained():
    export = exported(outfits(120, seed=11))
    return export, train_ranker(export.items, export.outfits, progress=False, threads=1)


def test_ranker_learns_which_pieces_go_together(trained) -> None:
    export, training = trained
    assert training.rows > 0
    assert training.best == "ranker"  # LightGCN was not trained: the only candidate
    # copies of a piece tie, and a tie counts as a miss: above chance (0.1) is what it shows
    assert training.selection["ranker"] > 0.1
    assert training.calibration["ece_calibrated"] <= training.calibration["ece_uncalibrated"]
    # every top ranks every bottom of its own style above every bottom of the other style
    style = {it.id: it.brand for it in export.items}
    tops = [it for it in export.items if it.category == "top"]
    bottoms = [it for it in export.items if it.category == "bottom"]
    for top in tops:
        p = training.ranker.probability([top], bottoms)
        assert ((p > 0) & (p < 1)).all()
        mine = [q for q, b in zip(p, bottoms, strict=True) if style[b.id] == style[top.id]]
        other = [q for q, b in zip(p, bottoms, strict=True) if style[b.id] != style[top.id]]
        assert min(mine) > max(other)
    assert training.ranker.importance()["same_brand"] > 0


def test_ranker_survives_storage_and_refuses_other_features(trained) -> None:
    export, training = trained
    stored = training.ranker.to_properties()
    again = Ranker.from_properties({**stored, "version": "ranker-test"})
    given, cands = export.items[:1], export.items[1:20]
    np.testing.assert_allclose(
        again.probability(given, cands), training.ranker.probability(given, cands)
    )
    assert again.version == "ranker-test"
    with pytest.raises(ValueError, match="other features"):
        Ranker.from_properties({**stored, "features": ["lightgcn"]})


def test_fingerprint_changes_with_the_graph_and_the_options() -> None:
    export = GraphExport(ITEMS, OUTFITS)
    same = GraphExport(list(reversed(ITEMS)), list(reversed(OUTFITS)))
    assert export.fingerprint(epochs=10) == same.fingerprint(epochs=10)
    assert export.fingerprint(epochs=10) != export.fingerprint(epochs=20)
    moved = [*OUTFITS[:2], ExportedOutfit("o3", ["d", "e"], "street", "summer", "women")]
    assert GraphExport(ITEMS, moved).fingerprint(epochs=10) != export.fingerprint(epochs=10)
    renamed = [SHIRT.model_copy(update={"name": "navy shirt"}), *ITEMS[1:]]
    assert GraphExport(renamed, OUTFITS).fingerprint() != export.fingerprint()
