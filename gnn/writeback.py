"""Write model scores back into Neo4j under a new version, switch to it atomically, clean up.

1. `(:Cluster)-[:SCORED {score, rank, model: <new version>}]->(:Item)` for the top-K items of
   every other big category per cluster, in batches (one transaction each). Serving reads only
   the version named by `(:ModelRegistry {name})`.active, so these edges stay invisible.
2. One transaction sets `active` to the new version (the previous one is kept in `previous`,
   with its calibration and fingerprint, so `rollback` can serve it again).
3. Edges of every version but these two (older ones, or a crashed half-write) are deleted in
   batches.
A crash before step 2 leaves the previous scores serving; step 3 of the next run removes the
orphaned edges.

The learned ranker trained with these scores is stored first as a `(:RankerModel {version})`
node (`write_ranker`) and switched by the same transaction as step 2; ranker versions other
than the active and the previous one are deleted after.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from neo4j import Driver
from tqdm.auto import tqdm

from core.vocabulary import LIGHTGCN, RANKER
from gnn.calibration import Platt
from gnn.closet_graph import ItemScorer
from gnn.ranker import RankerTraining
from graph.db.connection import read, run, run_batches, run_statements

MODEL_NAME = LIGHTGCN


@dataclass
class WriteReport:
    model: str
    previous: str | None
    edges: int
    deleted: int
    ranker: str | None = None


def new_version(variant: str) -> str:
    """A unique, sortable version string: lightgcn-<variant>-<UTC time>-<random>."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return f"{MODEL_NAME}-{variant}-{stamp}-{uuid.uuid4().hex[:6]}"


def score_rows(scorer: ItemScorer, top_k: int) -> Iterator[dict]:
    """Top-k items of every other big category for every cluster, best first."""
    cg = scorer.cg
    by_cat: dict[str, np.ndarray] = {}
    for cat in sorted({c for c in cg.item_category if c}):
        by_cat[cat] = np.array([n for n, c in enumerate(cg.item_category) if c == cat])
    cluster_cat: dict[str, str | None] = {}
    for c, cat in zip(cg.item_cluster, cg.item_category, strict=True):
        if c:
            cluster_cat.setdefault(c, cat)
    for cluster in cg.clusters:
        if cluster not in scorer.centroid:
            continue
        for cat, idx in by_cat.items():
            if cat == cluster_cat.get(cluster):
                continue
            scores = scorer.cluster_scores(cluster, idx)
            top = np.argsort(-scores, kind="stable")[:top_k]
            for rank, t in enumerate(top, 1):
                yield {
                    "cluster": cluster,
                    "item": cg.item_ids[idx[t]],
                    "score": round(float(scores[t]), 6),
                    "rank": rank,
                }


def apply_score_schema(driver: Driver) -> None:
    """Registry constraint and SCORED.model index (idempotent)."""
    run_statements(driver, "gnn/schema")


def write_scores(
    driver: Driver,
    scorer: ItemScorer,
    top_k: int = 50,
    batch_size: int = 2000,
    metrics: dict | None = None,
    version: str | None = None,
    progress: bool = True,
    calibration: Platt | None = None,
    fingerprint: str | None = None,
    ranker: RankerTraining | None = None,
) -> WriteReport:
    """Write, activate and clean up; returns what was written and deleted. The version is
    activated together with its calibration (identity when None), the graph's fingerprint and
    the ranker trained with it, so what is served always belongs together."""
    calibration = calibration or Platt()
    if top_k < 1:
        raise ValueError("top_k must be at least 1")
    apply_score_schema(driver)
    model = version or new_version(scorer.cg.variant)
    ranker_version = write_ranker(driver, ranker, model) if ranker else None
    rows = score_rows(scorer, top_k)
    rows = tqdm(rows, desc="writing SCORED", unit="edge", disable=not progress)
    edges = run_batches(driver, "gnn/write_scores", rows, batch_size=batch_size, model=model)
    flipped = run(
        driver,
        "gnn/activate_model",
        name=MODEL_NAME,
        model=model,
        metrics=json.dumps(metrics or {}, sort_keys=True),
        variant=scorer.cg.variant,
        platt_a=calibration.a,
        platt_b=calibration.b,
        fingerprint=fingerprint,
        ranker=ranker_version,
        best=ranker.best if ranker else None,
    )
    previous = flipped[0]["previous"]
    deleted = delete_other_versions(driver, [model, previous] if previous else [model], batch_size)
    run(driver, "gnn/delete_old_rankers")
    return WriteReport(model, previous, edges, deleted, ranker_version)


def rollback(driver: Driver) -> dict | None:
    """Serve the previous version again (and the ranker trained with it); the version rolled
    back becomes `previous`. None when there is no previous version."""
    rows = run(driver, "gnn/rollback", name=MODEL_NAME)
    return rows[0] if rows else None


def write_ranker(driver: Driver, training: RankerTraining, lightgcn_version: str) -> str:
    """Store the ranker as a new, not yet served version (named after its LightGCN version)."""
    version = f"{RANKER}-{lightgcn_version}"
    run(
        driver,
        "gnn/write_ranker",
        version=version,
        selection=json.dumps(training.selection, sort_keys=True),
        best=training.best,
        **training.ranker.to_properties(),
    )
    return version


def delete_other_versions(driver: Driver, keep: list[str], batch_size: int = 5000) -> int:
    """Delete SCORED edges of every version not in `keep`, one batch per transaction."""
    total = 0
    while True:
        deleted = run(driver, "gnn/delete_old_scores", keep=keep, limit=batch_size)[0]["deleted"]
        total += deleted
        if deleted == 0:
            return total


def score_counts(driver: Driver) -> dict[str, int]:
    """SCORED edges per model version."""
    return {r["model"]: r["edges"] for r in read(driver, "gnn/count_scores")}
