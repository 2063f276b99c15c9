"""`closet wardrobe outfits|next`: a closet's wearable outfits and next piece (read-only).

The group was called `closet closet`; that name still works, hidden from the help.
"""

from __future__ import annotations

import re
from typing import Annotated

import typer
from neo4j import Driver
from rich.table import Table

from closet.cli.output import connect_or_fail, fail, out
from core.errors import PersonNotFound
from core.vocabulary import BRAND_MODES, CORE_CATEGORIES, PERSON_PATTERN
from graph.recommend.explain import explain_next_piece, explain_outfit
from graph.recommend.next_piece import next_pieces
from graph.recommend.ranking import closet_model
from graph.recommend.wearable import DEFINITION, wearable_outfits
from graph.wardrobe import Closet, load_closet

app = typer.Typer(help="A person's closet: wearable outfits and the next piece to buy.")


def _closet(person: str) -> tuple[Driver, Closet]:
    """A driver and the person's closet, or exit with the reason (2: not an id, 1: unknown)."""
    if not re.fullmatch(PERSON_PATTERN, person):
        raise fail(f"{person!r} is not a closet id (32 hex digits)", 2)
    driver = connect_or_fail()
    try:
        return driver, load_closet(driver, person)
    except PersonNotFound:
        driver.close()
        raise fail(f"no closet with id {person}") from None


@app.command("outfits")
def outfits(
    person: Annotated[str, typer.Argument(help="Closet id")],
    limit: Annotated[int, typer.Option(min=1, max=200)] = 20,
) -> None:
    """The outfits the closet can wear now, real ones first."""
    driver, closet = _closet(person)
    with driver:
        found = wearable_outfits(driver, closet)
    out.print(f"{len(found)} wearable outfits ({DEFINITION.format(min_support=1)})")
    table = Table("#", "items", "why")
    for n, o in enumerate(found[:limit], start=1):
        names = " + ".join(str(p.item.get("name") or p.id) for p in o.pieces)
        table.add_row(str(n), names, explain_outfit(o))
    out.print(table)


@app.command("next")
def next_piece(
    person: Annotated[str, typer.Argument(help="Closet id")],
    budget: Annotated[int | None, typer.Option(min=0, help="Max price")] = None,
    category: Annotated[str | None, typer.Option(help="top, bottom or outer")] = None,
    limit: Annotated[int, typer.Option(min=1, max=50)] = 10,
    brands: Annotated[str, typer.Option(help="any, same (the closet's brands) or other.")] = "any",
) -> None:
    """The catalog items that add the most new wearable outfits."""
    if category is not None and category not in CORE_CATEGORIES:
        raise fail(f"category must be one of {', '.join(CORE_CATEGORIES)}", 2)
    if brands not in BRAND_MODES:
        raise fail(f"--brands must be one of {', '.join(BRAND_MODES)}", 2)
    driver, closet = _closet(person)
    with driver:
        model = closet_model(driver, None)
        found = next_pieces(driver, closet, category, budget, limit, 1, 1, model, brands)
        now, picks = found.current_outfits, found.picks
    out.print(f"{now} wearable outfits now; ranked by {'lightgcn' if model else 'rule'}")
    table = Table("#", "item", "new outfits", "why")
    for n, pick in enumerate(picks, start=1):
        name = f"{pick.piece.item.get('name')} ({pick.piece.id})"
        table.add_row(str(n), name, str(pick.gain.gain), explain_next_piece(pick))
    out.print(table)
