"""LightGCN by several processes (`closet train --nproc`, DistributedDataParallel with gloo on
the CPU) against one process on the same seed: the same validation FITB within a stated
tolerance; and the CLI writes the scores once, under one model version."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from closet.cli import app
from closet.sample.generate import SAMPLE_PATH
from core.settings import shared_snap_files
from gnn.closet_graph import build_closet_graph
from gnn.closet_train import CLOSET_DEFAULTS, ClosetTrainResult, train_closet
from gnn.evaluation.protocol import exported, read_snap
from gnn.export import GraphExport
from gnn.train import train_lightgcn
from gnn.writeback import score_counts
from graph.ingest.loader import load_files
from graph.recommend.scores import active_version

# FITB on the validation outfits (10 candidates each): the sample holds out 12 outfits (48
# questions), so one question is 0.02 of accuracy; the real outfits hold out 277.
SAMPLE_TOLERANCE = {"val_mrr": 0.05, "val_acc": 0.1}
REAL_TOLERANCE = {"val_mrr": 0.02, "val_acc": 0.02}


def fit(export: GraphExport, nproc: int) -> ClosetTrainResult:
    config = replace(CLOSET_DEFAULTS, nproc=nproc)
    return train_closet(export, config=config, refit=False, progress=False)


def assert_same_quality(one: ClosetTrainResult, two: ClosetTrainResult, tolerance: dict) -> None:
    assert two.device == "cpu ×2"
    assert one.device == "cpu"
    for metric, allowed in tolerance.items():
        gap = abs(one.val_metrics[metric] - two.val_metrics[metric])
        assert gap <= allowed, (metric, one.val_metrics, two.val_metrics)


def test_two_processes_train_as_well_as_one_on_the_sample() -> None:
    export = exported(read_snap([SAMPLE_PATH]))
    assert_same_quality(fit(export, 1), fit(export, 2), SAMPLE_TOLERANCE)


def test_two_processes_train_as_well_as_one_on_the_real_outfits() -> None:
    files = shared_snap_files()
    if not all(f.is_file() for f in files):
        pytest.skip("needs ../shared/data/musinsa-snap-2025 (the real MUSINSA outfits)")
    export = exported(read_snap(files))
    assert_same_quality(fit(export, 1), fit(export, 2), REAL_TOLERANCE)


def test_a_checkpoint_with_several_processes_is_refused() -> None:
    export = exported(read_snap([SAMPLE_PATH]))
    graph = build_closet_graph(export, "content").graph
    config = replace(CLOSET_DEFAULTS, nproc=2, checkpoint="/tmp/never-written.pt")
    with pytest.raises(ValueError, match="--checkpoint is not supported"):
        train_lightgcn(graph, config, progress=False)


def test_closet_train_nproc_writes_the_scores_once_under_one_version(clean_graph: Driver) -> None:
    load_files(clean_graph, [SAMPLE_PATH], progress=False)
    refused = CliRunner().invoke(app, ["train", "--nproc", "2", "--checkpoint", "x.pt"])
    assert refused.exit_code == 2
    assert "not supported" in refused.output
    trained = CliRunner().invoke(app, ["train", "--nproc", "2", "--no-ranker"])
    assert trained.exit_code == 0, trained.output
    summary = json.loads(trained.stdout[trained.stdout.index("{") :])
    assert summary["device"] == "cpu ×2"
    version = active_version(clean_graph)["active"]
    counts = score_counts(clean_graph)
    assert list(counts) == [version]
    assert counts[version] > 0
