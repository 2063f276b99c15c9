"""The whole evaluation table: every model and baseline on one or more seeded splits.

For each split seed: split the outfits, load TRAIN + CATALOG into a throwaway Neo4j, answer
FITB@4 / FITB@10 and retrieval with each model, and score them (with the cross-brand subset and
95% bootstrap intervals resampled by outfit). Several seeds are averaged. `closet eval run` and
`bench/eval_closet.py` both print this.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from gnn.closet_train import CLOSET_DEFAULTS, train_closet
from gnn.evaluation import models as m
from gnn.evaluation.protocol import SplitFiles, make_split
from gnn.evaluation.runner import EvalGraph, answer_fitb, answer_retrieval, read_lines, write_lines
from gnn.evaluation.scorer import fitb_accuracy, retrieval_metrics
from gnn.train import TrainConfig

ORDER = (
    "random",
    "popularity",
    "cooccurrence",
    "als",
    "brand",
    "brand+cooc",
    "rule",
    "lightgcn",
    "hybrid",
    "ranker",
)
COLUMNS = (
    ("fitb@4", "FITB@4"),
    ("fitb@10", "FITB@10"),
    ("cross_brand_fitb@4", "cross-brand FITB@4"),
    ("cross_brand_fitb@10", "cross-brand FITB@10"),
    ("recall@10", "item R@10"),
    ("recall@50", "item R@50"),
    ("ndcg@10", "NDCG@10"),
    ("cluster_recall@10", "cluster R@10"),
    ("cluster_ndcg@10", "cluster NDCG@10"),
)


@dataclass
class SplitReport:
    """One split seed: a row per model (metric → value, `<metric>_ci` → [low, high])."""

    seed: int
    rows: list[dict[str, Any]]
    info: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)


def score_model(
    name: str, scorer: m.Scorer, split: SplitFiles, work: Path, graph: EvalGraph, seed: int
) -> dict[str, Any]:
    """Answer and score every question set with one model."""
    row: dict[str, Any] = {"model": name}
    for n, (qpath, tpath) in split.fitb.items():
        answers = work / f"{name}.fitb{n}.jsonl"
        write_lines(answers, answer_fitb(scorer, read_lines(qpath, ("question_id",)), seed))
        scored = fitb_accuracy(answers, tpath)
        row[f"fitb@{n}"], row[f"fitb@{n}_ci"] = scored["fitb"], scored.get("fitb_ci")
        row[f"cross_brand_fitb@{n}"] = scored.get("fitb_cross_brand")
        row[f"cross_brand_fitb@{n}_ci"] = scored.get("fitb_cross_brand_ci")
        row[f"questions@{n}"] = scored["questions"]
        row[f"cross_brand_questions@{n}"] = scored.get("cross_brand_questions")
    pools = json.loads(split.pools.read_text())
    queries = read_lines(split.queries, ("query_id",))
    answers = work / f"{name}.retrieval.jsonl"
    write_lines(answers, answer_retrieval(scorer, pools, queries, graph.category_of, seed=seed))
    clusters = json.loads(split.clusters.read_text())
    row.update(retrieval_metrics(answers, split.queries_truth, clusters))
    return row


def evaluate_split(
    data: list[Path],
    seed: int,
    models: list[str],
    config: TrainConfig = CLOSET_DEFAULTS,
    variant: str = "content",
    variants: list[str] | None = None,
) -> SplitReport:
    """Every requested model (and extra LightGCN graph variants) on the split of `seed`."""
    work = Path(tempfile.mkdtemp(prefix=f"closet-eval-{seed}-"))
    split = make_split(data, work / "split", seed=seed)
    report = SplitReport(seed, [])
    started = time.perf_counter()
    with EvalGraph(split.train, split.catalog, variant, config) as graph:
        report.timings["load_enrich_export_s"] = round(time.perf_counter() - started, 1)
        report.info = dict(graph.load_report)
        for name in [x for x in ORDER if x in models]:
            started = time.perf_counter()
            report.rows.append(score_model(name, graph.model(name), split, work, graph, seed))
            report.timings[f"{name}_s"] = round(time.perf_counter() - started, 1)
        if graph.ranking is not None:
            report.info["ranker"] = {
                "selection_fitb@10": graph.ranking.selection,
                "best": graph.ranking.best,
                "rows": graph.ranking.rows,
                "seconds": round(graph.ranking.seconds, 1),
                "importance": graph.ranking.ranker.importance(),
            }
        if graph.training is not None:
            report.info["lightgcn"] = {
                "variant": variant,
                "best_epoch": graph.training.best_epoch,
                "seconds_per_epoch": round(graph.training.seconds_per_epoch, 3),
                "device": graph.training.device,
            }
        for extra in variants or []:
            started = time.perf_counter()
            result = train_closet(graph.export, extra, replace(config), progress=False)
            scorer = m.LightGCNModel(result.scorer)
            report.rows.append(score_model(f"lightgcn[{extra}]", scorer, split, work, graph, seed))
            report.timings[f"lightgcn[{extra}]_s"] = round(time.perf_counter() - started, 1)
    return report


def average(reports: list[SplitReport]) -> list[dict[str, Any]]:
    """Each model's metrics averaged over the splits, with the range across them."""
    names = [row["model"] for row in reports[0].rows]
    out = []
    for name in names:
        rows = [r for rep in reports for r in rep.rows if r["model"] == name]
        row: dict[str, Any] = {"model": name}
        for key, _ in COLUMNS:
            values = [r[key] for r in rows if r.get(key) is not None]
            if values:
                row[key] = statistics.fmean(values)
                row[f"{key}_range"] = [min(values), max(values)]
        out.append(row)
    return out


