"""From graph records and recommendation objects to API models."""

from __future__ import annotations

from typing import Any

from api.explain import explain_rule
from api.models import CategoryRecommendations, Item, Recommendation
from core.vocabulary import cluster_key
from graph.recommend import Recommendations

ITEM_FIELDS = set(Item.model_fields)


def to_item(props: dict[str, Any]) -> Item:
    """An API item from an item node's properties (unknown properties dropped)."""
    data = {key: value for key, value in props.items() if key in ITEM_FIELDS}
    data["popularity"] = int(props.get("popularity") or 0)
    if data.get("cluster") is None and props.get("mid_class"):
        data["cluster"] = cluster_key(props["mid_class"], props.get("color"))
    return Item.model_validate(data)


def to_categories(recs: Recommendations) -> list[CategoryRecommendations]:
    """Rule-based recommendations as API groups, with explanations."""
    return [
        CategoryRecommendations(
            category=category,
            items=[
                Recommendation(
                    item=to_item(c.item),
                    score=float(c.strength),
                    strength=c.strength,
                    basis=c.basis,
                    cluster=c.cluster,
                    pairs_with=c.pairs_with,
                    partners=c.partners,
                    explanation=explain_rule(recs.item, c),
                )
                for c in candidates
            ],
        )
        for category, candidates in recs.per_category.items()
    ]
