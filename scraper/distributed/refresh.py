"""The co-occurrence refresh of a shared crawl: once, by whichever worker finds the crawl done,
after the last write, never two at once (each prunes the pairs not stamped by itself)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from scraper.distributed.frontier import Frontier

T = TypeVar("T")
LOCK_SECONDS = 3600
# One lock for every crawl in this Redis, not per crawl: two crawls into one graph must not
# refresh it at the same time either.
LOCK_KEY = "closet:refresh_lock"


def note_write(frontier: Frontier) -> None:
    """Count a batch written to Neo4j (a refresh is due once the crawl is done)."""
    frontier.server.incr(frontier.key("writes"))


def refresh_once(frontier: Frontier, refresh: Callable[[], T]) -> T | None:
    """Run `refresh` unless the crawl is still going (queue or other workers busy) or a refresh
    already covered every write; None when it did not run."""
    if frontier.queued() or frontier.busy_elsewhere():
        return None
    server = frontier.server
    with server.lock(LOCK_KEY, timeout=LOCK_SECONDS, blocking_timeout=LOCK_SECONDS):
        writes = int(server.get(frontier.key("writes")) or 0)
        done = server.get(frontier.key("refreshed"))
        if done is not None and int(done) == writes:
            return None
        result = refresh()
        server.set(frontier.key("refreshed"), writes)
        return result
