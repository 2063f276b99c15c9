"""The one choice of model, and the ranking it produces: rule (Cypher), lightgcn (the written
scores), hybrid (rule candidates ordered by the model's scores) or ranker (the learned ranker
over every graph signal, graph.recommend.learned_ranking).

The rule-based model always works. The others need `closet train`; without it the answer falls
back to `rule` and says so. The default is decided by evaluation: `closet train` measures the
ranker and LightGCN on validation outfits neither was fitted on and records the better one
(`best` on the ranker registry); CLOSET_DEFAULT_MODEL overrides it. The closet routes rank by
outfit gain and only weight by the model (`closet_model`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from neo4j import Driver

from core.errors import ItemNotFound
from core.settings import configured_default_model
from core.vocabulary import LIGHTGCN, RANKER, item_cluster
from graph.db.connection import read
from graph.ingest.cooccurrence import TOP_K
from graph.recommend.explain import explain_model, explain_occasion, explain_rule
from graph.recommend.learned import load_active
from graph.recommend.learned_ranking import rank_closet_candidates, rank_item_candidates
from graph.recommend.occasion import (
    ANY_OCCASION,
    NO_OUTFITS,
    Occasion,
    affinities,
    boosted,
    labels_of,
)
from graph.recommend.rule import Recommendations, recommend_for_closet, recommend_for_item
from graph.recommend.scores import (
    ModelScore,
    active_model,
    active_version,
    closet_scores,
    item_scores,
    top_scored,
)
from graph.recommend.wording import ENGLISH, Wording, sentence

NO_MODEL_NOTE = sentence(
    "no trained model in the graph yet (run `closet train`): ranked by the rule model",
    "아직 학습된 모델이 없음(`closet train` 실행): 규칙 모델로 순위를 매김",
)
NO_SCORES_NOTE = sentence(
    "the model has no scores for this item's cluster: ranked by the rule model",
    "이 아이템 종류에 대한 모델 점수가 없음: 규칙 모델로 순위를 매김",
)
NO_RANKER_NOTE = sentence(
    "no learned ranker trained yet (run `closet train`): ranked by LightGCN",
    "아직 학습된 랭커가 없음(`closet train` 실행): LightGCN으로 순위를 매김",
)
UNMEASURED_DEFAULT = LIGHTGCN  # no selection recorded: LightGCN measured above hybrid offline


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
    lift: float | None = None


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
    ranker = active_version(driver, RANKER)
    name = requested or configured_default_model()
    if name is None:
        name = str(ranker["best"]) if ranker and ranker.get("best") else UNMEASURED_DEFAULT
    if name == RANKER:
        if ranker is None:
            return ModelChoice(LIGHTGCN, version, NO_RANKER_NOTE)
        return ModelChoice(RANKER, str(ranker["active"]))
    return ModelChoice(name, version)


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
    occasion: Occasion = ANY_OCCASION,
    words: Wording = ENGLISH,
) -> Ranking:
    """Recommendations for one item with the chosen model (and brand mode), fitted to the
    occasion (graph.recommend.occasion: gender filters, style and season boost), explained in
    `words`' language."""
    pool = occasion.pool(per_category, max(per_category, TOP_K - len(exclude)))
    ranked = _rank_item(driver, item_id, pool, requested, exclude, brands, words)
    return fit_occasion(driver, ranked, occasion, per_category, words)


def _rank_item(
    driver: Driver,
    item_id: str,
    per_category: int,
    requested: str | None,
    exclude: list[str],
    brands: str,
    words: Wording,
) -> Ranking:
    choice = choose_model(driver, requested)
    if choice.model == RANKER:
        ranker = load_active(driver)
        if ranker is not None:
            owned, found = rank_item_candidates(
                driver, ranker, item_id, per_category, exclude, brands, words
            )
            return Ranking(choice, _ranker_categories(found), item=owned)
        choice = ModelChoice(LIGHTGCN, active_model(driver), NO_RANKER_NOTE)
    if choice.model == "lightgcn":
        ranked = _lightgcn_item(driver, item_id, per_category, exclude, choice, brands, words)
        if ranked is not None:
            return ranked
        choice = ModelChoice("rule", None, NO_SCORES_NOTE)
    recs = recommend_for_item(driver, item_id, per_category, exclude, brands=brands)
    categories = _rule_categories(recs, words)
    if choice.model == "hybrid":
        categories = rerank(categories, item_scores(driver, item_id, _ids(categories)), words)
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
    occasion: Occasion = ANY_OCCASION,
    words: Wording = ENGLISH,
) -> Ranking:
    """Recommendations for several owned items: rule candidates, model-ordered unless `rule`,
    fitted to the occasion, explained in `words`' language."""
    excluded = len(owned) + len(exclude or [])
    pool = occasion.pool(per_category, max(per_category, TOP_K - excluded))
    ranked = _rank_closet(driver, owned, pool, requested, exclude, brands, words)
    return fit_occasion(driver, ranked, occasion, per_category, words)


