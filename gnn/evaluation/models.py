"""The models compared offline, behind one interface: `score(given, candidates) -> scores`.

random, popularity (training outfits per item), item co-occurrence, same brand, same brand
with cluster co-occurrence as the tie-break, the rule-based Cypher model
(graph.recommend.rule.recommend_for_item), LightGCN (gnn.closet_train), hybrid (rule
candidates first, each group ordered by LightGCN) and a peer library (implicit's ALS on the
outfit x item matrix), and the learned ranker (gnn.ranker: LightGBM over every signal).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Protocol

import numpy as np
from neo4j import Driver

from core.errors import ItemNotFound
from gnn.closet_graph import ItemScorer
from gnn.export import GraphExport
from graph.recommend.learned import Ranker
from graph.recommend.rule import recommend_for_item

MODELS = (
    "random",
    "popularity",
    "cooccurrence",
    "brand",
    "brand+cooc",
    "rule",
    "als",
    "lightgcn",
    "hybrid",
    "ranker",
)
# A brand match outranks any co-occurrence count (outfits x given items stays far below this).
BRAND_FIRST = 1e6


class Scorer(Protocol):
    def score(self, given: list[str], candidates: list[str]) -> np.ndarray: ...


class RandomModel:
    """Uniform random scores (seeded): the chance level."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = np.random.default_rng(seed)

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        return self.rng.random(len(candidates))


class PopularityModel:
    """Number of training outfits holding the candidate."""

    def __init__(self, export: GraphExport) -> None:
        self.count = Counter(i for o in export.outfits for i in set(o.items))

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        return np.array([self.count.get(c, 0) for c in candidates], dtype=float)


class CooccurrenceModel:
    """Training outfits in which the candidate is worn with a given item (summed)."""

    def __init__(self, export: GraphExport) -> None:
        self.pairs: Counter[tuple[str, str]] = Counter()
        for outfit in export.outfits:
            items = sorted(set(outfit.items))
            for a in items:
                for b in items:
                    if a != b:
                        self.pairs[a, b] += 1

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        return np.array(
            [sum(self.pairs.get((g, c), 0) for g in given) for c in candidates], dtype=float
        )


class BrandModel:
    """The "same brand" baseline: how many given items share the candidate's brand.

    Many snaps are a brand's own shoot, so this one-line rule is strong on the questions whose
    answer shares a given item's brand, and at chance on the others (the cross-brand subset).
    """

    def __init__(self, export: GraphExport) -> None:
        self.brand = {item.id: item.brand for item in export.items if item.brand}

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        brands = Counter(self.brand[g] for g in given if g in self.brand)
        return np.array([brands.get(self.brand.get(c, ""), 0) for c in candidates], dtype=float)


class BrandCooccurrenceModel:
    """Same brand first, then cluster co-occurrence in the training outfits as the tie-break:
    two signals and no training, the baseline a learned model has to beat."""

    def __init__(self, export: GraphExport) -> None:
        self.brand = BrandModel(export)
        self.cluster = {item.id: item.cluster for item in export.items if item.cluster}
        self.pairs: Counter[tuple[str, str]] = Counter()
        for outfit in export.outfits:
            clusters = sorted({self.cluster[i] for i in outfit.items if i in self.cluster})
            for n, a in enumerate(clusters):
                for b in clusters[n + 1 :]:
                    self.pairs[a, b] += 1

    def cooccurrence(self, a: str | None, b: str | None) -> int:
        """Training outfits wearing both clusters (0 for the same or an unknown cluster)."""
        if not a or not b or a == b:
            return 0
        return self.pairs.get((a, b) if a < b else (b, a), 0)

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        cooc = np.array(
            [
                sum(self.cooccurrence(self.cluster.get(g), self.cluster.get(c)) for g in given)
                for c in candidates
            ],
            dtype=float,
        )
        return self.brand.score(given, candidates) * BRAND_FIRST + cooc


