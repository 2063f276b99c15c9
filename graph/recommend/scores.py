"""Reading a trained model's scores, which `closet train` wrote into the graph as SCORED edges
(cluster → item, per model version): which version is active, the top items of a cluster, and
the scores of given candidates. No torch here: serving only reads the graph.

Scores are raw LightGCN dot products; `probability` is sigmoid(a · score + b) with the active
version's Platt calibration (`gnn/calibration.py`), fitted on held-out validation outfits: the
chance that the piece completes a real outfit against a random piece of its category.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neo4j import Driver

from core.vocabulary import LIGHTGCN
from graph.db.connection import read


@dataclass(frozen=True)
class ModelScore:
    """A candidate's score under the active model: raw, as a probability, and the version."""

    score: float
    probability: float
    model: str


def active_version(driver: Driver, name: str = LIGHTGCN) -> dict[str, Any] | None:
    """The registry row of the active model, or None."""
    rows = read(driver, "gnn/registry_active", name=name)
    return rows[0] if rows and rows[0]["active"] else None


def active_model(driver: Driver) -> str | None:
    """The active LightGCN version, or None when no model was trained (serve `rule`)."""
    row = active_version(driver)
    return row["active"] if row else None


def top_scored(
    driver: Driver, item_id: str, per_category: int = 5, brands: str = "any"
) -> dict[str, list[dict[str, Any]]]:
    """Top items per big category from the item's cluster's SCORED edges (active model).

    Returns {category: [{id, name, brand, price, mid_class, color, url, image_url, score,
    probability, model}, ...]}; empty when no model is active or the item has no cluster.
    `brands` keeps any brand, only the item's ("same") or only other brands ("other").
    """
    rows = read(
        driver,
        "recommend/lightgcn_by_item",
        item_id=item_id,
        per_category=per_category,
        name=LIGHTGCN,
        brands=brands,
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row.pop("category"), []).append(row)
    return out


def _scores(rows: list[dict[str, Any]]) -> dict[str, ModelScore]:
    return {
        r["id"]: ModelScore(float(r["score"]), float(r["probability"]), r["model"]) for r in rows
    }


def item_scores(driver: Driver, item_id: str, candidate_ids: list[str]) -> dict[str, ModelScore]:
    """{candidate id: score} from the item's cluster (active model)."""
    rows = read(
        driver, "recommend/hybrid_scores", item_id=item_id, ids=list(candidate_ids), name=LIGHTGCN
    )
    return _scores(rows)


def closet_scores(
    driver: Driver, owned_ids: list[str], candidate_ids: list[str]
) -> dict[str, ModelScore]:
    """Like `item_scores`, from several owned items: the mean over their clusters."""
    rows = read(
        driver,
        "recommend/hybrid_closet_scores",
        item_ids=list(owned_ids),
        ids=list(candidate_ids),
        name=LIGHTGCN,
    )
    return _scores(rows)
