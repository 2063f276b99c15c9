"""`closet serve` (the REST API), `closet ui` (the Gradio demo) and `closet sample-path`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from core.settings import Settings

SAMPLE = Path(__file__).resolve().parents[1] / "sample" / "outfits.json"


def serve(
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Processes answering requests (each with its own driver, caches and rate limits).",
        ),
    ] = 1,
) -> None:
    """Run the REST API (FastAPI + uvicorn); OpenAPI docs at /docs."""
    import uvicorn

    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


def ui(
    port: Annotated[int, typer.Option(min=1, max=65535)] = 7860,
    host: Annotated[str, typer.Option(help="Interface to bind.")] = "127.0.0.1",
    api: Annotated[str | None, typer.Option(help="Base URL of the closet API.")] = None,
    offline: Annotated[
        bool,
        typer.Option(
            "--offline",
            help="Never load product photos: show the locally drawn pictures "
            "(also CLOSET_DEMO_OFFLINE=1).",
        ),
    ] = False,
) -> None:
    """Run the Gradio demo, which talks to the API over HTTP."""
    from demo.app import launch  # Gradio: imported only when the demo is run
    from demo.tiles import OFFLINE_ENV

    if offline:
        os.environ[OFFLINE_ENV] = "1"

    launch(api_url=api or Settings().api_url, host=host, port=port)


def sample_path() -> None:
    """Print the path of the bundled sample catalog."""
    typer.echo(str(SAMPLE))  # plain: `make sample` reads it with $(...)