class RuleModel:
    """The rule-based Cypher model: for each given item, its ranked recommendations in the
    candidates' category; a candidate scores the sum of 1/rank over the given items."""

    def __init__(
        self, driver: Driver, category_of: Callable[[str], str | None], depth: int = 5000
    ) -> None:
        self.driver = driver
        self.category_of = category_of
        self.depth = depth
        self._cache: dict[tuple[str, str], dict[str, int]] = {}

    def ranks(self, item_id: str, category: str) -> dict[str, int]:

        key = (item_id, category)
        if key not in self._cache:
            try:
                recs = recommend_for_item(
                    self.driver, item_id, per_category=self.depth, categories=[category]
                )
                found = recs.per_category.get(category, [])
            except ItemNotFound:
                found = []
            self._cache[key] = {c.item["id"]: r for r, c in enumerate(found, 1)}
        return self._cache[key]

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        out = np.zeros(len(candidates))
        cats = {self.category_of(c) for c in candidates} - {None}
        for g in given:
            for cat in cats:
                if cat == self.category_of(g):
                    continue
                ranks = self.ranks(g, cat)
                for n, c in enumerate(candidates):
                    if c in ranks:
                        out[n] += 1.0 / ranks[c]
        return out


class LightGCNModel:
    """Trained LightGCN embeddings (see gnn.closet_graph.ItemScorer)."""

    def __init__(self, scorer: ItemScorer) -> None:
        self.scorer = scorer

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        return self.scorer.score(given, candidates)


class HybridModel:
    """Rule-based candidates first, ordered by the LightGCN score; then the rest, same order
    (the serving `hybrid`: rule candidates re-ranked by the model)."""

    def __init__(self, rule: RuleModel, model: LightGCNModel) -> None:
        self.rule, self.model = rule, model

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        in_rule = self.rule.score(given, candidates) > 0
        s = self.model.score(given, candidates)
        span = float(np.ptp(s)) + 1.0 if len(s) else 1.0
        return s + in_rule * (span + abs(float(s.min(initial=0.0))) + 1.0)


class ALSModel:
    """Peer library: implicit's AlternatingLeastSquares on the outfit x item matrix; items are
    scored by the dot product of their factors with the mean factors of the given items."""

    def __init__(
        self,
        export: GraphExport,
        factors: int = 64,
        iterations: int = 30,
        regularization: float = 0.05,
        seed: int = 0,
    ) -> None:
        import scipy.sparse as sp
        from implicit.als import AlternatingLeastSquares

        self.index = export.item_index()
        rows, cols = [], []
        for n, outfit in enumerate(export.outfits):
            for item in set(outfit.items):
                if item in self.index:
                    rows.append(n)
                    cols.append(self.index[item])
        matrix = sp.csr_matrix(
            (np.ones(len(rows), dtype=np.float32), (rows, cols)),
            shape=(len(export.outfits), len(self.index)),
        )
        model = AlternatingLeastSquares(
            factors=factors,
            iterations=iterations,
            regularization=regularization,
            random_state=seed,
        )
        model.fit(matrix, show_progress=False)
        factors_ = model.item_factors
        self.items = np.asarray(factors_.to_numpy() if hasattr(factors_, "to_numpy") else factors_)

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        g = [self.index[i] for i in given if i in self.index]
        if not g:
            return np.zeros(len(candidates))
        anchor = self.items[g].mean(0)
        return np.array(
            [
                float(self.items[self.index[c]] @ anchor) if c in self.index else 0.0
                for c in candidates
            ]
        )


class RankerModel:
    """The learned ranker (gnn.ranker), scoring exactly as serving does; its retrieval answers
    also rank clusters, by the chance that a cluster holds at least one piece of the outfit
    (1 - prod(1 - p) over the cluster's candidates)."""

    def __init__(self, ranker: Ranker, export: GraphExport) -> None:
        self.ranker = ranker
        self.items = {item.id: item for item in export.items}

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        return self.ranker.predict(
            [self.items[g] for g in given if g in self.items],
            [self.items[c] for c in candidates],
        )

    def cluster_ranking(self, candidates: list[str], scores: np.ndarray) -> list[str]:
        """Clusters of the candidates, most likely to hold a piece of the outfit first."""
        miss: dict[str, float] = {}
        for item_id, p in zip(candidates, scores, strict=True):
            cluster = self.items[item_id].cluster
            if cluster:
                miss[cluster] = miss.get(cluster, 0.0) + float(np.log1p(-min(p, 1 - 1e-9)))
        return sorted(miss, key=lambda c: (miss[c], c))
