"""`closet synth`: a synthetic catalog in the snap format, shaped like the real one (for scale
benchmarks); `closet synth --calibrate FILE...` measures that shape on real snap files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from tqdm.auto import tqdm

from closet.cli.output import console, fail, out
from core.errors import InputError
from core.records import SnapOutfit
from graph.ingest.loader import BadLine, read_records
from graph.ingest.normalize import OutfitRow, normalize_outfit
from graph.ingest.synth import generate
from graph.ingest.synth_profile import PROFILE_FILE, Profile, measure

OUTFITS_PER_ITEM = 0.3


def synth_command(
    items: Annotated[int, typer.Option(min=10, max=100_000_000, help="Catalog items.")] = 10_000,
    outfits: Annotated[
        int | None, typer.Option(min=1, help="Outfits (default: 0.3 per item).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Same seed, same catalog.")] = 0,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help="Folder (default: ./synth-<items>).")
    ] = None,
    images: Annotated[
        bool, typer.Option(help="Also render a product image per item (out/images).")
    ] = False,
    profile: Annotated[
        Path | None, typer.Option(help="A profile JSON (default: the real data's).")
    ] = None,
    calibrate: Annotated[
        list[Path] | None,
        typer.Option(help="Measure the profile of these snap files and write it (no catalog)."),
    ] = None,
) -> None:
    """Write outfits.jsonl and catalog.jsonl (items in no outfit) for `closet load`."""
    if calibrate:
        _calibrate(calibrate, profile or PROFILE_FILE)
        return
    shape = None
    if profile is not None:
        try:
            shape = Profile.from_json(profile.read_text(encoding="utf-8"))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise fail(f"{profile}: not a synth profile ({exc})", 2) from None
    folder = out_dir or Path(f"synth-{items}")
    count = outfits if outfits is not None else max(1, round(items * OUTFITS_PER_ITEM))
    image_dir = folder / "images" if images else None
    if image_dir is not None:
        image_dir.mkdir(parents=True, exist_ok=True)
    with tqdm(total=count, desc="outfits", unit="outfit", disable=None) as bar:
        report = generate(items, count, seed, folder, shape, image_dir, progress=bar.update)
    out.print(
        f"{report.outfits} outfits over {report.in_outfits} items → {report.outfits_file}; "
        f"{report.catalog_only} items in no outfit → {report.catalog_file}"
        + (f"; {report.images} images in {image_dir}" if image_dir else "")
    )
    out.print(
        f"load with: closet load {report.outfits_file} && "
        f"closet load --catalog {report.catalog_file}"
    )


def _calibrate(files: list[Path], target: Path) -> None:
    rows: list[OutfitRow] = []
    for path in files:
        try:
            records = read_records(path)
        except InputError as exc:
            raise fail(str(exc), 2) from None
        for _, record in records:
            if isinstance(record, BadLine):
                continue
            try:
                rows.append(normalize_outfit(SnapOutfit.model_validate(record)))
            except ValidationError:
                continue
    if not rows:
        raise fail("no valid outfit in the files given", 2)
    shape = measure(rows)
    target.write_text(shape.to_json() + "\n", encoding="utf-8")
    console.print(f"measured {shape.outfits} outfits, {shape.items} items → {target}")
