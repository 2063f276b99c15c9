"""Recommendations ranked by the learned ranker (graph.recommend.learned): candidates come from
the graph — the rule's paired clusters, the owned pieces' own brands and LightGCN's written top
items — and the active ranker orders them by the chance that each completes an outfit with the
owned pieces. The percentage shown is the ranker's calibrated probability."""

from __future__ import annotations

from typing import Any

from neo4j import Driver

from core.records import item_from_row
from core.vocabulary import BIG_CATEGORIES
from graph.db.connection import read
from graph.recommend.brands import BrandFilter
from graph.recommend.explain import explain_ranker
from graph.recommend.learned import Ranker
from graph.recommend.rule import Recommendations, recommend_for_closet, recommend_for_item
from graph.recommend.scores import top_scored
from graph.recommend.wording import ENGLISH, Wording

DEPTH = 100  # candidates per category and source before ranking
MODEL_SOURCES = 10  # owned pieces whose LightGCN top items join the candidates


def candidate_rows(
    driver: Driver,
    owned: list[dict[str, Any]],
    rule: Recommendations,
    exclude: list[str],
    brands: str,
    categories: list[str],
) -> dict[str, dict[str, dict[str, Any]]]:
    """{category: {id: item row}}: the rule's candidates, LightGCN's top items of the owned
    pieces' clusters and the owned brands' pieces."""
    out: dict[str, dict[str, dict[str, Any]]] = {c: {} for c in categories}
    for category, cands in rule.per_category.items():
        for cand in cands:
            out.setdefault(category, {})[str(cand.item["id"])] = cand.item
    skip = {str(o["id"]) for o in owned} | set(exclude)
    for source in owned[:MODEL_SOURCES]:
        for category, rows in top_scored(driver, str(source["id"]), DEPTH, brands).items():
            if category in out:
                for row in rows:
                    if row["id"] not in skip:
                        out[category].setdefault(str(row["id"]), {**row, "category": category})
    if brands != "other":
        rows = read(
            driver,
            "recommend/brand_candidates",
            item_ids=[str(o["id"]) for o in owned],
            exclude=[str(o["id"]) for o in owned] + list(exclude),
            skip_categories=[c for c in BIG_CATEGORIES if c not in categories],
            per_category=DEPTH,
        )
        for row in rows:
            for item in row["top"]:
                out.setdefault(row["category"], {}).setdefault(str(item["id"]), item)
    brand_filter = BrandFilter.of(brands, owned)
    return {
        category: {i: row for i, row in rows.items() if brand_filter.keeps(row.get("brand"))}
        for category, rows in out.items()
        if rows
    }


def ranked(
    ranker: Ranker,
    owned: list[dict[str, Any]],
    candidates: dict[str, dict[str, dict[str, Any]]],
    per_category: int,
    words: Wording = ENGLISH,
) -> dict[str, list[tuple[dict[str, Any], float, str]]]:
    """Per category, the top candidates as (row, probability, explanation), best first."""
    given = [item_from_row(o) for o in owned]
    out: dict[str, list[tuple[dict[str, Any], float, str]]] = {}
    for category, by_id in sorted(candidates.items()):
        rows = list(by_id.values())
        items = [item_from_row(r) for r in rows]
        features = ranker.features(given, items)
        raw = ranker.predict_rows(features, raw=True)
        probability = ranker.calibrated(raw)
        order = sorted(range(len(items)), key=lambda n: (-raw[n], items[n].id))[:per_category]
        out[category] = [
            (
                {**rows[n], "category": category},
                float(probability[n]),
                explain_ranker(ranker, given, items[n], features[n], float(probability[n]), words),
            )
            for n in order
        ]
    return out


def rank_item_candidates(
    driver: Driver,
    ranker: Ranker,
    item_id: str,
    per_category: int,
    exclude: list[str],
    brands: str,
    words: Wording = ENGLISH,
) -> tuple[dict[str, Any], dict[str, list[tuple[dict[str, Any], float, str]]]]:
    """The owned item and its ranked recommendations per other big category."""
    rule = recommend_for_item(driver, item_id, DEPTH, exclude, brands=brands)
    owned = rule.item or {}
    categories = [c for c in BIG_CATEGORIES if c != owned.get("category")]
    rows = candidate_rows(driver, [owned], rule, exclude, brands, categories)
    return owned, ranked(ranker, [owned], rows, per_category, words)


def rank_closet_candidates(
    driver: Driver,
    ranker: Ranker,
    owned_ids: list[str],
    per_category: int,
    exclude: list[str],
    brands: str,
    words: Wording = ENGLISH,
) -> dict[str, list[tuple[dict[str, Any], float, str]]]:
    """Ranked recommendations for several owned items (the closet's candidates)."""
    rule = recommend_for_closet(driver, owned_ids, DEPTH, exclude, brands)
    owned = [r["item"] for r in read(driver, "items/by_ids", ids=owned_ids)]
    categories = list(BIG_CATEGORIES)  # a closet may gain a piece of any category
    rows = candidate_rows(driver, owned, rule, exclude, brands, categories)
    return ranked(ranker, owned, rows, per_category, words)
