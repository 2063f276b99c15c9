"""The evaluation protocol, the scorer, and the `closet train` / `closet eval` commands."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from closet.cli import app
from gnn.evaluation.models import PopularityModel
from gnn.evaluation.protocol import exported, make_split
from gnn.evaluation.runner import EvalInputError, answer_retrieval, read_lines, write_lines
from gnn.evaluation.scorer import distinct_clusters, fitb_accuracy, retrieval_metrics
from graph.ingest.loader import load_files
from graph.ingest.writer import graph_counts
from graph.recommend.scores import active_model, active_version
from tests.support.two_styles import outfits

runner = CliRunner()


@pytest.fixture(scope="module")
def snap_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gnn-eval") / "outfits.json"
    path.write_text(json.dumps(outfits(80, seed=5), ensure_ascii=False))
    return path


@pytest.fixture(scope="module")
def split(snap_file: Path, tmp_path_factory: pytest.TempPathFactory):
    return make_split([snap_file], tmp_path_factory.mktemp("split"), seed=3)


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_split_protocol(split, snap_file: Path) -> None:
    train = json.loads(split.train.read_text())
    catalog = json.loads(split.catalog.read_text())
    assert len(train) == 64  # 80% of 80 outfits
    everything = exported(json.loads(snap_file.read_text()))
    heldout_ids = {o.id for o in everything.outfits} - {o["outfit_id"] for o in train}
    heldout = [o for o in everything.outfits if o.id in heldout_ids]
    heldout_items = {i for o in heldout for i in o.items}
    assert {c["item_id"] for c in catalog} == heldout_items
    category = {i.id: i.category for i in everything.items}
    outfit_of = {o.id: o for o in heldout}
    for n in (4, 10):
        questions, truth = jsonl(split.fitb[n][0]), jsonl(split.fitb[n][1])
        assert questions
        assert len(questions) == len(truth)
        for q, t in zip(questions, truth, strict=True):
            assert len(q["candidates"]) == n
            assert t["answer"] in q["candidates"]
            assert t["answer"] not in q["given"]
            own = set(outfit_of[q["outfit_id"]].items)
            for c in q["candidates"]:
                assert category[c] == category[t["answer"]]
                # negatives come from *other held-out outfits*, never the catalog at large
                assert c == t["answer"] or (c in heldout_items and c not in own)
    pools = json.loads(split.pools.read_text())
    assert set(pools["heldout"]) == heldout_items
    queries, truth = jsonl(split.queries), jsonl(split.queries_truth)
    for q, t in zip(queries, truth, strict=True):
        assert all(category[p] != q["exclude_category"] for p in t["positives"])


def test_scorer_by_hand(tmp_path: Path) -> None:
    truth = tmp_path / "t.jsonl"
    answers = tmp_path / "a.jsonl"
    truth.write_text('{"question_id": "a", "answer": "x"}\n{"question_id": "b", "answer": "y"}\n')
    answers.write_text('{"question_id": "a", "ranking": ["x", "z"]}\n')
    assert fitb_accuracy(answers, truth) == {"fitb": 0.5, "questions": 2, "unanswered": 1}

    clusters = {"p1": "c1", "p2": "c2", "n1": "c1", "n2": "c3"}
    assert distinct_clusters(["n2", "n1", "p1", "p2"], clusters) == ["c3", "c1", "c2"]
    truth.write_text('{"query_id": "q", "positives": ["p1", "p2"]}\n')
    answers.write_text('{"query_id": "q", "ranking": ["n2", "p1", "n1", "p2"]}\n')
    m = retrieval_metrics(answers, truth, clusters)
    assert m["recall@10"] == 1.0
    assert m["recall@50"] == 1.0
    ideal = 1 + 1 / math.log2(3)
    assert m["ndcg@10"] == pytest.approx((1 / math.log2(3) + 1 / math.log2(5)) / ideal)
    # clusters in order: c3, c1, c2 -> positives c1, c2 at positions 2 and 3
    assert m["cluster_ndcg@10"] == pytest.approx((1 / math.log2(3) + 1 / math.log2(4)) / ideal)


def test_retrieval_answers_exclude_the_category_and_the_query(split, tmp_path: Path) -> None:
    export = exported(json.loads(split.train.read_text()), json.loads(split.catalog.read_text()))
    category = {i.id: i.category for i in export.items}
    queries = read_lines(split.queries, ("query_id", "query_item", "pool", "exclude_category"))
    pools = json.loads(split.pools.read_text())
    out = tmp_path / "answers.jsonl"
    n = write_lines(out, answer_retrieval(PopularityModel(export), pools, queries, category.get))
    assert n == len(queries)
    for q, a in zip(queries, jsonl(out), strict=True):
        assert a["ranking"]
        assert q["query_item"] not in a["ranking"]
        assert all(category[i] != q["exclude_category"] for i in a["ranking"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"query_id": 1}\n')
    with pytest.raises(EvalInputError, match=r"bad\.jsonl:1: missing"):
        read_lines(bad, ("query_id", "pool"))


def test_closet_train_writes_an_active_model(
    clean_graph: Driver, snap_file: Path, tmp_path: Path
) -> None:
    other_snaps = tmp_path / "more.json"
    more = outfits(5, seed=9)
    for n, record in enumerate(more):
        record["outfit_id"] = str(900000 + n)
    other_snaps.write_text(json.dumps(more, ensure_ascii=False))
    load_files(clean_graph, [snap_file], progress=False)
    assert active_model(clean_graph) is None
    result = runner.invoke(app, ["train", "--epochs", "10", "--top-k", "3", "--dim", "16"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout[result.stdout.index("{") :])
    assert summary["model"] == active_model(clean_graph)
    assert summary["scored_edges"] > 0
    assert summary["variant"] == "content"
    ranker = active_version(clean_graph, "ranker")
    assert ranker is not None
    assert ranker["active"] == summary["ranker_version"]
    assert ranker["lightgcn"] == summary["model"]
    assert ranker["best"] == summary["ranker"]["best"]
    assert set(summary["ranker"]["selection_fitb@10"]) == {"ranker", "lightgcn"}

    # the graph has not changed: a second run is skipped, and --force retrains
    same = runner.invoke(app, ["train", "--epochs", "10", "--top-k", "3", "--dim", "16"])
    assert same.exit_code == 0, same.output
    assert "training skipped" in same.output
    assert json.loads(same.stdout[same.stdout.index("{") :]) == {
        "skipped": True,
        "model": summary["model"],
    }
    assert active_model(clean_graph) == summary["model"]
    forced = runner.invoke(
        app, ["train", "--epochs", "10", "--top-k", "3", "--dim", "16", "--force"]
    )
    assert forced.exit_code == 0, forced.output
    retrained = json.loads(forced.stdout[forced.stdout.index("{") :])
    assert retrained["previous"] == summary["model"]
    assert active_version(clean_graph, "ranker")["previous"] == summary["ranker_version"]
    # roll back: the first version serves again, its ranker with it, and is again "unchanged"
    back = runner.invoke(app, ["train", "--rollback"])
    assert back.exit_code == 0, back.output
    assert active_model(clean_graph) == summary["model"]
    assert active_version(clean_graph, "ranker")["active"] == summary["ranker_version"]
    assert active_version(clean_graph, "lightgcn")["fingerprint"] == summary["fingerprint"]
    forward = runner.invoke(app, ["train", "--rollback"])
    assert forward.exit_code == 0, forward.output
    assert active_model(clean_graph) == retrained["model"]
    # other options, or a changed graph, are a different fingerprint
    assert retrained["fingerprint"] == summary["fingerprint"]
    load_files(clean_graph, [other_snaps], progress=False)
    changed = runner.invoke(app, ["train", "--epochs", "10", "--top-k", "3", "--dim", "16"])
    assert changed.exit_code == 0, changed.output
    assert "training skipped" not in changed.output
    kept = clean_graph.execute_query("MATCH (m:RankerModel) RETURN count(m) AS n").records
    assert kept[0]["n"] == 2  # the active version and the previous one, for rollback

    bad = runner.invoke(app, ["train", "--variant", "nope"])
    assert bad.exit_code == 2
    assert "Traceback" not in bad.output
    assert "--variant must be one of" in bad.output
    resume = runner.invoke(app, ["train", "--resume"])
    assert resume.exit_code == 2
    assert "--resume needs --checkpoint" in resume.output


def test_closet_train_on_a_handful_of_outfits_trains_lightgcn_alone(
    clean_graph: Driver, tmp_path: Path
) -> None:
    few = tmp_path / "few.json"
    few.write_text(json.dumps(outfits(6, seed=2), ensure_ascii=False))
    load_files(clean_graph, [few], progress=False)
    result = runner.invoke(app, ["train", "--epochs", "5", "--top-k", "3", "--dim", "8"])
    assert result.exit_code == 0, result.output
    assert "too few for the learned ranker" in result.output
    summary = json.loads(result.stdout[result.stdout.index("{") :])
    assert summary["model"] == active_model(clean_graph)
    assert "ranker" not in summary
    assert active_version(clean_graph, "ranker") is None
    nothing = runner.invoke(app, ["train", "--rollback"])
    assert nothing.exit_code == 1
    assert "no previous version" in nothing.output


@pytest.mark.slow
def test_closet_eval_fitb_on_a_throwaway_server(clean_graph: Driver, split, tmp_path: Path) -> None:
    before = graph_counts(clean_graph)
    answers = tmp_path / "answers.jsonl"
    questions, truth = split.fitb[4]
    result = runner.invoke(
        app,
        [
            "eval",
            "fitb",
            "--train",
            str(split.train),
            "--catalog",
            str(split.catalog),
            "--questions",
            str(questions),
            "--out",
            str(answers),
            "--model",
            "hybrid",
            "--epochs",
            "10",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = jsonl(answers)
    asked = jsonl(questions)
    assert [r["question_id"] for r in rows] == [q["question_id"] for q in asked]
    for r, q in zip(rows, asked, strict=True):
        assert sorted(r["ranking"]) == sorted(q["candidates"])
    assert graph_counts(clean_graph) == before  # the test server's graph was not touched

    scored = runner.invoke(
        app, ["eval", "score-fitb", "--answers", str(answers), "--truth", str(truth)]
    )
    assert scored.exit_code == 0, scored.output
    answer_of = {t["question_id"]: t["answer"] for t in jsonl(truth)}
    right = sum(1 for r in rows if r["ranking"][0] == answer_of[r["question_id"]])
    summary = json.loads(scored.stdout)
    assert summary["fitb"] == right / len(asked)
    assert (summary["questions"], summary["unanswered"]) == (len(asked), 0)
    assert summary["fitb_ci"][0] <= summary["fitb"] <= summary["fitb_ci"][1]
    assert summary["cross_brand_questions"] == 0  # one brand per outfit in this data

    broken = tmp_path / "broken.jsonl"
    broken.write_text("not json\n")
    bad = runner.invoke(
        app,
        [
            "eval",
            "fitb",
            "--train",
            str(split.train),
            "--catalog",
            str(split.catalog),
            "--questions",
            str(broken),
            "--out",
            str(tmp_path / "x.jsonl"),
        ],
        env={"COLUMNS": "40"},  # a narrow terminal must not break the message
    )
    assert bad.exit_code == 2
    assert "not JSON" in bad.output
    assert "Traceback" not in bad.output


@pytest.mark.slow
def test_closet_eval_run_prints_every_model_with_intervals(snap_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "eval",
            "run",
            "--data",
            str(snap_file),
            "--seeds",
            "3",
            "--model",
            "brand+cooc",
            "--model",
            "random",
            "--model",
            "brand",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Split seed 3:" in result.output
    (report,) = json.loads((tmp_path / "eval_closet_seeds3.json").read_text())
    rows = report["rows"]
    assert [r["model"] for r in rows] == ["random", "brand", "brand+cooc"]  # the table's order
    split = make_split([snap_file], tmp_path / "same-split", seed=3)
    asked = len(jsonl(split.fitb[4][0]))
    for row in rows:
        assert row["questions@4"] == asked
        low, high = row["fitb@4_ci"]
        assert low <= row["fitb@4"] <= high
        assert low < high
        assert row["cross_brand_questions@4"] == 0  # every outfit here is one brand's shoot
        assert row["cross_brand_fitb@4"] is None
    markdown = (tmp_path / "eval_closet_seeds3.md").read_text()
    assert "| brand+cooc |" in markdown
    assert "cross-brand FITB@4" in markdown
    bad = runner.invoke(app, ["eval", "run", "--data", str(snap_file), "--model", "magic"])
    assert bad.exit_code == 2
    assert "unknown model(s) magic" in bad.output


@pytest.mark.slow
def test_closet_eval_occasion_reports_the_paired_gain(snap_file: Path, tmp_path: Path) -> None:
    """FITB with and without each question's own style and season, on the same questions."""
    args = ["eval", "occasion", "--data", str(snap_file), "--seeds", "3", "--epochs", "20"]
    result = runner.invoke(app, [*args, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (report,) = json.loads((tmp_path / "occasion.json").read_text())
    split = make_split([snap_file], tmp_path / "same-split", seed=3)
    assert set(report["fitb"]) == {
        f"fitb@{n} {asked}" for n in (4, 10) for asked in ("style+season", "style", "season")
    }
    for key, row in report["fitb"].items():
        n = int(key.split()[0].split("@")[1])
        assert row["questions"] == len(jsonl(split.fitb[n][0]))
        assert row["gain"] == pytest.approx(row["with_occasion"] - row["plain"])
        low, high = row["gain_ci"]
        assert low <= row["gain"] <= high
    # every outfit here is spring: the season alone tells the candidates nothing apart
    assert report["fitb"]["fitb@4 season"]["gain"] == 0.0
    assert "| FITB@4 | style+season |" in (tmp_path / "occasion.md").read_text()
    bad = runner.invoke(app, ["eval", "occasion", "--data", str(snap_file), "--seeds", "x"])
    assert bad.exit_code == 2
    assert "--seeds expects integers" in bad.output
    missing = runner.invoke(app, ["eval", "occasion", "--data", str(tmp_path / "none.json")])
    assert missing.exit_code == 2
    assert "missing data file" in missing.output
