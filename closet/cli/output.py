"""What every command prints with: stdout for results, stderr for progress and errors, and
`fail()`, the one way a command reports an error to a person (no traceback, a non-zero exit)."""

from __future__ import annotations

import typer
from neo4j import Driver
from rich.console import Console

from core.errors import DatabaseUnavailable
from graph.db.connection import connect

# Text is never wrapped at the terminal width (a long path or message stays one line, so other
# commands and tests can read it); tables still fit the terminal.
console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print an error for a person and return the Exit to raise. The message is never wrapped
    at the terminal width, so a long path cannot split its words."""
    console.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


def connect_or_fail() -> Driver:
    """A driver to the configured Neo4j, or exit 1 with the reason."""
    try:
        return connect()
    except DatabaseUnavailable as exc:
        raise fail(str(exc)) from None
