"""`closet eval run|split|fitb|retrieval|score-fitb|score-retrieval|occasion`: the offline
evaluation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from closet.cli.output import console, fail, out
from closet.cli.train import Epochs, Seed, Variant, training_config
from core.errors import DatabaseUnavailable
from core.settings import shared_snap_files
from graph.db.server import ServerError

app = typer.Typer(
    help="Offline evaluation: split real outfits, answer FITB / retrieval, score answers.",
    no_args_is_help=True,
)


def snap_paths(data: list[Path] | None) -> list[Path]:
    """The snap files given (default: the shared men/women); exit 2 naming any missing."""
    paths = data or shared_snap_files()
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise fail(f"missing data file(s): {', '.join(missing)}", 2)
    return paths


def split_seeds(seeds: str) -> list[int]:
    """The comma-separated split seeds; exit 2 when they are not integers or none."""
    try:
        found = [int(x) for x in seeds.split(",") if x.strip()]
    except ValueError:
        raise fail(f"--seeds expects integers separated by commas, got {seeds!r}", 2) from None
    if not found:
        raise fail("--seeds names no seed", 2)
    return found


def split_command(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for the split files.")],
    data: Annotated[
        list[Path] | None, typer.Option(help="Snap JSON files (default: the shared men/women).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Split seed.")] = 42,
    share: Annotated[float, typer.Option(min=0.05, max=0.5, help="Held-out share.")] = 0.2,
) -> None:
    """Split outfits 80/20 (seeded) and write TRAIN/CATALOG, FITB@4/@10, pools and queries."""
    from gnn.evaluation.protocol import make_split

    paths = snap_paths(data)
    try:
        files = make_split(paths, out_dir, seed=seed, share=share)
    except (ValueError, KeyError) as exc:
        raise fail(f"cannot split: {exc}", 2) from None
    out.print(
        f"wrote the split to {out_dir} (seed {seed}); FITB files: "
        + ", ".join(str(q) for q, _ in files.fitb.values())
    )


def _answer(
    kind: str,
    train: Path,
    catalog: Path,
    model: str,
    variant: str,
    epochs: int,
    seed: int,
    device: str,
    write_rows,
) -> int:
    from gnn.evaluation.runner import EvalGraph, EvalInputError

    try:
        with EvalGraph(train, catalog, variant, training_config(epochs, seed, device)) as graph:
            return write_rows(graph, graph.model(model))
    except (EvalInputError, ValueError, KeyError) as exc:
        raise fail(str(exc), 2) from None
    except (DatabaseUnavailable, ServerError) as exc:
        raise fail(f"the throwaway Neo4j failed: {exc}") from None


Train = Annotated[
    Path, typer.Option(help="TRAIN.json (snap outfits).", exists=True, dir_okay=False)
]
Catalog = Annotated[
    Path, typer.Option(help="CATALOG.json (item records).", exists=True, dir_okay=False)
]
Model = Annotated[
    str,
    typer.Option(
        help="random, popularity, cooccurrence, brand, brand+cooc, rule, als, lightgcn, hybrid"
        " or ranker."
    ),
]


def fitb_command(
    train: Train,
    catalog: Catalog,
    questions: Annotated[Path, typer.Option(help="Questions (JSONL).", exists=True)],
    out_path: Annotated[Path, typer.Option("--out", help="Answers (JSONL).")],
    model: Model = "lightgcn",
    variant: Variant = "content",
    epochs: Epochs = 200,
    seed: Seed = 7,
    device: str = "auto",
) -> None:
    """Answer fill-in-the-blank questions on a throwaway Neo4j loaded with TRAIN + CATALOG."""
    from gnn.evaluation.runner import answer_fitb, read_lines, write_lines

    try:
        rows = read_lines(questions, ("question_id", "given", "candidates"))
    except (ValueError, OSError) as exc:
        raise fail(str(exc), 2) from None
    n = _answer(
        "fitb",
        train,
        catalog,
        model,
        variant,
        epochs,
        seed,
        device,
        lambda g, s: write_lines(out_path, answer_fitb(s, rows, seed)),
    )
    out.print(f"answered {n} questions with {model} -> {out_path}")


def retrieval_command(
    train: Train,
    catalog: Catalog,
    pools: Annotated[Path, typer.Option(help="POOLS.json: pool name -> item ids.", exists=True)],
    queries: Annotated[Path, typer.Option(help="Queries (JSONL).", exists=True)],
    out_path: Annotated[Path, typer.Option("--out", help="Answers (JSONL).")],
    model: Model = "lightgcn",
    variant: Variant = "content",
    epochs: Epochs = 200,
    seed: Seed = 7,
    device: str = "auto",
) -> None:
    """Rank pool items for each query item (top 100) on a throwaway Neo4j."""
    from gnn.evaluation.runner import answer_retrieval, read_lines, write_lines

    try:
        pool_map = json.loads(pools.read_text(encoding="utf-8"))
        if not isinstance(pool_map, dict):
            raise ValueError(f"{pools}: expected an object of pool name -> item ids")
        rows = read_lines(queries, ("query_id", "query_item", "pool", "exclude_category"))
    except (ValueError, OSError) as exc:
        raise fail(str(exc), 2) from None
    n = _answer(
        "retrieval",
        train,
        catalog,
        model,
        variant,
        epochs,
        seed,
        device,
        lambda g, s: write_lines(
            out_path, answer_retrieval(s, pool_map, rows, g.category_of, seed=seed)
        ),
    )
    out.print(f"answered {n} queries with {model} -> {out_path}")


def score_fitb_command(
    answers: Annotated[Path, typer.Option(exists=True)],
    truth: Annotated[Path, typer.Option(exists=True)],
) -> None:
    """FITB accuracy of an answer file against the truth file."""
    from gnn.evaluation.scorer import AnswerError, fitb_accuracy

    try:
        out.print_json(json.dumps(fitb_accuracy(answers, truth)))
    except AnswerError as exc:
        raise fail(str(exc), 2) from None


def score_retrieval_command(
    answers: Annotated[Path, typer.Option(exists=True)],
    truth: Annotated[Path, typer.Option(exists=True)],
    clusters: Annotated[Path, typer.Option(help="JSON item id -> cluster key.", exists=True)],
) -> None:
    """Recall@10/50 and NDCG@10, item and cluster level."""
    from gnn.evaluation.scorer import AnswerError, retrieval_metrics

    try:
        cluster_of = json.loads(clusters.read_text(encoding="utf-8"))
        out.print_json(json.dumps(retrieval_metrics(answers, truth, cluster_of)))
    except (AnswerError, ValueError) as exc:
        raise fail(str(exc), 2) from None


def occasion_command(
    data: Annotated[
        list[Path] | None, typer.Option(help="Snap JSON files (default: the shared men/women).")
    ] = None,
    seeds: Annotated[str, typer.Option(help="Split seeds, comma-separated.")] = "1,7,2026",
    epochs: Epochs = 200,
    train_seed: Seed = 7,
    device: str = "auto",
    out_dir: Annotated[
        Path, typer.Option("--out", help="Directory for occasion.md and occasion.json.")
    ] = Path("eval-results"),
) -> None:
    """FITB of the served ranker with each question's own style and season, against without."""
    from gnn.evaluation.occasion import evaluate_occasion, render, write

    paths = snap_paths(data)
    config = training_config(epochs, train_seed, device)
    reports = []
    try:
        for seed in split_seeds(seeds):
            reports.append(evaluate_occasion(paths, seed, config))
            console.print(render(reports[-1:]))
    except (DatabaseUnavailable, ServerError) as exc:
        raise fail(f"the throwaway Neo4j failed: {exc}") from None
    out.print(f"written to {write(reports, out_dir)}")


