"""Score answer files: FITB accuracy (all questions and the cross-brand ones); retrieval
Recall@10/50 and NDCG@10 at item level and at cluster level (distinct clusters in order of first
appearance, or the answer's own `cluster_ranking` when it has one); each with a 95% bootstrap
interval resampled by outfit."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from gnn.evaluation.bootstrap import bootstrap_interval, grouped


class AnswerError(ValueError):
    """An answer or truth file is malformed."""


def read_jsonl(path: Path, key: str) -> dict[str, dict[str, Any]]:
    """Lines of a JSONL file keyed by `key`; a malformed line is an AnswerError."""
    out: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                out[str(row[key])] = row
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise AnswerError(f"{path}:{lineno}: expected a JSON object with {key!r}") from exc
    return out


def fitb_accuracy(answers: Path, truth: Path) -> dict[str, Any]:
    """Share of questions whose ranking puts the hidden item first (unanswered = wrong).

    When the truth file names each question's outfit, a 95% bootstrap interval resampled by
    outfit is added (`fitb_ci`); when it flags cross-brand questions (the hidden item's brand
    is none of the given items'), the accuracy on those alone is added too.
    """
    got = read_jsonl(answers, "question_id")
    keys = read_jsonl(truth, "question_id")
    if not keys:
        raise AnswerError(f"{truth} holds no questions")
    right = {
        qid: float((got.get(qid, {}).get("ranking") or [None])[0] == row["answer"])
        for qid, row in keys.items()
    }
    missing = sum(1 for qid in keys if qid not in got)
    out: dict[str, Any] = {
        "fitb": sum(right.values()) / len(keys),
        "questions": len(keys),
        "unanswered": missing,
    }
    if all("outfit_id" in row for row in keys.values()):
        out["fitb_ci"] = _interval(keys, right)
    if all("cross_brand" in row for row in keys.values()):
        cross = {qid: row for qid, row in keys.items() if row["cross_brand"]}
        out["cross_brand_questions"] = len(cross)
        out["fitb_cross_brand"] = sum(right[q] for q in cross) / len(cross) if cross else None
        if cross and "fitb_ci" in out:
            out["fitb_cross_brand_ci"] = _interval(cross, right)
    return out


def _interval(rows: dict[str, dict[str, Any]], values: dict[str, float]) -> list[float]:
    """The 95% bootstrap interval of the mean of `values` over `rows`, resampled by outfit."""
    groups = grouped((str(row["outfit_id"]), values[qid]) for qid, row in rows.items())
    return [round(x, 4) for x in bootstrap_interval(groups)]


def distinct_clusters(ranking: list[str], cluster_of: dict[str, str | None]) -> list[str]:
    """Clusters of a ranking in order of first appearance (items without cluster skipped)."""
    seen: dict[str, None] = {}
    for item in ranking:
        c = cluster_of.get(item)
        if c and c not in seen:
            seen[c] = None
    return list(seen)


def recall_at(ranking: list[str], positives: set[str], k: int) -> float:
    return len(set(ranking[:k]) & positives) / len(positives) if positives else 0.0


def ndcg_at(ranking: list[str], positives: set[str], k: int) -> float:
    dcg = sum(1.0 / math.log2(i + 2) for i, x in enumerate(ranking[:k]) if x in positives)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(positives), k)))
    return dcg / ideal if ideal else 0.0


RETRIEVAL = ("recall@10", "recall@50", "ndcg@10", "cluster_recall@10", "cluster_ndcg@10")


def retrieval_metrics(
    answers: Path, truth: Path, cluster_of: dict[str, str | None]
) -> dict[str, Any]:
    """Mean Recall@10/50 and NDCG@10 over queries, item level and cluster level (over the
    queries whose positives have a cluster), each with a 95% bootstrap interval resampled by
    outfit (`<metric>_ci`) when the truth file names the queries' outfits."""
    got = read_jsonl(answers, "query_id")
    keys = read_jsonl(truth, "query_id")
    if not keys:
        raise AnswerError(f"{truth} holds no queries")
    per_query: dict[str, dict[str, float]] = {name: {} for name in RETRIEVAL}
    for qid, row in keys.items():
        answer = got.get(qid, {})
        ranking = [str(x) for x in answer.get("ranking", [])]
        positives = {str(x) for x in row["positives"]}
        per_query["recall@10"][qid] = recall_at(ranking, positives, 10)
        per_query["recall@50"][qid] = recall_at(ranking, positives, 50)
        per_query["ndcg@10"][qid] = ndcg_at(ranking, positives, 10)
        pos_clusters = {c for c in (cluster_of.get(p) for p in positives) if c}
        if pos_clusters:
            clusters = answer.get("cluster_ranking") or distinct_clusters(ranking, cluster_of)
            per_query["cluster_recall@10"][qid] = recall_at(clusters, pos_clusters, 10)
            per_query["cluster_ndcg@10"][qid] = ndcg_at(clusters, pos_clusters, 10)
    with_outfits = all("outfit_id" in row for row in keys.values())
    out: dict[str, Any] = {}
    for name, values in per_query.items():
        out[name] = sum(values.values()) / max(len(values), 1)
        if with_outfits and values:
            out[f"{name}_ci"] = _interval({q: keys[q] for q in values}, values)
    out["queries"] = len(keys)
    return out
