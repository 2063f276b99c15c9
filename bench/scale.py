"""What the scale benchmarks share: a throwaway Neo4j sized for a million items, and log–log
plots against catalog size."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.settings import Settings
from graph.db.server import LocalServer, free_port


@contextmanager
def throwaway_server() -> Iterator[tuple[LocalServer, Settings, Path]]:
    """A local Neo4j (heap 4g, page cache 4g) in a temporary folder, with a work folder beside
    it; both are removed and the server stopped at the end."""
    with tempfile.TemporaryDirectory() as tmp:
        server = LocalServer(
            Path(tmp) / "neo4j", free_port(), free_port(), heap="4g", pagecache="4g", ephemeral=True
        )
        server.start(timeout=300)
        try:
            yield (
                server,
                Settings(server.bolt_uri, "neo4j", server.read_password() or ""),
                Path(tmp),
            )
        finally:
            server.stop()


def finish_loglog(fig: Any, ax: Any, path: Path, ylabel: str, title: str) -> None:
    """Log scales, labels and legend on `ax`, then save the figure to `path`."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("catalog items")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
