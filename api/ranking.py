"""Which model ranks a request: rule (Cypher), lightgcn (written scores) or hybrid.

The rule-based model always works. `lightgcn` and `hybrid` need a trained model whose scores
were written into the graph (`closet train`); without one the response falls back to `rule`
and says so. `hybrid` is the default once a model exists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import Driver

from api.models import RecommendationsResponse
from graph.recommend import recommend_for_closet, recommend_for_item

NO_MODEL_NOTE = "no trained model in the graph yet (run `closet train`): ranked by the rule model"


def _serving() -> Any | None:
    try:
        from gnn import serving
    except ImportError:
        return None
    return serving


def choose_model(driver: Driver, requested: str | None) -> tuple[str, str | None, str | None]:
    """(model used, model version, note) for a requested model name (None = default)."""
    serving = _serving()
    version = serving.active_model(driver) if serving is not None else None
    if version is None:
        note = NO_MODEL_NOTE if requested in ("lightgcn", "hybrid") else None
        return "rule", None, note
    return requested or "hybrid", version, None


def rank_item(
    driver: Driver,
    item_id: str,
    per_category: int,
    requested: str | None,
    exclude: list[str],
    to_categories: Callable[..., list],
    to_item: Callable[..., Any],
) -> RecommendationsResponse:
    """Recommendations for one item with the chosen model."""
    model, version, note = choose_model(driver, requested)
    if model == "rule":
        recs = recommend_for_item(driver, item_id, per_category, exclude)
        return RecommendationsResponse(
            item=to_item(recs.item),
            model="rule",
            note=note,
            categories=to_categories(recs),
        )
    serving = _serving()
    assert serving is not None
    return serving.rank_item(driver, item_id, per_category, model, version, exclude)


def rank_closet(
    driver: Driver,
    owned: list[str],
    per_category: int,
    requested: str | None,
    to_categories: Callable[..., list],
    exclude: list[str] | None = None,
) -> RecommendationsResponse:
    """Recommendations for several owned items with the chosen model."""
    model, version, note = choose_model(driver, requested)
    if model == "rule":
        recs = recommend_for_closet(driver, owned, per_category, exclude)
        return RecommendationsResponse(
            owned=owned, model="rule", note=note, categories=to_categories(recs)
        )
    serving = _serving()
    assert serving is not None
    return serving.rank_closet(driver, owned, per_category, model, version, exclude)
