"""Cluster co-occurrence as the closet maths reads it: how many real outfits wear two clusters
together (`PAIRS_WITH.outfits`).

`PairTable` is the small interface the maths takes (pure: built from a dict of pair counts, it
is what the unit tests use); `PairBook` fills the same table from Neo4j on demand, one query per
batch of clusters, bounded by their PAIRS_WITH degree, and keeps each cluster's partners in the
process until the next co-occurrence refresh (graph/recommend/catalog_cache.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from neo4j import Driver

from core.vocabulary import CORE_CATEGORIES, split_cluster_key
from enrich.taxonomy import MID_CLASSES, mid_class_big
from graph.db.connection import read
from graph.recommend.catalog_cache import CatalogCache, current_generation

DEFAULT_MIN_SUPPORT = 1
PARTNERS: CatalogCache[dict[str, int]] = CatalogCache("cluster partners")


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The unordered pair (a, b) in a canonical order."""
    return (a, b) if a < b else (b, a)


class PairTable:
    """Co-occurrence counts between clusters: the partners of every cluster that was read
    (`neighbors`), plus pairs read among clusters whose partners were not (`ensure_among`).

    Built directly (`PairTable.of(pairs)`) it holds every pair it will ever know; subclasses
    read partners lazily (`_read_partners`, `_read_among`).
    """

    def __init__(
        self,
        min_support: int = DEFAULT_MIN_SUPPORT,
        categories: Sequence[str] | None = CORE_CATEGORIES,
        pairs: Mapping[tuple[str, str], int] | None = None,
    ) -> None:
        self.min_support = min_support
        # partners are kept only for these big categories (None: all, for complete-the-look)
        self.mids = (
            None
            if categories is None
            else sorted(m.name for m in MID_CLASSES if set(m.bigs) & set(categories))
        )
        self.neighbors: dict[str, dict[str, int]] = {}
        # the catalog generation the table was read at (None: not from the graph, not cached)
        self.generation: int | None = None
        self._extra: dict[tuple[str, str], int] = {}
        self._all: dict[str, dict[str, int]] = {}
        for (a, b), outfits in (pairs or {}).items():
            if a != b and outfits > 0:
                self._all.setdefault(a, {})[b] = int(outfits)
                self._all.setdefault(b, {})[a] = int(outfits)

    @classmethod
    def of(
        cls,
        pairs: Mapping[tuple[str, str], int],
        min_support: int = DEFAULT_MIN_SUPPORT,
        categories: Sequence[str] | None = CORE_CATEGORIES,
    ) -> PairTable:
        """A table of the given pair counts ({(a, b): outfits}, either order)."""
        return cls(min_support, categories, pairs)

    def _kept(self, key: str, outfits: int) -> bool:
        mid = split_cluster_key(key)[0]
        return outfits >= self.min_support and (self.mids is None or mid in self.mids)

    def _read_partners(self, keys: list[str]) -> dict[str, dict[str, int]]:
        """The partners of `keys` (those of the kept categories, min_support or more)."""
        return {
            key: {b: n for b, n in self._all.get(key, {}).items() if self._kept(b, n)}
            for key in keys
        }

    def _read_among(self, keys: list[str]) -> dict[tuple[str, str], int]:
        """The pair counts among `keys`."""
        found = {}
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if self._all.get(a, {}).get(b):
                    found[pair_key(a, b)] = self._all[a][b]
        return found

    def ensure(self, keys: Iterable[str | None]) -> None:
        """Read the partners of the clusters not read yet."""
        missing = sorted({k for k in keys if k and k not in self.neighbors})
        if missing:
            partners = self._read_partners(missing)
            for key in missing:
                self.neighbors[key] = partners.get(key, {})

    def ensure_among(self, keys: Iterable[str]) -> None:
        """Read the pairs between clusters none of which had its partners read."""
        wanted = sorted({k for k in keys if k and k not in self.neighbors})
        if len(wanted) < 2:
            return
        for pair, outfits in self._read_among(wanted).items():
            if outfits >= self.min_support:
                self._extra[pair] = outfits

    def outfits(self, a: str | None, b: str | None) -> int:
        """Real outfits wearing both clusters (0 when unknown, the same cluster or none)."""
        if not a or not b or a == b:
            return 0
        if a in self.neighbors:
            return self.neighbors[a].get(b, 0)
        if b in self.neighbors:
            return self.neighbors[b].get(a, 0)
        return self._extra.get(pair_key(a, b), 0)

    def ok(self, a: str | None, b: str | None) -> bool:
        """True when the two clusters are worn together often enough to pair."""
        return self.outfits(a, b) >= self.min_support and self.outfits(a, b) > 0

    def categories(self, key: str, wanted: Sequence[str]) -> list[str]:
        """The wanted big categories an item of this cluster may have (from its mid class)."""
        bigs = mid_class_big(split_cluster_key(key)[0])
        return [c for c in wanted if c in bigs]


class PairBook(PairTable):
    """A PairTable read from the graph on demand (per source cluster, cached)."""

    def __init__(
        self,
        driver: Driver,
        min_support: int = DEFAULT_MIN_SUPPORT,
        categories: Sequence[str] | None = CORE_CATEGORIES,
    ) -> None:
        super().__init__(min_support, categories)
        self.driver = driver
        self.generation = current_generation(driver)

    def _read_partners(self, keys: list[str]) -> dict[str, dict[str, int]]:
        mids = None if self.mids is None else tuple(self.mids)

        def from_graph(missing: list[tuple]) -> dict[tuple, dict[str, int]]:
            rows = read(
                self.driver,
                "closet/partner_clusters",
                keys=[key for key, _, _ in missing],
                min_support=self.min_support,
                mids=self.mids,
            )
            found = {row["source"]: {k: int(n) for k, n in row["partners"]} for row in rows}
            return {entry: found.get(entry[0], {}) for entry in missing}

        kept = PARTNERS.get_many(
            self.generation, [(key, self.min_support, mids) for key in keys], from_graph
        )
        return {entry[0]: partners for entry, partners in kept.items()}

    def _read_among(self, keys: list[str]) -> dict[tuple[str, str], int]:
        rows = read(self.driver, "closet/pairs_among", keys=keys)
        return {pair_key(r["a"], r["b"]): int(r["outfits"]) for r in rows}
