"""`closet stats`: counts per category, mid class, colour and cluster; co-occurrence sparsity.

Two sparsity figures are reported, both at cluster level: of the cluster x cluster co-occurrence
matrix (share of unordered cluster pairs never worn together) and of the outfit x cluster
incidence matrix (share of (outfit, cluster) cells that are empty) — the latter is the
interaction matrix a recommender trains on. The original service reported 99.4%.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from neo4j import Driver

from graph.db.connection import read


@dataclass
class GraphStats:
    """The figures `closet stats` prints."""

    items: int
    clustered_items: int
    paired_items: int
    outfits: int
    clusters: int
    incidences: int
    pairs: int
    by_category: dict[str, int] = field(default_factory=dict)
    by_mid_class: dict[str, int] = field(default_factory=dict)
    by_color: dict[str, int] = field(default_factory=dict)
    by_color_source: dict[str, int] = field(default_factory=dict)
    by_cluster: dict[str, int] = field(default_factory=dict)

    @property
    def paired_share(self) -> float:
        """Share of items whose cluster co-occurs with at least one other cluster."""
        return self.paired_items / self.items if self.items else 0.0

    @property
    def pair_sparsity(self) -> float:
        """Share of unordered cluster pairs with no co-occurrence."""
        possible = self.clusters * (self.clusters - 1) / 2
        return 1 - self.pairs / possible if possible else 1.0

    @property
    def incidence_sparsity(self) -> float:
        """Share of empty cells in the outfit x cluster matrix."""
        cells = self.outfits * self.clusters
        return 1 - self.incidences / cells if cells else 1.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly form with the derived figures."""
        return {
            "items": self.items,
            "clustered_items": self.clustered_items,
            "outfits": self.outfits,
            "clusters": self.clusters,
            "pairs": self.pairs,
            "paired_item_share": round(self.paired_share, 4),
            "cluster_pair_sparsity": round(self.pair_sparsity, 4),
            "outfit_cluster_sparsity": round(self.incidence_sparsity, 4),
            "by_category": self.by_category,
            "by_mid_class": self.by_mid_class,
            "by_color": self.by_color,
            "by_color_source": self.by_color_source,
            "by_cluster": self.by_cluster,
        }


def _group(driver: Driver, name: str) -> dict[str, int]:

    if name == "color_source":
        rows = read(driver, "enrich/stats_color_source")
    else:
        rows = read(driver, "enrich/stats_group", field=name)
    return {str(r["value"]) if r["value"] is not None else "(none)": r["items"] for r in rows}


def collect_stats(driver: Driver) -> GraphStats:
    """Read every figure from the graph."""
    totals = read(driver, "enrich/stats_totals")[0]
    clusters = read(driver, "enrich/stats_clusters")
    pairs = read(driver, "enrich/stats_pairs")
    return GraphStats(
        items=totals["items"],
        clustered_items=totals["clustered"],
        paired_items=totals["paired"],
        outfits=totals["outfits"],
        clusters=totals["clusters"],
        incidences=totals["incidences"],
        pairs=len(pairs),
        by_category=_group(driver, "category"),
        by_mid_class=_group(driver, "mid_class"),
        by_color=_group(driver, "color"),
        by_color_source=_group(driver, "color_source"),
        by_cluster={r["key"]: r["items"] for r in clusters},
    )


def cooccurrence_matrix(driver: Driver, top: int = 40) -> tuple[list[str], np.ndarray]:
    """The symmetric co-occurrence matrix of the `top` clusters with the most items."""
    keys = [r["key"] for r in read(driver, "enrich/stats_clusters")[:top]]
    index = {k: n for n, k in enumerate(keys)}
    matrix = np.zeros((len(keys), len(keys)), dtype=np.int64)
    for row in read(driver, "enrich/stats_pairs"):
        a, b = index.get(row["a"]), index.get(row["b"])
        if a is not None and b is not None:
            matrix[a, b] = matrix[b, a] = row["outfits"]
    return keys, matrix


def plot_cooccurrence(keys: list[str], matrix: np.ndarray, path: Path) -> Path:
    """Write a PNG heat map (log scale) of a cluster co-occurrence matrix."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import LogNorm

    n = max(len(keys), 1)
    fig, ax = plt.subplots(figsize=(4 + n * 0.22, 3.5 + n * 0.22), dpi=110)
    shown = np.ma.masked_equal(matrix, 0)
    vmax = max(int(matrix.max()) if matrix.size else 1, 2)
    image = ax.imshow(shown, cmap="viridis", norm=LogNorm(vmin=1, vmax=vmax))
    ax.set_xticks(range(len(keys)), keys, rotation=90, fontsize=7)
    ax.set_yticks(range(len(keys)), keys, fontsize=7)
    ax.set_title(f"Cluster co-occurrence (outfits), top {len(keys)} clusters")
    fig.colorbar(image, ax=ax, label="outfits wearing both (log)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
