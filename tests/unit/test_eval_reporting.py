"""What `closet eval` reports beyond accuracy: the brand baselines, the cross-brand subset and
bootstrap intervals resampled by outfit (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from core.records import Item
from gnn.evaluation.bootstrap import bootstrap_interval, grouped
from gnn.evaluation.models import BRAND_FIRST, BrandCooccurrenceModel, BrandModel
from gnn.evaluation.protocol import cross_brand, make_split
from gnn.evaluation.report import SplitReport, average, cell
from gnn.evaluation.scorer import fitb_accuracy, retrieval_metrics
from gnn.export import ExportedOutfit, GraphExport
from tests.support.two_styles import outfits


def item(item_id: str, brand: str | None, cluster: str, category: str = "top") -> Item:
    return Item(id=item_id, name=item_id, brand=brand, category=category, cluster=cluster)


@pytest.fixture
def export() -> GraphExport:
    items = [
        item("S1", "acme", "shirt|navy"),
        item("J1", "acme", "jeans|blue", "bottom"),
        item("J2", "other", "jeans|blue", "bottom"),
        item("J3", "other", "slacks|grey", "bottom"),
        item("J4", None, "shorts|grey", "bottom"),
    ]
    worn = [["S1", "J1"], ["S1", "J2"], ["S1", "J2"], ["S1", "J3"]]
    return GraphExport(items, [ExportedOutfit(f"o{n}", w) for n, w in enumerate(worn)])


def test_brand_counts_given_items_of_the_candidates_brand(export: GraphExport) -> None:
    scores = BrandModel(export).score(["S1"], ["J1", "J2", "J4"])
    assert scores.tolist() == [1.0, 0.0, 0.0]  # an item without a brand matches nothing


def test_brand_first_then_cluster_cooccurrence(export: GraphExport) -> None:
    model = BrandCooccurrenceModel(export)
    # shirt|navy with jeans|blue: 3 training outfits; with slacks|grey: 1; shorts: none
    assert model.cooccurrence("shirt|navy", "jeans|blue") == 3
    assert model.cooccurrence("jeans|blue", "shirt|navy") == 3
    scores = model.score(["S1"], ["J1", "J2", "J3", "J4"])
    assert scores.tolist() == [BRAND_FIRST + 3, 3.0, 1.0, 0.0]
    assert list(np.argsort(-scores)) == [0, 1, 2, 3]


def test_cross_brand_questions() -> None:
    brand = {"S1": "acme", "J1": "acme", "J2": "other", "J4": None}
    assert not cross_brand("J1", ["S1"], brand)
    assert cross_brand("J2", ["S1"], brand)
    assert cross_brand("J4", ["S1"], brand)  # unknown brand: brand identity cannot answer it


def test_one_group_of_values_has_no_spread() -> None:
    assert bootstrap_interval([[1.0, 1.0], [1.0]]) == (1.0, 1.0)
    assert bootstrap_interval([]) == (0.0, 0.0)


def test_resampling_whole_outfits() -> None:
    # two outfits, one right, one wrong: resampled pairs give means 0, 0.5 or 1
    assert bootstrap_interval([[1.0], [0.0]]) == (0.0, 1.0)
    # many outfits, half right: the interval narrows around 0.5 and is reproducible
    many = [[float(n % 2)] for n in range(400)]
    low, high = bootstrap_interval(many)
    assert 0.42 < low < 0.5 < high < 0.58
    assert bootstrap_interval(many) == (low, high)
    assert grouped([("a", 1), ("b", 0), ("a", 0)]) == [[1.0, 0.0], [0.0]]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_fitb_reports_the_cross_brand_subset_with_intervals(tmp_path: Path) -> None:
    truth = write_jsonl(
        tmp_path / "truth.jsonl",
        [
            {"question_id": "a", "answer": "x", "outfit_id": "o1", "cross_brand": False},
            {"question_id": "b", "answer": "y", "outfit_id": "o1", "cross_brand": True},
            {"question_id": "c", "answer": "z", "outfit_id": "o2", "cross_brand": True},
        ],
    )
    answers = write_jsonl(
        tmp_path / "answers.jsonl",
        [
            {"question_id": "a", "ranking": ["x", "q"]},
            {"question_id": "b", "ranking": ["y", "q"]},
            {"question_id": "c", "ranking": ["q", "z"]},
        ],
    )
    scored = fitb_accuracy(answers, truth)
    assert scored["fitb"] == pytest.approx(2 / 3)
    assert scored["cross_brand_questions"] == 2
    assert scored["fitb_cross_brand"] == 0.5
    # outfit o1 scores 2/2, o2 0/1: resampled means are 0, 2/3 or 1
    assert scored["fitb_ci"] == [0.0, 1.0]
    assert scored["fitb_cross_brand_ci"] == [0.0, 1.0]


def test_old_truth_files_still_score(tmp_path: Path) -> None:
    truth = write_jsonl(tmp_path / "t.jsonl", [{"question_id": "a", "answer": "x"}])
    answers = write_jsonl(tmp_path / "a.jsonl", [{"question_id": "a", "ranking": ["x"]}])
    assert fitb_accuracy(answers, truth) == {"fitb": 1.0, "questions": 1, "unanswered": 0}


def test_retrieval_intervals(tmp_path: Path) -> None:
    truth = write_jsonl(
        tmp_path / "t.jsonl",
        [
            {"query_id": "r1", "positives": ["a"], "outfit_id": "o1"},
            {"query_id": "r2", "positives": ["b"], "outfit_id": "o2"},
        ],
    )
    answers = write_jsonl(
        tmp_path / "a.jsonl",
        [{"query_id": "r1", "ranking": ["a"]}, {"query_id": "r2", "ranking": ["c"]}],
    )
    metrics = retrieval_metrics(answers, truth, {"a": "k|x", "b": "k|y", "c": "k|z"})
    assert metrics["recall@10"] == 0.5
    assert metrics["recall@10_ci"] == [0.0, 1.0]
    assert metrics["cluster_recall@10"] == 0.5


def test_split_truth_names_outfits_and_cross_brand(tmp_path: Path) -> None:
    records = outfits(80, seed=5)  # every outfit is one brand's (its style's "lab")
    records[0]["items"][0]["brand"] = "guest label"
    data = tmp_path / "outfits.json"
    data.write_text(json.dumps(records, ensure_ascii=False))
    split = make_split([data], tmp_path / "split", seed=3)
    questions = [json.loads(x) for x in split.fitb[4][0].read_text().splitlines()]
    truth = [json.loads(x) for x in split.fitb[4][1].read_text().splitlines()]
    assert [t["outfit_id"] for t in truth] == [q["outfit_id"] for q in questions]
    brand: dict[str, str | None] = {}
    for r in records:  # the first record of an item wins, as in the importer
        for i in r["items"]:
            brand.setdefault(i["item_id"], i["brand"])
    assert any(t["cross_brand"] for t in truth)  # the guest-label piece makes some
    for q, t in zip(questions, truth, strict=True):
        assert t["cross_brand"] == cross_brand(t["answer"], q["given"], brand)
    retrieval = [json.loads(x) for x in split.queries_truth.read_text().splitlines()]
    assert all("outfit_id" in r for r in retrieval)


def test_averages_over_seeds_keep_the_range() -> None:
    reports = [
        SplitReport(42, [{"model": "brand", "fitb@4": 0.5, "fitb@10": 0.4}]),
        SplitReport(1, [{"model": "brand", "fitb@4": 0.7, "fitb@10": 0.2}]),
    ]
    (row,) = average(reports)
    assert row["fitb@4"] == pytest.approx(0.6)
    assert row["fitb@4_range"] == [0.5, 0.7]
    assert cell(row, "fitb@4", "range") == "0.600 (0.500–0.700)"
    assert cell(row, "cross_brand_fitb@4", "range") == "—"