def cell(row: dict[str, Any], key: str, spread: str) -> str:
    """'0.614 (0.590–0.638)': the value and its interval (or range), when there is one."""
    value = row.get(key)
    if value is None:
        return "—"
    bounds = row.get(f"{key}_{spread}")
    return f"{value:.3f} ({bounds[0]:.3f}–{bounds[1]:.3f})" if bounds else f"{value:.3f}"


def table(rows: list[dict[str, Any]], spread: str = "ci") -> str:
    """A Markdown table: a row per model, a column per metric."""
    lines = [
        "| model | " + " | ".join(title for _, title in COLUMNS) + " |",
        "|---|" + "---|" * len(COLUMNS),
    ]
    for row in rows:
        cells = " | ".join(cell(row, key, spread) for key, _ in COLUMNS)
        lines.append(f"| {row['model']} | {cells} |")
    return "\n".join(lines)


def render(reports: list[SplitReport]) -> str:
    """The Markdown of every split (95% bootstrap intervals) and of their average (range)."""
    parts = []
    for rep in reports:
        first = rep.rows[0]
        parts.append(
            f"Split seed {rep.seed}: {first['questions@4']} FITB questions "
            f"({first.get('cross_brand_questions@4')} cross-brand), "
            f"{int(first['queries'])} retrieval queries; 95% bootstrap intervals by outfit.\n\n"
            + table(rep.rows)
        )
    if len(reports) > 1:
        seeds = ", ".join(str(rep.seed) for rep in reports)
        parts.append(
            f"Mean over split seeds {seeds} (range across seeds).\n\n"
            + table(average(reports), "range")
        )
    return "\n\n".join(parts) + "\n"


def write(reports: list[SplitReport], out: Path) -> Path:
    """Write the Markdown table and the raw rows as JSON into `out`; the Markdown's path."""
    out.mkdir(parents=True, exist_ok=True)
    seeds = "-".join(str(rep.seed) for rep in reports)
    markdown = out / f"eval_closet_seeds{seeds}.md"
    markdown.write_text(render(reports))
    raw = [{"seed": r.seed, "rows": r.rows, "info": r.info, "timings": r.timings} for r in reports]
    (out / f"eval_closet_seeds{seeds}.json").write_text(json.dumps(raw, indent=1, default=str))
    return markdown
