"""CLI of the gnn area: `closet train` and `closet eval split|fitb|retrieval|score-*`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

console = Console(stderr=True)
out = Console()

eval_app = typer.Typer(
    help="Offline evaluation: split real outfits, answer FITB / retrieval, score answers.",
    no_args_is_help=True,
)

Variant = Annotated[
    str, typer.Option(help="Training graph: content (default), hetero, cooc or cluster.")
]
Epochs = Annotated[int, typer.Option(min=1, max=100_000, help="Maximum epochs.")]
Seed = Annotated[int, typer.Option(help="Random seed (split, init, sampling).")]


def _fail(message: str, code: int = 1) -> typer.Exit:
    console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _config(epochs: int, seed: int, device: str, **overrides):  # -> TrainConfig
    from gnn.closet_train import CLOSET_DEFAULTS

    return replace(CLOSET_DEFAULTS, epochs=epochs, seed=seed, device=device, **overrides)


def train_command(
    variant: Variant = "content",
    epochs: Epochs = 200,
    lr: Annotated[float, typer.Option(min=1e-6, max=1.0, help="Adam learning rate.")] = 0.02,
    dim: Annotated[int, typer.Option(min=2, max=1024, help="Embedding size.")] = 64,
    layers: Annotated[int, typer.Option(min=1, max=10, help="LightGCN layers.")] = 3,
    batch_size: Annotated[int, typer.Option(min=16, help="Positive pairs per batch.")] = 1024,
    patience: Annotated[int, typer.Option(min=1, help="Evaluations without improvement.")] = 6,
    val_share: Annotated[
        float, typer.Option(min=0.0, max=0.5, help="Outfits held out for early stopping.")
    ] = 0.1,
    seed: Seed = 7,
    device: Annotated[str, typer.Option(help="auto (CUDA when present), cpu or cuda.")] = "auto",
    checkpoint: Annotated[
        Path | None, typer.Option(help="Save state here every epoch (resume with --resume).")
    ] = None,
    resume: Annotated[bool, typer.Option(help="Continue from --checkpoint.")] = False,
    feedback: Annotated[
        bool, typer.Option(help="Add closets' LIKED/PICKED items as extra training edges.")
    ] = False,
    top_k: Annotated[int, typer.Option(min=1, max=10_000, help="Items per cluster/category.")] = 50,
    write: Annotated[bool, typer.Option(help="Write SCORED edges and activate the model.")] = True,
) -> None:
    """Export the graph from Neo4j, train LightGCN, write scores back under a new version."""
    from core.errors import DatabaseUnavailable
    from gnn.closet_graph import VARIANTS
    from gnn.closet_train import train_closet
    from gnn.export import export_graph
    from gnn.writeback import write_scores
    from graph.db.connection import connect

    if variant not in VARIANTS:
        raise _fail(f"--variant must be one of {', '.join(VARIANTS)}", 2)
    if resume and checkpoint is None:
        raise _fail("--resume needs --checkpoint", 2)
    try:
        config = _config(
            epochs,
            seed,
            device,
            lr=lr,
            embedding_dim=dim,
            num_layers=layers,
            batch_size=batch_size,
            patience=patience,
            checkpoint=str(checkpoint) if checkpoint else None,
            resume=resume,
        )
        driver = connect()
    except (DatabaseUnavailable, ValueError) as exc:
        raise _fail(str(exc)) from None
    try:
        export = export_graph(driver, feedback=feedback)
        console.print(
            f"exported {len(export.items)} items, {len(export.outfits)} outfits"
            + (f", {len(export.feedback)} feedback groups" if feedback else "")
        )
        result = train_closet(export, variant, config, val_share=val_share)
        summary = {
            "variant": variant,
            "graph": result.graph.stats,
            "best_epoch": result.best_epoch,
            "validation": {k: round(v, 4) for k, v in result.val_metrics.items()},
            "seconds_per_epoch": round(result.seconds_per_epoch, 3),
            "device": result.device,
        }
        if write:
            report = write_scores(driver, result.scorer, top_k=top_k, metrics=summary)
            summary.update(
                model=report.model,
                previous=report.previous,
                scored_edges=report.edges,
                deleted_old_edges=report.deleted,
            )
    except ValueError as exc:
        raise _fail(str(exc)) from None
    finally:
        driver.close()
    out.print_json(json.dumps(summary))


def split_command(
    out_dir: Annotated[Path, typer.Option("--out", help="Directory for the split files.")],
    data: Annotated[
        list[Path] | None, typer.Option(help="Snap JSON files (default: the shared men/women).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Split seed.")] = 42,
    share: Annotated[float, typer.Option(min=0.05, max=0.5, help="Held-out share.")] = 0.2,
) -> None:
    """Split outfits 80/20 (seeded) and write TRAIN/CATALOG, FITB@4/@10, pools and queries."""
    from core.settings import shared_data_dir
    from gnn.evaluation.protocol import make_split

    paths = data or [
        shared_data_dir() / "musinsa-snap-2025" / f for f in ("men.json", "women.json")
    ]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise _fail(f"missing data file(s): {', '.join(missing)}", 2)
    try:
        files = make_split(paths, out_dir, seed=seed, share=share)
    except (ValueError, KeyError) as exc:
        raise _fail(f"cannot split: {exc}", 2) from None
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
    from core.errors import DatabaseUnavailable
    from gnn.evaluation.runner import EvalGraph, EvalInputError
    from graph.db.server import ServerError

    try:
        with EvalGraph(train, catalog, variant, _config(epochs, seed, device)) as graph:
            return write_rows(graph, graph.model(model))
    except (EvalInputError, ValueError, KeyError) as exc:
        raise _fail(str(exc), 2) from None
    except (DatabaseUnavailable, ServerError) as exc:
        raise _fail(f"the throwaway Neo4j failed: {exc}") from None


Train = Annotated[
    Path, typer.Option(help="TRAIN.json (snap outfits).", exists=True, dir_okay=False)
]
Catalog = Annotated[
    Path, typer.Option(help="CATALOG.json (item records).", exists=True, dir_okay=False)
]
Model = Annotated[
    str,
    typer.Option(help="random, popularity, cooccurrence, rule, als, lightgcn or hybrid."),
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
        raise _fail(str(exc), 2) from None
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
        raise _fail(str(exc), 2) from None
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
        raise _fail(str(exc), 2) from None


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
        raise _fail(str(exc), 2) from None


def register(app: typer.Typer) -> None:
    """Add `closet train` and `closet eval ...` to the CLI."""
    app.command("train")(train_command)
    eval_app.command("split")(split_command)
    eval_app.command("fitb")(fitb_command)
    eval_app.command("retrieval")(retrieval_command)
    eval_app.command("score-fitb")(score_fitb_command)
    eval_app.command("score-retrieval")(score_retrieval_command)
    app.add_typer(eval_app, name="eval")
