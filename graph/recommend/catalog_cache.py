"""Answers that depend only on the catalog, kept in this process until the catalog changes.

The rule's candidates for a source cluster, a cluster's co-occurrence partners and a cluster's
best items are the same for every request until the next co-occurrence refresh rewrites what
they are read from (every load, bulk load, crawl and enrichment pass ends with one). Each
refresh sets a new stamp on `(:Generation {name: 'catalog'})` (maintenance/generation_bump); an
answer is used only under the stamp it was read at, so a refresh retires every answer at once
and a request never sees one older than the graph it reads. A graph with no stamp yet (built by
hand, or wiped) is never cached. CLOSET_CACHE_ENTRIES bounds each cache (0 turns caching off).
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Generic, TypeVar

from neo4j import Driver

from graph.db.connection import read

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")
DEFAULT_ENTRIES = 20_000
CACHES: weakref.WeakSet[CatalogCache] = weakref.WeakSet()  # the live caches, for /health


def configured_entries() -> int:
    """CLOSET_CACHE_ENTRIES (a non-negative integer), else DEFAULT_ENTRIES."""
    value = os.environ.get("CLOSET_CACHE_ENTRIES", "")
    return int(value) if value.isdigit() else DEFAULT_ENTRIES


def frozen(params: Mapping[str, object]) -> tuple:
    """Query parameters as a cache key (lists become tuples)."""
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())


def current_generation(driver: Driver) -> int | None:
    """The catalog's generation stamp (None before the first refresh)."""
    rows = read(driver, "recommend/generation")
    return rows[0]["stamp"] if rows else None


class CatalogCache(Generic[Value]):
    """A bounded, thread-safe LRU map from key to answer, valid for one generation stamp."""

    def __init__(self, name: str, entries: int | None = None) -> None:
        self.name = name
        self.entries = configured_entries() if entries is None else entries
        self.hits = 0
        self.misses = 0
        self._stamp: int | None = None
        self._answers: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()
        CACHES.add(self)

    def get(self, stamp: int | None, key: Hashable, compute: Callable[[], Value]) -> Value:
        """The answer for `key` under `stamp`: kept from an earlier call, else `compute()`."""
        return self.get_many(stamp, [key], lambda _: {key: compute()})[key]

    def get_many(
        self,
        stamp: int | None,
        keys: Iterable[Key],
        compute: Callable[[list[Key]], Mapping[Key, Value]],
    ) -> dict[Key, Value]:
        """The answers for `keys` under `stamp`: those kept, and the others from one call
        `compute(missing)`, which must answer every key it is given."""
        keys = list(dict.fromkeys(keys))
        if stamp is None or self.entries == 0:
            return dict(compute(keys)) if keys else {}
        found: dict[Key, Value] = {}
        with self._lock:
            if stamp != self._stamp:
                self._answers.clear()
                self._stamp = stamp
            for key in keys:
                if key in self._answers:
                    self._answers.move_to_end(key)
                    found[key] = self._answers[key]
            self.hits += len(found)
            self.misses += len(keys) - len(found)
        missing = [key for key in keys if key not in found]
        if missing:
            computed = compute(missing)
            with self._lock:
                for key in missing:
                    found[key] = computed[key]
                    if stamp == self._stamp:
                        self._answers[key] = computed[key]
                while len(self._answers) > self.entries:
                    self._answers.popitem(last=False)
        return found

    def __len__(self) -> int:
        return len(self._answers)

    def clear(self) -> None:
        """Forget every answer and the counts (tests)."""
        with self._lock:
            self._answers.clear()
            self._stamp = None
            self.hits = self.misses = 0
