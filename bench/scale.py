"""What the scale benchmarks share: a throwaway Neo4j sized for a million items, and log–log
plots against catalog size."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from core.settings import Settings
from graph.db.connection import connect
from graph.db.server import LocalServer, free_port
from graph.ingest.bulk import bulk_load
from graph.ingest.loader import LoadReport
from graph.ingest.synth import generate


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


def load_synth(
    server: LocalServer, settings: Settings, work: Path, size: int, seed: int
) -> LoadReport:
    """A `closet synth` catalog of `size` items (0.3 outfits per item), written under `work`
    and bulk-loaded into `server`, replacing its database."""
    folder = work / f"synth-{size}"
    generate(size, round(size * 0.3), seed, folder)
    files = [folder / "outfits.jsonl", folder / "catalog.jsonl"]
    return bulk_load(lambda: connect(settings), server, files, replace=True)


def child_env(settings: Settings) -> dict[str, str]:
    """This environment, with the NEO4J_* variables pointing at `settings`' server only."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI=settings.neo4j_uri, NEO4J_PASSWORD=settings.neo4j_password)
    return env


def wait_for(url: str, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    """Wait until `url` answers 200; kill `proc` and raise if it does not in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


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
