"""The learned ranker as it is served and evaluated: pair tables, LightGCN item vectors and a
LightGBM model that turns their features into the probability that a piece completes an outfit.

`closet train` (gnn/ranker.py) fits it; `RankerModel` nodes store it under a version, switched
by the `ranker` registry in the same transaction as the LightGCN scores; `load_active` reads the
active one (cached per version). No torch here.
"""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import lightgbm as lgb
import numpy as np
from neo4j import Driver

from core.records import Item
from core.vocabulary import RANKER
from graph.db.connection import read
from graph.recommend.features import FEATURES, PairTables, pair_features


@dataclass
class ItemEmbeddings:
    """LightGCN's item vectors and the anchors a given piece scores from (same rows)."""

    ids: list[str]
    items: np.ndarray
    anchors: np.ndarray

    def __post_init__(self) -> None:
        self.index = {item_id: n for n, item_id in enumerate(self.ids)}

    def score(self, given: Sequence[str], candidates: Sequence[str]) -> np.ndarray:
        """Mean over the known given pieces of anchor · item; NaN for unknown candidates."""
        out = np.full(len(candidates), np.nan)
        rows = [self.index[g] for g in given if g in self.index]
        if not rows:
            return out
        anchor = self.anchors[rows].astype(np.float64).mean(axis=0)
        known = [n for n, c in enumerate(candidates) if c in self.index]
        if known:
            idx = [self.index[candidates[n]] for n in known]
            out[known] = self.items[idx].astype(np.float64) @ anchor
        return out

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            ids=np.frombuffer(json.dumps(self.ids).encode(), dtype=np.uint8),
            items=self.items.astype(np.float16),
            anchors=self.anchors.astype(np.float16),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes) -> ItemEmbeddings:
        with np.load(io.BytesIO(blob)) as archive:
            ids = json.loads(archive["ids"].tobytes().decode())
            return cls(ids, archive["items"], archive["anchors"])


class Ranker:
    """Features (graph.recommend.features plus the LightGCN score) and the model over them."""

    def __init__(
        self,
        tables: PairTables,
        embeddings: ItemEmbeddings | None = None,
        booster: lgb.Booster | None = None,
        version: str | None = None,
        platt: tuple[float, float] = (1.0, 0.0),
    ) -> None:
        self.tables, self.embeddings, self.booster = tables, embeddings, booster
        self.version, self.platt = version, platt

    def features(self, given: Sequence[Item], candidates: Sequence[Item]) -> np.ndarray:
        """The feature matrix (columns FEATURES) of the candidates for the given pieces."""
        lightgcn = None
        if self.embeddings is not None:
            lightgcn = self.embeddings.score([g.id for g in given], [c.id for c in candidates])
        return pair_features(
            self.tables, self.tables.encode(given), self.tables.encode(candidates), lightgcn
        )

    def predict(
        self, given: Sequence[Item], candidates: Sequence[Item], raw: bool = False
    ) -> np.ndarray:
        """The model's p(candidate is the piece that completes the outfit, among ten pieces of
        its category), or its log-odds when `raw`; one per candidate. It ranks."""
        if not candidates:
            return np.zeros(0)
        return self.predict_rows(self.features(given, candidates), raw)

    def predict_rows(self, features: np.ndarray, raw: bool = False) -> np.ndarray:
        """`predict` on feature rows already computed."""
        if self.booster is None:
            raise ValueError("the ranker has no model yet")
        return np.asarray(self.booster.predict(features, num_threads=1, raw_score=raw))

    def calibrated(self, log_odds: np.ndarray) -> np.ndarray:
        """The shown percentage of the model's log-odds (see `probability`)."""
        a, b = self.platt
        return 1.0 / (1.0 + np.exp(-np.clip(a * np.asarray(log_odds) + b, -60, 60)))

    def probability(self, given: Sequence[Item], candidates: Sequence[Item]) -> np.ndarray:
        """The calibrated percentage shown: the measured chance that the candidate, against a
        random piece of its category, is the one that completes a real outfit (Platt scaling
        of the log-odds, fitted on validation outfits the model never saw)."""
        return self.calibrated(self.predict(given, candidates, raw=True))

    def importance(self) -> dict[str, float]:
        """Total gain per feature, largest first."""
        if self.booster is None:
            return {}
        gains = self.booster.feature_importance("gain")
        pairs = sorted(zip(FEATURES, gains, strict=True), key=lambda p: -p[1])
        return {name: round(float(g), 1) for name, g in pairs}

    def to_properties(self) -> dict[str, Any]:
        """The node properties a version is stored with (see cypher/gnn/write_ranker.cypher)."""
        if self.booster is None:
            raise ValueError("the ranker has no model yet")
        return {
            "booster": self.booster.model_to_string(),
            "tables": self.tables.to_bytes(),
            "embeddings": self.embeddings.to_bytes() if self.embeddings else None,
            "features": list(FEATURES),
            "platt_a": float(self.platt[0]),
            "platt_b": float(self.platt[1]),
        }

    @classmethod
    def from_properties(cls, row: dict[str, Any]) -> Ranker:
        """The ranker stored by `to_properties` (a RankerModel node's properties)."""
        if list(row["features"]) != list(FEATURES):
            raise ValueError(
                f"ranker {row.get('version')} was trained on other features; run `closet train`"
            )
        embeddings = row.get("embeddings")
        return cls(
            PairTables.from_bytes(bytes(row["tables"])),
            ItemEmbeddings.from_bytes(bytes(embeddings)) if embeddings else None,
            lgb.Booster(model_str=row["booster"]),
            row.get("version"),
            (float(row.get("platt_a", 1.0)), float(row.get("platt_b", 0.0))),
        )


_cache: dict[str, Ranker] = {}
_lock = threading.Lock()


def active_ranker_version(driver: Driver) -> str | None:
    """The version the `ranker` registry serves, or None."""
    rows = read(driver, "gnn/registry_active", name=RANKER)
    return rows[0]["active"] if rows and rows[0]["active"] else None


def load_active(driver: Driver) -> Ranker | None:
    """The active ranker (loaded once per version and kept), or None when none is trained."""
    version = active_ranker_version(driver)
    if version is None:
        return None
    with _lock:
        if version not in _cache:
            rows = read(driver, "gnn/ranker_model", version=version)
            if not rows:
                return None
            _cache.clear()
            _cache[version] = Ranker.from_properties({**rows[0]["model"], "version": version})
        return _cache[version]
