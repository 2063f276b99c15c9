"""Positive feedback from closets (LIKED / PICKED) becomes extra LightGCN training edges when the
flag is on, and only then; dismissals never do."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from neo4j import Driver

from gnn.closet_graph import build_closet_graph
from gnn.export import export_graph
from graph import wardrobe as store
from tests.support.closet_data import load_closet_graph


@pytest.fixture(scope="module")
def graph(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Driver:
    load_closet_graph(driver, Path(tmp_path_factory.mktemp("closet-feedback")))
    person = store.create_closet(driver, "feedback").person
    for item_id in ("CT1", "CB1"):
        store.own_item(driver, person, item_id)
    store.add_feedback(driver, person, "CA1", "like")  # a white t-shirt (top)
    store.add_feedback(driver, person, "CD1", "pick")  # blue jeans (bottom)
    store.add_feedback(driver, person, "CF1", "dismiss")  # grey shorts: never a positive
    return driver


def has_pair(pairs: np.ndarray, a: int, b: int) -> bool:
    return bool(((pairs[:, 0] == a) & (pairs[:, 1] == b)).any())


def test_feedback_edges_only_with_the_flag(graph: Driver) -> None:
    plain = export_graph(graph, feedback=False)
    with_fb = export_graph(graph, feedback=True)
    assert plain.feedback == []
    assert [sorted(group) for group in with_fb.feedback] == [["CA1", "CD1"]]
    index = with_fb.item_index()
    a, d, f = index["CA1"], index["CD1"], index["CF1"]
    base = build_closet_graph(plain, "cooc").graph.positives
    extra = build_closet_graph(with_fb, "cooc").graph.positives
    # CA1 and CD1 are worn together in no real outfit: only the feedback links them
    assert not has_pair(base, a, d)
    assert has_pair(extra, a, d)
    assert has_pair(extra, d, a)
    assert len(extra) == len(base) + 2
    assert not any(has_pair(extra, f, x) for x in (a, d))  # the dismissal adds nothing
