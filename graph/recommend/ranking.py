"""The one choice of model, and the ranking it produces: rule (Cypher), lightgcn (the written
scores) or hybrid (rule candidates ordered by the model's scores).

The rule-based model always works. `lightgcn` and `hybrid` need a trained model whose scores
were written into the graph (`closet train`); without one the answer falls back to `rule` and
says so. The default once a model exists is `hybrid` (as the original service);
CLOSET_DEFAULT_MODEL=lightgcn|rule changes it. The closet routes rank by outfit gain and only
weight by the model (`closet_model`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from neo4j import Driver

from core.errors import ItemNotFound
from core.settings import default_model
from core.vocabulary import item_cluster
from graph.db.connection import read
from graph.recommend.explain import explain_model, explain_rule
from graph.recommend.rule import Recommendations, recommend_for_closet, recommend_for_item
from graph.recommend.scores import ModelScore, active_model, closet_scores, item_scores, top_scored

NO_MODEL_NOTE = "no trained model in the graph yet (run `closet train`): ranked by the rule model"
NO_SCORES_NOTE = "the model has no scores for this item's cluster: ranked by the rule model"


@dataclass(frozen=True)
class ModelChoice:
    """The model that ranks a request, its version (None for rule) and a note for the reader."""

    model: str
    version: str | None = None
    note: str | None = None


@dataclass
class Recommendation:
    """A ranked item: its score (model score, else rule strength), probability when a model
    scored it, the rule's evidence and the explanation."""

    item: dict[str, Any]
    score: float
    strength: int
    basis: str
    cluster: str | None
    explanation: str
    probability: float | None = None
    pairs_with: int = 1
    partners: list[str] = field(default_factory=list)


@dataclass
class Ranking:
    """Recommendations per big category (in order) for one item or several owned items."""

    choice: ModelChoice
    categories: dict[str, list[Recommendation]]
    item: dict[str, Any] | None = None
    owned: list[str] | None = None


def choose_model(driver: Driver, requested: str | None) -> ModelChoice:
    """The model for a requested name (None = the default), given what is trained."""
    if requested == "rule":
        return ModelChoice("rule")
    version = active_model(driver)
    if version is None:
        return ModelChoice("rule", None, NO_MODEL_NOTE if requested else None)
    return ModelChoice(requested or default_model(), version)


def closet_model(driver: Driver, requested: str | None) -> str | None:
    """The model version that weights the closet's gains (None: rule, unweighted)."""
    return None if requested == "rule" else active_model(driver)


def rank_item(
    driver: Driver,
    item_id: str,
    per_category: int,
    requested: str | None,
    exclude: list[str],
    brands: str = "any",
) -> Ranking:
    """Recommendations for one item with the chosen model (and brand mode)."""
    choice = choose_model(driver, requested)
    if choice.model == "lightgcn":
        ranked = _lightgcn_item(driver, item_id, per_category, exclude, choice, brands)
        if ranked is not None:
            return ranked
        choice = ModelChoice("rule", None, NO_SCORES_NOTE)
    recs = recommend_for_item(driver, item_id, per_category, exclude, brands=brands)
    categories = _rule_categories(recs)
    if choice.model == "hybrid":
        categories = rerank(categories, item_scores(driver, item_id, _ids(categories)))
    else:
        choice = replace(choice, version=None)
    return Ranking(choice, categories, item=recs.item)


def rank_closet(
    driver: Driver,
    owned: list[str],
    per_category: int,
    requested: str | None,
    exclude: list[str] | None = None,
    brands: str = "any",
) -> Ranking:
    """Recommendations for several owned items: rule candidates, model-ordered unless `rule`."""
    choice = choose_model(driver, requested)
    recs = recommend_for_closet(driver, owned, per_category, exclude, brands)
    categories = _rule_categories(recs)
    if choice.model != "rule":
        categories = rerank(categories, closet_scores(driver, owned, _ids(categories)))
        choice = replace(choice, model="hybrid")  # the closet ranks rule candidates
    return Ranking(choice, categories, owned=owned)


def rerank(
    categories: dict[str, list[Recommendation]], scores: dict[str, ModelScore]
) -> dict[str, list[Recommendation]]:
    """Order each category's rule candidates by model score (unscored ones keep rule order,
    after the scored ones) and add the model's probability to score and explanation."""
    out: dict[str, list[Recommendation]] = {}
    for category, recs in categories.items():
        ranked = []
        for order, rec in enumerate(recs):
            found = scores.get(str(rec.item["id"]))
            if found:
                rec = replace(
                    rec,
                    score=found.score,
                    probability=found.probability,
                    explanation=f"{rec.explanation}; LightGCN {found.probability:.0%}",
                )
            ranked.append((0 if found else 1, -(rec.score if found else 0.0), order, rec))
        ranked.sort(key=lambda entry: entry[:3])
        out[category] = [entry[3] for entry in ranked]
    return out


def _ids(categories: dict[str, list[Recommendation]]) -> list[str]:
    return [str(r.item["id"]) for recs in categories.values() for r in recs]


def _rule_categories(recs: Recommendations) -> dict[str, list[Recommendation]]:
    """Rule-based candidates as ranked recommendations, with explanations."""
    return {
        category: [
            Recommendation(
                item=c.item,
                score=float(c.strength),
                strength=c.strength,
                basis=c.basis,
                cluster=c.cluster,
                explanation=explain_rule(recs.item, c),
                pairs_with=c.pairs_with,
                partners=c.partners,
            )
            for c in candidates
        ]
        for category, candidates in recs.per_category.items()
    }


def _lightgcn_item(
    driver: Driver,
    item_id: str,
    per_category: int,
    exclude: list[str],
    choice: ModelChoice,
    brands: str,
) -> Ranking | None:
    """Top items per category from the written scores; None when the cluster has none."""
    rows = read(driver, "items/by_id", item_id=item_id)
    if not rows:
        raise ItemNotFound(item_id)
    owned = rows[0]["item"]
    found = top_scored(driver, item_id, per_category + len(exclude), brands)
    skip = set(exclude)
    categories: dict[str, list[Recommendation]] = {}
    for category, items in sorted(found.items()):
        recs = [
            Recommendation(
                item={**row, "category": category},
                score=float(row["score"]),
                strength=0,
                basis="model",
                cluster=item_cluster(row),
                explanation=explain_model(row, item_cluster(owned)),
                probability=float(row["probability"]),
            )
            for row in items
            if row["id"] not in skip
        ][:per_category]
        if recs:
            categories[category] = recs
    if not categories:
        return None
    return Ranking(choice, categories, item=owned)
