"""Serving helpers for the API: which model is active, LightGCN recommendations from the
written SCORED edges, and hybrid re-ranking of rule-based candidates by the model score.

Scores are raw LightGCN dot products; `probability` is their sigmoid (what the demo shows).
"""

from __future__ import annotations

import math
from typing import Any

from neo4j import Driver

from gnn.writeback import MODEL_NAME, active_version
from graph.db.connection import read


def active_model(driver: Driver) -> str | None:
    """The active LightGCN version, or None when no model was trained (serve `rule`)."""
    row = active_version(driver, MODEL_NAME)
    return row["active"] if row else None


def recommend_lightgcn(
    driver: Driver, item_id: str, per_category: int = 5
) -> dict[str, list[dict[str, Any]]]:
    """Top items per big category from the item's cluster's SCORED edges (active model).

    Returns {category: [{id, name, brand, price, mid_class, color, url, image_url, score,
    probability, model}, ...]}; empty when no model is active or the item has no cluster.
    """
    rows = read(
        driver,
        "recommend/lightgcn_by_item",
        item_id=item_id,
        per_category=per_category,
        name=MODEL_NAME,
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row.pop("category"), []).append(row)
    return out


def model_scores(driver: Driver, item_id: str, candidate_ids: list[str]) -> dict[str, dict]:
    """{candidate id: {score, probability, model}} from the item's cluster (active model)."""
    rows = read(
        driver,
        "recommend/hybrid_scores",
        item_id=item_id,
        ids=list(candidate_ids),
        name=MODEL_NAME,
    )
    return {r["id"]: {k: r[k] for k in ("score", "probability", "model")} for r in rows}


def closet_scores(driver: Driver, owned_ids: list[str], candidate_ids: list[str]) -> dict:
    """Like `model_scores`, from a whole closet: mean over the owned items' clusters."""
    rows = read(
        driver,
        "recommend/hybrid_closet_scores",
        item_ids=list(owned_ids),
        ids=list(candidate_ids),
        name=MODEL_NAME,
    )
    return {r["id"]: {k: r[k] for k in ("score", "probability", "model")} for r in rows}


def rerank_hybrid(
    candidates: list[dict[str, Any]], scores: dict[str, dict], key: str = "id"
) -> list[dict[str, Any]]:
    """Rule-based candidates ordered by model score, best first (stable: candidates without a
    score keep their rule order after the scored ones). Each candidate gets `score`,
    `probability` and `model` (None when unscored)."""
    ranked = []
    for order, cand in enumerate(candidates):
        s = scores.get(cand[key])
        ranked.append(
            (
                0 if s else 1,
                -(s["score"] if s else 0.0),
                order,
                {
                    **cand,
                    "score": s["score"] if s else None,
                    "probability": s["probability"] if s else None,
                    "model": s["model"] if s else None,
                },
            )
        )
    ranked.sort(key=lambda t: t[:3])
    return [t[3] for t in ranked]


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
