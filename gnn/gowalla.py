"""LightGCN's Gowalla split: `user item item ...` lines, user–item bipartite training graph."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from gnn.dataset import TrainGraph
from gnn.evaluation.metrics import ranking_metrics


@dataclass
class Interactions:
    """Train and test items per user (0-based ids), and the id space sizes."""

    num_users: int
    num_items: int
    train: dict[int, np.ndarray]
    test: dict[int, np.ndarray]

    @property
    def num_train(self) -> int:
        return sum(len(v) for v in self.train.values())

    @property
    def num_test(self) -> int:
        return sum(len(v) for v in self.test.values())


def read_interactions(path: Path) -> dict[int, np.ndarray]:
    """Parse one `user item item ...` line per user; a user without items is kept empty."""
    out: dict[int, np.ndarray] = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            parts = line.split()
            if not parts:
                continue
            try:
                ids = [int(p) for p in parts]
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: not an integer id list") from exc
            if min(ids) < 0:
                raise ValueError(f"{path}:{lineno}: negative id")
            out[ids[0]] = np.unique(np.array(ids[1:], dtype=np.int64))
    return out


def write_interactions(path: Path, items: Mapping[int, list[int] | np.ndarray]) -> None:
    """Write the same format (used by tests to generate tiny files)."""
    with open(path, "w", encoding="utf-8") as fh:
        for user in sorted(items):
            fh.write(" ".join(str(x) for x in [user, *items[user]]) + "\n")


def load_split(directory: Path) -> Interactions:
    """Read `train.txt` and `test.txt` from a directory in LightGCN's format."""
    train_path, test_path = directory / "train.txt", directory / "test.txt"
    for path in (train_path, test_path):
        if not path.is_file():
            raise FileNotFoundError(f"missing {path}")
    train, test = read_interactions(train_path), read_interactions(test_path)
    users = set(train) | set(test)
    items = [v.max() for v in (*train.values(), *test.values()) if len(v)]
    if not users or not items:
        raise ValueError(f"no interactions in {directory}")
    return Interactions(max(users) + 1, int(max(items)) + 1, train, test)


def train_graph(data: Interactions) -> TrainGraph:
    """Users are nodes 0..U-1, items U..U+I-1; negatives are drawn among all items."""
    users = np.concatenate([np.full(len(v), u) for u, v in data.train.items() if len(v)])
    items = np.concatenate([v for v in data.train.values() if len(v)]) + data.num_users
    pairs = np.stack([users, items], axis=1)
    groups = np.full(data.num_users + data.num_items, -1, dtype=np.int64)
    groups[data.num_users :] = 0
    return TrainGraph(data.num_users + data.num_items, pairs, pairs, groups)


def evaluator(data: Interactions, k: int = 20):
    """Recall@k / NDCG@k on the test items, training items excluded (for `train_lightgcn`)."""

    def evaluate(emb: torch.Tensor) -> dict[str, float]:
        emb = emb.cpu()
        return ranking_metrics(
            emb[: data.num_users], emb[data.num_users :], data.train, data.test, k=k
        )

    return evaluate
