"""`closet closet ...`: a closet's outfits and next piece from the command line (read-only)."""

from __future__ import annotations

import re
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

closet_app = typer.Typer(help="A person's closet: wearable outfits and the next piece to buy.")
out = Console()
err = Console(stderr=True)


def _closet(person: str):  # -> (driver, Closet)
    from core.errors import DatabaseUnavailable, PersonNotFound
    from core.vocabulary import PERSON_PATTERN
    from graph import wardrobe as store
    from graph.db.connection import connect

    if not re.fullmatch(PERSON_PATTERN, person):
        err.print(f"[bold red]error:[/] {person!r} is not a closet id (32 hex digits)")
        raise typer.Exit(2)
    try:
        driver = connect()
    except DatabaseUnavailable as exc:
        err.print(f"[bold red]error:[/] {exc}")
        raise typer.Exit(1) from None
    try:
        return driver, store.load_closet(driver, person)
    except PersonNotFound:
        driver.close()
        err.print(f"[bold red]error:[/] no closet with id {person}")
        raise typer.Exit(1) from None


@closet_app.command("outfits")
def outfits(
    person: Annotated[str, typer.Argument(help="Closet id")],
    limit: Annotated[int, typer.Option(min=1, max=200)] = 20,
) -> None:
    """The outfits the closet can wear now, real ones first."""
    from graph.recommend.explain import explain_outfit
    from graph.recommend.wearable import DEFINITION, wearable_outfits

    driver, closet = _closet(person)
    with driver:
        found = wearable_outfits(driver, closet)
    out.print(f"{len(found)} wearable outfits ({DEFINITION.format(min_support=1)})")
    table = Table("#", "items", "why")
    for n, o in enumerate(found[:limit], start=1):
        names = " + ".join(str(p.item.get("name") or p.id) for p in o.pieces)
        table.add_row(str(n), names, explain_outfit(o))
    out.print(table)


@closet_app.command("next")
def next_piece(
    person: Annotated[str, typer.Argument(help="Closet id")],
    budget: Annotated[int | None, typer.Option(min=0, help="Max price")] = None,
    category: Annotated[str | None, typer.Option(help="top, bottom or outer")] = None,
    limit: Annotated[int, typer.Option(min=1, max=50)] = 10,
) -> None:
    """The catalog items that add the most new wearable outfits."""
    from core.vocabulary import CORE_CATEGORIES
    from graph.recommend.explain import explain_next_piece
    from graph.recommend.next_piece import next_pieces
    from graph.recommend.ranking import closet_model

    if category is not None and category not in CORE_CATEGORIES:
        err.print(f"[bold red]error:[/] category must be one of {', '.join(CORE_CATEGORIES)}")
        raise typer.Exit(2)
    driver, closet = _closet(person)
    with driver:
        model = closet_model(driver, None)
        found = next_pieces(driver, closet, category, budget, limit, 1, 1, model)
        now, picks = found.current_outfits, found.picks
    out.print(f"{now} wearable outfits now; ranked by {'lightgcn' if model else 'rule'}")
    table = Table("#", "item", "new outfits", "why")
    for n, pick in enumerate(picks, start=1):
        name = f"{pick.piece.item.get('name')} ({pick.piece.id})"
        table.add_row(str(n), name, str(pick.gain.gain), explain_next_piece(pick))
    out.print(table)


def register(app: typer.Typer) -> None:
    """Add `closet closet ...` to the CLI."""
    app.add_typer(closet_app, name="closet")
