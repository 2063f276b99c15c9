"""The hybrid re-rank and the explanations, on plain data (no database)."""

from __future__ import annotations

import math

from core.vocabulary import cluster_label
from graph.recommend.explain import explain_model, explain_rule
from graph.recommend.ranking import Recommendation, rerank
from graph.recommend.rule import Candidate
from graph.recommend.scores import ModelScore
from graph.recommend.wording import ENGLISH, KOREAN


def rec(item_id: str, strength: int) -> Recommendation:
    return Recommendation({"id": item_id}, float(strength), strength, "cluster", "jeans|blue", "r")


def score(raw: float) -> ModelScore:
    return ModelScore(raw, 1 / (1 + math.exp(-raw)), "lightgcn-test")


def test_rerank_puts_scored_candidates_first_by_score_then_the_rest_in_rule_order() -> None:
    rule_order = {"bottom": [rec("a", 9), rec("b", 8), rec("c", 7), rec("d", 6)]}
    ranked = rerank(rule_order, {"c": score(2.0), "a": score(-1.0)})["bottom"]
    assert [r.item["id"] for r in ranked] == ["c", "a", "b", "d"]
    assert ranked[0].score == 2.0
    assert ranked[0].probability == score(2.0).probability
    assert ranked[0].explanation == "r; LightGCN 88%"
    assert ranked[2].probability is None
    assert ranked[2].score == 8.0


def test_rerank_keeps_categories_and_their_order() -> None:
    groups = {"outer": [rec("o", 1)], "bottom": [rec("b", 2)]}
    assert list(rerank(groups, {})) == ["outer", "bottom"]
    assert rerank(groups, {}) == groups  # nothing scored: the rule's ranking as it was


def test_rule_explanations_name_the_clusters_and_outfits() -> None:
    owned = {"id": "S1", "mid_class": "shirt", "color": "navy"}
    same = Candidate({"id": "J1"}, 5, "jeans|blue", "cluster")
    assert explain_rule(owned, same) == "blue jeans are worn with navy shirts in 5 outfits"
    backoff = Candidate({"id": "K1"}, 1, "knit|grey", "color")
    assert explain_rule(owned, backoff) == (
        "grey knits are worn with other pieces of its colour in 1 outfit"
    )
    closet = Candidate({"id": "C1"}, 4, "coat|black", "cluster", pairs_with=1)
    assert explain_rule(None, closet) == "black coats pair with 1 of your piece (4 outfits in all)"


def test_model_explanation_gives_the_probability() -> None:
    row = {"model": "lightgcn-v1", "probability": 0.734}
    assert (
        explain_model(row, "shirt|navy") == "LightGCN (lightgcn-v1) gives it 73% with navy shirts"
    )


def test_cluster_labels() -> None:
    assert cluster_label("shirt|navy") == "navy shirt"
    assert cluster_label("shirt|unknown") == "shirt"
    assert cluster_label(None) == "unclustered items"
    assert ENGLISH.cluster("jeans|black", plural=True) == "black jeans"
    assert ENGLISH.cluster("shirt|navy", plural=True) == "navy shirts"
    assert KOREAN.cluster("shirt|navy", plural=True) == "네이비 셔츠"
