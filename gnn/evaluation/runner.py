"""Answer FITB and retrieval questions with any model, on a throwaway Neo4j.

`EvalGraph` starts a separate Neo4j server with its own temporary state dir and free ports
(Community has a single database; the user's graph is never touched), loads TRAIN.json and
CATALOG.json through the project's loader, enriches, exports the graph from Neo4j and builds
the requested models on demand.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from neo4j import Driver

from core.settings import Settings
from gnn.closet_graph import ItemScorer
from gnn.closet_train import CLOSET_DEFAULTS, ClosetTrainResult, train_closet
from gnn.evaluation import models as m
from gnn.export import ExportedOutfit, GraphExport, export_graph
from gnn.ranker import RankerTraining, train_ranker
from gnn.train import TrainConfig
from graph.db.connection import connect
from graph.db.schema import apply_schema
from graph.db.server import LocalServer, free_port
from graph.ingest.enrichment import run_enrichment
from graph.ingest.loader import load_catalog, load_files


class EvalInputError(ValueError):
    """A question, pool or query file is malformed."""


class EvalGraph:
    """A throwaway Neo4j holding TRAIN.json + CATALOG.json, and the models built on it."""

    def __init__(
        self,
        train: Path,
        catalog: Path,
        variant: str = "content",
        config: TrainConfig = CLOSET_DEFAULTS,
        progress: bool = True,
    ) -> None:
        for path in (train, catalog):
            if not Path(path).is_file():
                raise EvalInputError(f"no such file: {path}")
        self.train, self.catalog = Path(train), Path(catalog)
        self.variant, self.config, self.progress = variant, config, progress
        self._tmp: Path | None = None
        self.server: Any = None
        self.driver: Driver | None = None
        self.export: GraphExport | None = None
        self.training: ClosetTrainResult | None = None
        self.ranking: RankerTraining | None = None
        self._models: dict[str, m.Scorer] = {}
        self.load_report: dict[str, Any] = {}

    def __enter__(self) -> EvalGraph:

        self._tmp = Path(tempfile.mkdtemp(prefix="closet-eval-"))
        try:
            self.server = LocalServer(
                self._tmp,
                free_port(),
                free_port(),
                heap="768m",
                pagecache="256m",
                ephemeral=True,
            )
            self.server.start(timeout=240)
            settings = Settings(self.server.bolt_uri, "neo4j", self.server.read_password() or "")
            self.driver = connect(settings)
            apply_schema(self.driver)
            report = load_files(self.driver, [self.train], progress=self.progress)
            catalog = load_catalog(self.driver, self.catalog)
            enriched = run_enrichment(self.driver, use_images=False, workers=1)
            self.load_report = {
                "outfits": report.outfits,
                "train_items": report.items,
                "catalog_items": catalog.items,
                "rejected": sum(report.rejected.values()) + sum(catalog.rejected.values()),
                "enriched": enriched.changed,
            }
            self.export = export_graph(self.driver)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        if self.driver is not None:
            self.driver.close()
        if self.server is not None:
            self.server.stop()
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)

    def category_of(self, item_id: str) -> str | None:
        return self._category.get(item_id)

    @property
    def _category(self) -> dict[str, str | None]:
        if not hasattr(self, "_cat_cache"):
            self._cat_cache = {it.id: it.category for it in self.export.items}
        return self._cat_cache

    def lightgcn(self) -> ClosetTrainResult:
        """Train once (lazily) with the configured variant."""
        if self.training is None:
            self.training = train_closet(
                self.export, self.variant, replace(self.config), progress=self.progress
            )
        return self.training

    def ranker(self) -> RankerTraining:
        """Train the learned ranker once (lazily) on the TRAIN outfits only."""
        if self.ranking is None:
            export = self.export

            def held_out(outfits: list[ExportedOutfit]) -> ItemScorer:
                fit = GraphExport(export.items, outfits)
                return train_closet(
                    fit, self.variant, replace(self.config), refit=False, progress=False
                ).scorer

            self.ranking = train_ranker(
                export.items,
                export.outfits,
                held_out,
                self.lightgcn().scorer,
                seed=self.config.seed,
                progress=self.progress,
            )
        return self.ranking

    def model(self, name: str) -> m.Scorer:
        """Build (once) and return the named model."""
        if name not in m.MODELS:
            raise EvalInputError(f"unknown model {name!r}; choose from {', '.join(m.MODELS)}")
        if name not in self._models:
            self._models[name] = self._build(name)
        return self._models[name]

    def _build(self, name: str) -> m.Scorer:
        seed = self.config.seed
        if name == "random":
            return m.RandomModel(seed)
        if name == "popularity":
            return m.PopularityModel(self.export)
        if name == "cooccurrence":
            return m.CooccurrenceModel(self.export)
        if name == "brand":
            return m.BrandModel(self.export)
        if name == "brand+cooc":
            return m.BrandCooccurrenceModel(self.export)
        if name == "rule":
            return m.RuleModel(self.driver, self.category_of)
        if name == "als":
            return m.ALSModel(self.export, seed=seed)
        if name == "lightgcn":
            return m.LightGCNModel(self.lightgcn().scorer)
        if name == "ranker":
            return m.RankerModel(self.ranker().ranker, self.export)
        return m.HybridModel(self.model("rule"), self.model("lightgcn"))


def read_lines(path: Path, required: tuple[str, ...]) -> list[dict[str, Any]]:
    """JSONL rows, each checked for the required keys (EvalInputError otherwise)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalInputError(f"{path}:{lineno}: not JSON ({exc.msg})") from None
            missing = [k for k in required if not isinstance(row, dict) or k not in row]
            if missing:
                raise EvalInputError(f"{path}:{lineno}: missing {', '.join(missing)}")
            rows.append(row)
    return rows


