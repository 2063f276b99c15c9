"""Score answer files: FITB accuracy; retrieval Recall@10/50 and NDCG@10 at item level and at
cluster level (distinct clusters in order of first appearance, or the answer's own
`cluster_ranking` when it has one)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any


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


def fitb_accuracy(answers: Path, truth: Path) -> dict[str, float]:
    """Share of questions whose ranking puts the hidden item first (unanswered = wrong)."""
    got = read_jsonl(answers, "question_id")
    keys = read_jsonl(truth, "question_id")
    if not keys:
        raise AnswerError(f"{truth} holds no questions")
    right = sum(
        1
        for qid, row in keys.items()
        if (got.get(qid, {}).get("ranking") or [None])[0] == row["answer"]
    )
    missing = sum(1 for qid in keys if qid not in got)
    return {"fitb": right / len(keys), "questions": len(keys), "unanswered": missing}


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


def retrieval_metrics(
    answers: Path, truth: Path, cluster_of: dict[str, str | None]
) -> dict[str, float]:
    """Mean Recall@10/50 and NDCG@10 over queries, item level and cluster level."""
    got = read_jsonl(answers, "query_id")
    keys = read_jsonl(truth, "query_id")
    if not keys:
        raise AnswerError(f"{truth} holds no queries")
    sums = dict.fromkeys(
        ["recall@10", "recall@50", "ndcg@10", "cluster_recall@10", "cluster_ndcg@10"], 0.0
    )
    cluster_queries = 0
    for qid, row in keys.items():
        answer = got.get(qid, {})
        ranking = [str(x) for x in answer.get("ranking", [])]
        positives = {str(x) for x in row["positives"]}
        sums["recall@10"] += recall_at(ranking, positives, 10)
        sums["recall@50"] += recall_at(ranking, positives, 50)
        sums["ndcg@10"] += ndcg_at(ranking, positives, 10)
        pos_clusters = {c for c in (cluster_of.get(p) for p in positives) if c}
        if pos_clusters:
            cluster_queries += 1
            clusters = answer.get("cluster_ranking") or distinct_clusters(ranking, cluster_of)
            sums["cluster_recall@10"] += recall_at(clusters, pos_clusters, 10)
            sums["cluster_ndcg@10"] += ndcg_at(clusters, pos_clusters, 10)
    out = {k: v / len(keys) for k, v in sums.items() if not k.startswith("cluster")}
    for k in ("cluster_recall@10", "cluster_ndcg@10"):
        out[k] = sums[k] / max(cluster_queries, 1)
    out["queries"] = len(keys)
    return out
