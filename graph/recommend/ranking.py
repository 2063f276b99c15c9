"""Which model ranks a request: rule (Cypher), lightgcn (written scores) or hybrid.

The rule-based model always works. `lightgcn` and `hybrid` need a trained model whose scores
were written into the graph (`closet train`); without one the response falls back to `rule`
and says so. The default once a model exists is `hybrid` (rule candidates ordered by the model
score, as the original service); CLOSET_DEFAULT_MODEL=lightgcn|rule changes it.
"""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from api.convert import to_categories, to_item
from api.explain import cluster_label
from api.models import CategoryRecommendations, Recommendation, RecommendationsResponse
from core.settings import default_model
from graph.db.connection import read
from graph.recommend import ItemNotFound, recommend_for_closet, recommend_for_item

NO_MODEL_NOTE = "no trained model in the graph yet (run `closet train`): ranked by the rule model"
NO_SCORES_NOTE = "the model has no scores for this item's cluster: ranked by the rule model"


def _serving() -> Any | None:
    try:
        from gnn import serving
    except ImportError:  # the gnn extra (torch) is not installed: rule only
        return None
    return serving


def choose_model(driver: Driver, requested: str | None) -> tuple[str, str | None, str | None]:
    """(model used, model version, note) for a requested model name (None = default)."""
    serving = _serving()
    version = serving.active_model(driver) if serving is not None else None
    if requested == "rule":
        return "rule", None, None
    if version is None:
        return "rule", None, NO_MODEL_NOTE if requested else None
    return requested or default_model(), version, None


def rank_item(
    driver: Driver, item_id: str, per_category: int, requested: str | None, exclude: list[str]
) -> RecommendationsResponse:
    """Recommendations for one item with the chosen model."""
    model, version, note = choose_model(driver, requested)
    if model == "lightgcn":
        response = _lightgcn_item(driver, item_id, per_category, exclude, version)
        if response is not None:
            return response
        model, note = "rule", NO_SCORES_NOTE
    recs = recommend_for_item(driver, item_id, per_category, exclude)
    categories = to_categories(recs)
    if model == "hybrid":
        serving = _serving()
        ids = [r.item.id for group in categories for r in group.items]
        scores = serving.model_scores(driver, item_id, ids) if serving else {}
        categories = _rerank(categories, scores)
    return RecommendationsResponse(
        item=to_item(recs.item),
        model=model,
        model_version=version if model != "rule" else None,
        note=note,
        categories=categories,
    )


def rank_closet(
    driver: Driver,
    owned: list[str],
    per_category: int,
    requested: str | None,
    exclude: list[str] | None = None,
) -> RecommendationsResponse:
    """Recommendations for several owned items: rule candidates, model-ordered unless `rule`."""
    model, version, note = choose_model(driver, requested)
    recs = recommend_for_closet(driver, owned, per_category, exclude)
    categories = to_categories(recs)
    if model != "rule":
        serving = _serving()
        ids = [r.item.id for group in categories for r in group.items]
        scores = serving.closet_scores(driver, owned, ids) if serving else {}
        categories = _rerank(categories, scores)
        model = "hybrid"  # the closet ranks rule candidates; the model orders them
    return RecommendationsResponse(
        owned=owned,
        model=model,
        model_version=version if model != "rule" else None,
        note=note,
        categories=categories,
    )


def _rerank(
    categories: list[CategoryRecommendations], scores: dict[str, dict[str, Any]]
) -> list[CategoryRecommendations]:
    """Order each category's rule candidates by model score (unscored ones keep rule order,
    after the scored ones) and add the model's probability to score and explanation."""
    out = []
    for group in categories:
        ranked = []
        for order, rec in enumerate(group.items):
            found = scores.get(rec.item.id)
            if found:
                rec = rec.model_copy(
                    update={
                        "score": float(found["score"]),
                        "probability": float(found["probability"]),
                        "explanation": f"{rec.explanation}; LightGCN {found['probability']:.0%}",
                    }
                )
            ranked.append((0 if found else 1, -(rec.score if found else 0.0), order, rec))
        ranked.sort(key=lambda entry: entry[:3])
        out.append(CategoryRecommendations(category=group.category, items=[r[3] for r in ranked]))
    return out


def _lightgcn_item(
    driver: Driver, item_id: str, per_category: int, exclude: list[str], version: str | None
) -> RecommendationsResponse | None:
    """Top items per category from the written scores; None when the cluster has none."""
    rows = read(driver, "items/by_id", item_id=item_id)
    if not rows:
        raise ItemNotFound(item_id)
    owned = to_item(rows[0]["item"])
    serving = _serving()
    found = serving.recommend_lightgcn(driver, item_id, per_category + len(exclude))
    skip = set(exclude)
    categories = []
    for category, items in sorted(found.items()):
        rows = [{**row, "category": category} for row in items if row["id"] not in skip]
        recs = [
            Recommendation(
                item=to_item(row),
                score=float(row["score"]),
                probability=float(row["probability"]),
                strength=0,
                basis="model",
                cluster=to_item(row).cluster,
                explanation=f"LightGCN ({row['model']}) gives it {row['probability']:.0%} "
                f"with {cluster_label(owned.cluster)}s",
            )
            for row in rows
        ][:per_category]
        if recs:
            categories.append(CategoryRecommendations(category=category, items=recs))
    if not categories:
        return None
    return RecommendationsResponse(
        item=owned, model="lightgcn", model_version=version, categories=categories
    )