def run_command(
    data: Annotated[
        list[Path] | None, typer.Option(help="Snap JSON files (default: the shared men/women).")
    ] = None,
    seeds: Annotated[
        str, typer.Option(help="Split seeds, comma-separated; several are averaged.")
    ] = "42",
    models: Annotated[
        list[str] | None, typer.Option("--model", help="A model to score; repeat (default: all).")
    ] = None,
    variant: Variant = "content",
    epochs: Epochs = 200,
    train_seed: Seed = 7,
    device: str = "auto",
    out_dir: Annotated[
        Path, typer.Option("--out", help="Directory for the Markdown and JSON tables.")
    ] = Path("eval-results"),
) -> None:
    """Every model and baseline on seeded splits: FITB (and its cross-brand subset), retrieval,
    95% bootstrap intervals by outfit, and the mean over the seeds."""
    from gnn.evaluation.report import ORDER, evaluate_split, render, write
    from gnn.evaluation.runner import EvalInputError

    paths = snap_paths(data)
    unknown = [name for name in models or [] if name not in ORDER]
    if unknown:
        raise fail(f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(ORDER)}", 2)
    config = training_config(epochs, train_seed, device)
    reports = []
    try:
        for seed in split_seeds(seeds):
            reports.append(evaluate_split(paths, seed, models or list(ORDER), config, variant))
            console.print(f"split seed {seed} done", highlight=False)
    except (EvalInputError, ValueError, KeyError) as exc:
        raise fail(str(exc), 2) from None
    except (DatabaseUnavailable, ServerError) as exc:
        raise fail(f"the throwaway Neo4j failed: {exc}") from None
    out.print(render(reports), highlight=False)
    out.print(f"written to {write(reports, out_dir)}", highlight=False)


app.command("run")(run_command)
app.command("split")(split_command)
app.command("fitb")(fitb_command)
app.command("retrieval")(retrieval_command)
app.command("score-fitb")(score_fitb_command)
app.command("score-retrieval")(score_retrieval_command)
app.command("occasion")(occasion_command)
