"""A tiny generated split in the Gowalla format of the LightGCN paper."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from gnn.gowalla import write_interactions


def make_split(directory: Path, users: int = 80, items: int = 120, seed: int = 0) -> Path:
    """Two communities: users of each check in at items of their own half only."""
    rng = np.random.default_rng(seed)
    train, test = {}, {}
    half = items // 2
    for u in range(users):
        base = 0 if u % 2 == 0 else half
        chosen = rng.choice(np.arange(base, base + half), size=12, replace=False)
        train[u], test[u] = sorted(chosen[:9]), sorted(chosen[9:])
    directory.mkdir(parents=True, exist_ok=True)
    write_interactions(directory / "train.txt", train)
    write_interactions(directory / "test.txt", test)
    return directory
