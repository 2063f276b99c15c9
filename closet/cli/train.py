"""`closet train`: export the graph, train LightGCN and the learned ranker, write both back
under a new version (switched together), or skip when the graph has not changed.

torch is imported only inside the commands, so the rest of the CLI starts fast.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from closet.cli.output import connect_or_fail, console, fail, out
from core.errors import DatabaseUnavailable
from graph.db.connection import connect
from graph.recommend.scores import active_version

if TYPE_CHECKING:
    from neo4j import Driver

    from gnn.export import GraphExport
    from gnn.train import TrainConfig

Variant = Annotated[
    str, typer.Option(help="Training graph: content (default), hetero, cooc or cluster.")
]
Epochs = Annotated[int, typer.Option(min=1, max=100_000, help="Maximum epochs.")]
Seed = Annotated[int, typer.Option(help="Random seed (split, init, sampling).")]


def training_config(epochs: int, seed: int, device: str, **overrides: Any) -> TrainConfig:
    """The closet training defaults with these epochs, seed, device and overrides."""
    from gnn.closet_train import CLOSET_DEFAULTS  # torch: imported only to train

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
    nproc: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Training processes: PyTorch DistributedDataParallel, gloo on the CPU, "
            "nccl on GPUs (one each); each takes a shard of the positive pairs.",
        ),
    ] = 1,
    checkpoint: Annotated[
        Path | None, typer.Option(help="Save state here every epoch (resume with --resume).")
    ] = None,
    resume: Annotated[bool, typer.Option(help="Continue from --checkpoint.")] = False,
    feedback: Annotated[
        bool, typer.Option(help="Add closets' LIKED/PICKED items as extra training edges.")
    ] = False,
    top_k: Annotated[int, typer.Option(min=1, max=10_000, help="Items per cluster/category.")] = 50,
    write: Annotated[bool, typer.Option(help="Write SCORED edges and activate the model.")] = True,
    ranker: Annotated[
        bool, typer.Option(help="Also train the learned ranker (LightGBM over every signal).")
    ] = True,
    force: Annotated[
        bool, typer.Option(help="Train even when the graph is unchanged since the active model.")
    ] = False,
    rollback: Annotated[
        bool, typer.Option(help="Serve the previous version again instead (no training).")
    ] = False,
) -> None:
    """Export the graph from Neo4j, train LightGCN and the ranker, write them back under a new
    version; skipped when the graph and options are those of the active version."""
    from gnn.closet_graph import VARIANTS
    from gnn.export import export_graph

    if rollback:
        roll_back()
        return
    if variant not in VARIANTS:
        raise fail(f"--variant must be one of {', '.join(VARIANTS)}", 2)
    if resume and checkpoint is None:
        raise fail("--resume needs --checkpoint", 2)
    if nproc > 1 and checkpoint is not None:
        raise fail("--checkpoint is not supported with --nproc > 1", 2)
    try:
        config = training_config(
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
            nproc=nproc,
        )
        driver = connect()
    except (DatabaseUnavailable, ValueError) as exc:
        raise fail(str(exc)) from None
    try:
        export = export_graph(driver, feedback=feedback)
        console.print(
            f"exported {len(export.items)} items, {len(export.outfits)} outfits"
            + (f", {len(export.feedback)} feedback groups" if feedback else "")
        )
        if not export.outfits:
            raise fail("the graph holds no outfits to learn from: run `closet load` first")
        from gnn.ranker import recipe

        fingerprint = export.fingerprint(
            variant=variant, config=config, val_share=val_share, ranker=recipe() if ranker else None
        )
        active = active_version(driver)
        if write and not force and active and active.get("fingerprint") == fingerprint:
            console.print(
                f"graph unchanged since {active['active']}: training skipped (--force retrains)"
            )
            out.print_json(json.dumps({"skipped": True, "model": active["active"]}))
            return
        summary = train_and_write(
            driver, export, variant, config, val_share, top_k, write, ranker, fingerprint
        )
    except ValueError as exc:
        raise fail(str(exc)) from None
    finally:
        driver.close()
    out.print_json(json.dumps(summary))


def roll_back() -> None:
    """`closet train --rollback`: swap the active and the previous version, in one transaction."""
    from gnn.writeback import rollback

    with connect_or_fail() as driver:
        swapped = rollback(driver)
    if swapped is None:
        raise fail("no previous version to roll back to (train at least twice first)")
    out.print_json(json.dumps(swapped))


def train_and_write(
    driver: Driver,
    export: GraphExport,
    variant: str,
    config: TrainConfig,
    val_share: float,
    top_k: int,
    write: bool,
    with_ranker: bool,
    fingerprint: str | None = None,
) -> dict[str, Any]:
    """Train LightGCN (and the ranker), write and activate them when `write`; the summary."""
    from gnn.closet_train import train_closet
    from gnn.export import GraphExport
    from gnn.ranker import MIN_OUTFITS, train_ranker
    from gnn.writeback import write_scores

    result = train_closet(export, variant, config, val_share=val_share)
    training = None
    if with_ranker and len(export.outfits) < MIN_OUTFITS:
        console.print(
            f"only {len(export.outfits)} outfits: too few for the learned ranker "
            f"(needs {MIN_OUTFITS}); LightGCN alone is trained"
        )
    elif with_ranker:

        def held_out(outfits: list) -> Any:  # many small fits: one process each
            fit = GraphExport(export.items, outfits, export.feedback)
            alone = replace(config, nproc=1)
            return train_closet(fit, variant, alone, refit=False, progress=False).scorer

        training = train_ranker(
            export.items, export.outfits, held_out, result.scorer, seed=config.seed
        )
    summary: dict[str, Any] = {
        "variant": variant,
        "graph": result.graph.stats,
        "best_epoch": result.best_epoch,
        "validation": {k: round(v, 4) for k, v in result.val_metrics.items()},
        "seconds_per_epoch": round(result.seconds_per_epoch, 3),
        "device": result.device,
    }
    if training is not None:
        summary["ranker"] = {
            "selection_fitb@10": training.selection,
            "best": training.best,
            "rows": training.rows,
            "seconds": round(training.seconds, 1),
            "calibration": training.calibration,
        }
    if write:
        summary["calibration"] = {k: round(v, 4) for k, v in result.calibration_report.items()}
        report = write_scores(
            driver,
            result.scorer,
            top_k=top_k,
            metrics=summary,
            calibration=result.calibration,
            fingerprint=fingerprint,
            ranker=training,
        )
        summary.update(
            fingerprint=fingerprint,
            model=report.model,
            previous=report.previous,
            scored_edges=report.edges,
            deleted_old_edges=report.deleted,
            ranker_version=report.ranker,
        )
    return summary