def rank(
    scorer: m.Scorer, given: list[str], candidates: list[str], rng: np.random.Generator
) -> list[str]:
    """Candidates best first; ties are broken at random (seeded), never by input position."""
    return ranked_with_scores(scorer, given, candidates, rng)[0]


def ranked_with_scores(
    scorer: m.Scorer, given: list[str], candidates: list[str], rng: np.random.Generator
) -> tuple[list[str], np.ndarray]:
    """`rank` and the scores of the candidates in that order."""
    shuffled = [candidates[i] for i in rng.permutation(len(candidates))]
    scores = np.asarray(scorer.score(given, shuffled), dtype=float)
    order = np.argsort(-scores, kind="stable")
    return [shuffled[i] for i in order], scores[order]


def answer_fitb(
    scorer: m.Scorer, questions: list[dict[str, Any]], seed: int = 0
) -> Iterator[dict[str, Any]]:
    """One answer per question: every candidate, best first."""
    rng = np.random.default_rng(seed)
    for q in questions:
        candidates = [str(c) for c in q["candidates"]]
        yield {
            "question_id": q["question_id"],
            "ranking": rank(scorer, [str(g) for g in q["given"]], candidates, rng),
        }


def answer_retrieval(
    scorer: m.Scorer,
    pools: dict[str, list[str]],
    queries: list[dict[str, Any]],
    category_of,
    top: int = 100,
    seed: int = 0,
) -> Iterator[dict[str, Any]]:
    """Top `top` pool items whose category is not `exclude_category`, query item excluded."""
    rng = np.random.default_rng(seed)
    for q in queries:
        if q["pool"] not in pools:
            raise EvalInputError(f"query {q['query_id']}: unknown pool {q['pool']!r}")
        query = str(q["query_item"])
        candidates = [
            str(i)
            for i in pools[q["pool"]]
            if str(i) != query and category_of(str(i)) != q["exclude_category"]
        ]
        ranking, scores = ranked_with_scores(scorer, [query], candidates, rng)
        answer: dict[str, Any] = {"query_id": q["query_id"], "ranking": ranking[:top]}
        cluster_ranking = getattr(scorer, "cluster_ranking", None)
        if cluster_ranking is not None:
            answer["cluster_ranking"] = cluster_ranking(ranking, scores)[:top]
        yield answer


def write_lines(path: Path, rows: Iterator[dict[str, Any]]) -> int:
    """Write JSONL atomically (a temp file renamed at the end); returns the row count."""
    tmp = Path(str(path) + ".tmp")
    n = 0
    with open(tmp, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    tmp.replace(path)
    return n