def _rank_closet(
    driver: Driver,
    owned: list[str],
    per_category: int,
    requested: str | None,
    exclude: list[str] | None,
    brands: str,
    words: Wording,
) -> Ranking:
    choice = choose_model(driver, requested)
    if choice.model == RANKER:
        ranker = load_active(driver)
        if ranker is not None:
            found = rank_closet_candidates(
                driver, ranker, owned, per_category, exclude or [], brands, words
            )
            return Ranking(choice, _ranker_categories(found), owned=owned)
    recs = recommend_for_closet(driver, owned, per_category, exclude, brands)
    categories = _rule_categories(recs, words)
    if choice.model != "rule":
        categories = rerank(categories, closet_scores(driver, owned, _ids(categories)), words)
        choice = replace(choice, model="hybrid")  # the closet ranks rule candidates
    return Ranking(choice, categories, owned=owned)


def fit_occasion(
    driver: Driver,
    ranking: Ranking,
    occasion: Occasion,
    per_category: int,
    words: Wording = ENGLISH,
) -> Ranking:
    """Each category's recommendations without the other gender's pieces, reordered by the
    style and season lift (a model's probability updated as odds, a rule's strength
    multiplied), the first `per_category` kept."""
    if not occasion.active:
        return ranking
    labels = labels_of(driver, occasion)
    found = affinities(driver, _ids(ranking.categories), occasion)
    out: dict[str, list[Recommendation]] = {}
    for category, recs in ranking.categories.items():
        fitted = []
        for order, rec in enumerate(recs):
            seen = found.get(str(rec.item["id"]), NO_OUTFITS)
            if not occasion.allows(seen.worn_by or rec.item.get("worn_by")):
                continue
            if occasion.boosts:
                factor = seen.lift(occasion, labels)
                rec = replace(
                    rec,
                    lift=factor,
                    probability=None
                    if rec.probability is None
                    else boosted(rec.probability, factor),
                    explanation=f"{rec.explanation}; "
                    f"{explain_occasion(occasion.style, occasion.season, factor, words)}"
                    if abs(factor - 1.0) >= 0.05
                    else rec.explanation,
                )
            value = rec.probability if rec.probability is not None else rec.score * (rec.lift or 1)
            fitted.append((0 if rec.probability is not None else 1, -value, order, rec))
        fitted.sort(key=lambda entry: entry[:3])
        if fitted:
            out[category] = [entry[3] for entry in fitted[:per_category]]
    return replace(ranking, categories=out)


def rerank(
    categories: dict[str, list[Recommendation]],
    scores: dict[str, ModelScore],
    words: Wording = ENGLISH,
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
                    explanation=f"{rec.explanation}; "
                    + words.say("model_suffix", p=words.percent(found.probability)),
                )
            ranked.append((0 if found else 1, -(rec.score if found else 0.0), order, rec))
        ranked.sort(key=lambda entry: entry[:3])
        out[category] = [entry[3] for entry in ranked]
    return out


def _ranker_categories(
    found: dict[str, list[tuple[dict[str, Any], float, str]]],
) -> dict[str, list[Recommendation]]:
    """The learned ranker's (row, probability, explanation) lists as recommendations."""
    return {
        category: [
            Recommendation(
                item=row,
                score=probability,
                strength=0,
                basis=RANKER,
                cluster=item_cluster(row),
                explanation=explanation,
                probability=probability,
            )
            for row, probability, explanation in rows
        ]
        for category, rows in found.items()
        if rows
    }


def _ids(categories: dict[str, list[Recommendation]]) -> list[str]:
    return [str(r.item["id"]) for recs in categories.values() for r in recs]


def _rule_categories(
    recs: Recommendations, words: Wording = ENGLISH
) -> dict[str, list[Recommendation]]:
    """Rule-based candidates as ranked recommendations, with explanations."""
    return {
        category: [
            Recommendation(
                item=c.item,
                score=float(c.strength),
                strength=c.strength,
                basis=c.basis,
                cluster=c.cluster,
                explanation=explain_rule(recs.item, c, words),
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
    words: Wording = ENGLISH,
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
                explanation=explain_model(row, item_cluster(owned), words),
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
