"""Export from Neo4j, training on the closet graph, versioned write-back and serving helpers
(real Neo4j through the `clean_graph` fixture; tiny generated outfits, a few epochs)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from neo4j import Driver

from gnn.closet_graph import VARIANTS, build_closet_graph
from gnn.closet_train import fitb_metrics, fitb_questions, train_closet
from gnn.export import export_graph
from gnn.writeback import rollback, score_counts, write_scores
from graph.db.connection import run_batches
from graph.db.schema import apply_schema
from graph.ingest.loader import load_catalog, load_files
from graph.recommend.ranking import Recommendation, rerank
from graph.recommend.scores import active_model, active_version, item_scores, top_scored
from tests.support.neo4j import wipe
from tests.support.two_styles import FAST, STYLES, item, outfits


@pytest.fixture(scope="module")
def data_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("gnn-graph")
    train = root / "train.json"
    train.write_text(json.dumps(outfits(60), ensure_ascii=False))
    # catalog: cold copies (never in an outfit) of every kind
    cold = [item(s, c, k, 9) for s in STYLES for c in STYLES[s] for k in range(len(STYLES[s][c]))]
    catalog = root / "catalog.json"
    catalog.write_text(json.dumps(cold, ensure_ascii=False))
    return train, catalog


@pytest.fixture(scope="module")
def loaded(driver: Driver, data_files: tuple[Path, Path]) -> Driver:
    """Loaded once for the module (tests here only add SCORED edges and the registry)."""
    wipe(driver)
    apply_schema(driver)
    load_files(driver, [data_files[0]], progress=False)
    load_catalog(driver, data_files[1])
    return driver


@pytest.fixture(scope="module")
def trained(loaded: Driver):
    return train_closet(export_graph(loaded), "content", FAST, progress=False)


def test_export_streams_pages(loaded: Driver) -> None:
    small = export_graph(loaded, page_size=7)
    big = export_graph(loaded, page_size=5000)
    assert [i.id for i in small.items] == [i.id for i in big.items]
    assert [(o.id, sorted(o.items)) for o in small.outfits] == [
        (o.id, sorted(o.items)) for o in big.outfits
    ]
    assert len(big.outfits) == 60
    cold = [i for i in big.items if i.name.endswith(" 09")]
    assert len(cold) == 10
    assert all(i.cluster for i in cold)
    shirt = next(i for i in big.items if i.name == "Navy Oxford Shirt 00")
    assert (shirt.category, shirt.mid_class, shirt.color) == ("top", "shirt", "navy")


def test_every_variant_builds_and_content_links_cold_items(loaded: Driver) -> None:
    export = export_graph(loaded)
    index = export.item_index()
    cold = index[next(i.id for i in export.items if i.name == "Navy Oxford Shirt 09")]
    for variant in VARIANTS:
        cg = build_closet_graph(export, variant)
        assert cg.graph.positives.size
        assert not cg.warm[cold]
    content = build_closet_graph(export, "content").graph
    assert (content.edges[:, 0] == cold).any()  # the cold shirt reaches its features
    cooc = build_closet_graph(export, "cooc").graph
    assert not (cooc.edges == cold).any()
    # positives never pair two items of one big category
    cats = [i.category for i in export.items]
    assert all(cats[a] != cats[b] for a, b in content.positives)


def test_training_places_cold_items_by_content(loaded: Driver, trained) -> None:
    export = export_graph(loaded)
    result = trained
    assert result.best_epoch >= 1
    assert "val_mrr" in result.val_metrics
    by_name = {i.name: i.id for i in export.items}
    # a cold formal shirt should go with a cold formal slacks rather than cold street jeans
    scores = result.scorer.score(
        [by_name["Navy Oxford Shirt 09"]],
        [by_name["Grey Wool Slacks 09"], by_name["Blue Denim Jeans 09"]],
    )
    assert scores[0] > scores[1]
    category = {i.id: i.category for i in export.items}
    questions = fitb_questions(export.outfits, category, 4, seed=1)
    assert fitb_metrics(result.scorer, questions)["val_acc"] > 0.4  # chance: 0.25


def test_write_back_versions_switch_atomically(loaded: Driver, trained) -> None:
    assert active_model(loaded) is None
    export = export_graph(loaded)
    first = trained
    report = write_scores(loaded, first.scorer, top_k=3, progress=False)
    assert active_model(loaded) == report.model
    assert report.previous is None
    assert score_counts(loaded) == {report.model: report.edges}
    shirt = next(i.id for i in export.items if i.name == "Navy Oxford Shirt 00")
    recs = top_scored(loaded, shirt, per_category=2)
    assert set(recs) == {"bottom", "outer"}  # never the item's own category
    for rows in recs.values():
        assert len(rows) <= 2
        assert all(0 < r["probability"] < 1 and r["model"] == report.model for r in rows)
        assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)

    # a crash mid-write: half a new version is written but never activated
    run_batches(
        loaded,
        "gnn/write_scores",
        [{"cluster": "shirt|navy", "item": shirt, "score": 99.0, "rank": 1}],
        model="lightgcn-crashed",
    )
    assert active_model(loaded) == report.model
    assert top_scored(loaded, shirt, per_category=2) == recs

    second = write_scores(loaded, first.scorer, top_k=3, progress=False)
    assert second.previous == report.model
    assert active_model(loaded) == second.model
    # the previous version stays whole for a rollback; only the crashed half-write goes
    assert score_counts(loaded) == {second.model: second.edges, report.model: report.edges}
    assert second.deleted == 1

    # a rollback serves the previous version again, with its own scores
    swapped = rollback(loaded)
    assert (swapped["active"], swapped["previous"]) == (report.model, second.model)
    assert active_model(loaded) == report.model
    assert {r["model"] for rows in top_scored(loaded, shirt, 2).values() for r in rows} == {
        report.model
    }
    assert rollback(loaded)["active"] == second.model  # and forward again

    third = write_scores(loaded, first.scorer, top_k=3, progress=False)
    assert score_counts(loaded) == {third.model: third.edges, second.model: second.edges}
    assert third.deleted == report.edges  # the version two back


def test_hybrid_rerank_orders_rule_candidates_by_score(loaded: Driver, trained) -> None:
    export = export_graph(loaded)
    result = trained
    write_scores(loaded, result.scorer, top_k=50, progress=False)
    shirt = next(i.id for i in export.items if i.name == "Navy Oxford Shirt 00")
    bottoms = [i.id for i in export.items if i.category == "bottom"]
    candidates = [
        Recommendation({"id": b}, 0.0, 1, "cluster", None, "rule")
        for b in [*bottoms, "not-an-item"]
    ]
    scores = item_scores(loaded, shirt, [c.item["id"] for c in candidates])
    ranked = rerank({"bottom": candidates}, scores)["bottom"]
    got = [r.score for r in ranked if r.probability is not None]
    assert got == sorted(got, reverse=True)
    assert len(got) == len(bottoms)
    assert ranked[-1].item["id"] == "not-an-item"
    assert ranked[-1].probability is None
    assert np.isclose(ranked[0].probability, 1 / (1 + np.exp(-ranked[0].score)))
    assert ranked[0].explanation.startswith("rule; LightGCN ")


def test_served_probabilities_use_the_versions_calibration(loaded: Driver, trained) -> None:
    platt, report = trained.calibration, trained.calibration_report
    assert platt is not None
    assert report["pairs"] >= 20
    assert platt.a > 0  # a higher score is more likely the real piece
    write_scores(loaded, trained.scorer, top_k=3, progress=False, calibration=platt)
    registry = active_version(loaded)
    assert registry is not None
    assert (registry["platt_a"], registry["platt_b"]) == (platt.a, platt.b)
    export = export_graph(loaded)
    shirt = next(i.id for i in export.items if i.name == "Navy Oxford Shirt 00")
    served = [r for rows in top_scored(loaded, shirt, per_category=2).values() for r in rows]
    assert served
    for row in served:
        assert row["probability"] == pytest.approx(float(platt.probability(row["score"])))
    # a version written without a calibration serves the plain sigmoid again
    write_scores(loaded, trained.scorer, top_k=3, progress=False)
    plain = [r for rows in top_scored(loaded, shirt, per_category=2).values() for r in rows]
    for row in plain:
        assert row["probability"] == pytest.approx(1 / (1 + np.exp(-row["score"])))
