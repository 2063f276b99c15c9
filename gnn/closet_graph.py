"""The closet's training graph for LightGCN, in the variants the issue asks to compare.

Variants (`VARIANTS`):
- `cluster`: the original service's cluster–item bipartite graph; a positive is (cluster of a,
  item b) for items a, b worn together; an item in no training outfit borrows the mean
  embedding of its cluster's items.
- `cooc`: item–item co-occurrence only (plain ID LightGCN); cold items stay random.
- `content`: co-occurrence edges plus item–feature edges (name words / Hangul bigrams, brand,
  mid class, colour, cluster, price band); positives are items worn together.
- `hetero`: `content` plus outfit nodes (outfit–item, outfit–style/season) in propagation.

Positives never cross big categories' own pairs (a top is paired with a bottom, not a top) and
the negative of a positive item is a random item of the same big category.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import permutations

import numpy as np
import torch

from gnn.content import filtered_features, item_features
from gnn.dataset import TrainGraph
from gnn.export import ExportedOutfit, GraphExport

VARIANTS = {
    "cluster": {"cooc": False, "content": False, "outfits": False, "anchor": "cluster"},
    "cooc": {"cooc": True, "content": False, "outfits": False, "anchor": "item"},
    "content": {"cooc": True, "content": True, "outfits": False, "anchor": "item"},
    "hetero": {"cooc": True, "content": True, "outfits": True, "anchor": "item"},
}
DEFAULT_VARIANT = "content"


@dataclass
class ClosetGraph:
    """A TrainGraph plus the maps back to item ids and clusters."""

    variant: str
    graph: TrainGraph
    item_ids: list[str]
    item_category: list[str | None]
    item_cluster: list[str | None]
    clusters: list[str]
    cluster_node: dict[str, int]
    warm: np.ndarray
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def num_items(self) -> int:
        return len(self.item_ids)


def outfit_pairs(
    outfits: list[ExportedOutfit], index: dict[str, int], category: list[str | None]
) -> np.ndarray:
    """Ordered (a, b) item index pairs worn together, across different big categories."""
    pairs = set()
    for outfit in outfits:
        members = sorted({index[i] for i in outfit.items if i in index})
        for a, b in permutations(members, 2):
            if category[a] != category[b]:
                pairs.add((a, b))
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


def build_closet_graph(
    export: GraphExport,
    variant: str = DEFAULT_VARIANT,
    train_outfits: list[ExportedOutfit] | None = None,
) -> ClosetGraph:
    """Build the training graph; `train_outfits` (default all) are the only outfits used."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown graph variant {variant!r}; choose from {sorted(VARIANTS)}")
    flags = VARIANTS[variant]
    outfits = export.outfits if train_outfits is None else train_outfits
    items = export.items
    index = export.item_index()
    category = [it.category for it in items]
    cluster_of = [it.cluster for it in items]
    clusters = sorted({c for c in cluster_of if c})
    n_items = len(items)
    pairs = outfit_pairs(outfits, index, category)
    for group in export.feedback:  # positive feedback: items picked together
        fb = ExportedOutfit(id="feedback", items=group)
        extra = outfit_pairs([fb], index, category)
        pairs = np.unique(np.concatenate([pairs, extra]), axis=0) if len(extra) else pairs
    if len(pairs) == 0:
        raise ValueError("no two items of different categories are worn together: nothing to learn")
    warm = np.zeros(n_items, dtype=bool)
    warm[pairs[:, 0]] = True

    next_node = n_items
    edges: list[np.ndarray] = []
    cluster_node: dict[str, int] = {}
    stats = {"items": n_items, "warm_items": int(warm.sum()), "pairs": len(pairs)}

    if flags["anchor"] == "cluster" or flags["content"]:
        cluster_node = {c: next_node + n for n, c in enumerate(clusters)}
        next_node += len(clusters)
    if flags["anchor"] == "cluster":
        keep = np.array([cluster_of[a] is not None for a in pairs[:, 0]], dtype=bool)
        anchors = np.array([cluster_node[cluster_of[a]] for a in pairs[keep, 0]], dtype=np.int64)
        positives = np.unique(np.stack([anchors, pairs[keep, 1]], axis=1), axis=0)
        edges.append(positives)
    else:
        positives = pairs
    if flags["cooc"]:
        edges.append(pairs[pairs[:, 0] < pairs[:, 1]])
    if flags["content"]:
        vocab, feats = filtered_features(item_features(items))
        feat_edges = [(i, next_node + f) for i, fs in enumerate(feats) for f in fs]
        next_node += len(vocab)
        edges.append(np.array(feat_edges, dtype=np.int64).reshape(-1, 2))
        stats["features"] = len(vocab)
    if flags["outfits"]:
        tags: dict[str, int] = {}
        out_edges = []
        for outfit in outfits:
            node = next_node
            next_node += 1
            out_edges += [(index[i], node) for i in outfit.items if i in index]
            for tag in (f"style:{outfit.style}", f"season:{outfit.season}"):
                if tag not in tags:
                    tags[tag] = len(tags)
                out_edges.append((node, -1 - tags[tag]))
        tag_base = next_node
        next_node += len(tags)
        arr = np.array(out_edges, dtype=np.int64).reshape(-1, 2)
        arr[arr[:, 1] < 0, 1] = tag_base + (-1 - arr[arr[:, 1] < 0, 1])
        edges.append(arr)
        stats["outfit_nodes"] = len(outfits)

    cats = sorted({c for c in category if c})
    groups = np.full(next_node, -1, dtype=np.int64)
    for n, c in enumerate(category):
        if c:
            groups[n] = cats.index(c)
    known = pairs if flags["anchor"] == "item" else positives
    all_edges = np.concatenate(edges) if edges else np.zeros((0, 2), dtype=np.int64)
    stats["nodes"], stats["edges"] = next_node, len(all_edges)
    graph = TrainGraph(next_node, all_edges, positives, groups, known=known)
    return ClosetGraph(
        variant,
        graph,
        [it.id for it in items],
        category,
        cluster_of,
        clusters,
        cluster_node,
        warm,
        stats,
    )


class ItemScorer:
    """Compatibility scores between items from trained LightGCN embeddings."""

    def __init__(self, cg: ClosetGraph, embeddings: torch.Tensor) -> None:
        self.cg = cg
        self.index = {item: n for n, item in enumerate(cg.item_ids)}
        emb = embeddings.detach().cpu().float()
        items = emb[: cg.num_items].clone()
        # Centroid of each cluster's items (warm ones when it has any): the back-off for items
        # the graph gives no signal (cold items of the `cluster` / `cooc` variants).
        members: dict[str, list[int]] = {}
        for n, c in enumerate(cg.item_cluster):
            if c:
                members.setdefault(c, []).append(n)
        self.centroid: dict[str, torch.Tensor] = {}
        for c, idx in members.items():
            warm = [i for i in idx if cg.warm[i]]
            self.centroid[c] = items[warm or idx].mean(0)
        if cg.variant == "cluster":
            for n, c in enumerate(cg.item_cluster):
                if not cg.warm[n] and c and c in self.centroid:
                    items[n] = self.centroid[c]
        self.items = items
        self.anchor = items
        if cg.variant == "cluster":
            self.centroid = {c: emb[node] for c, node in cg.cluster_node.items()}
            anchor = torch.zeros_like(items)
            for n, c in enumerate(cg.item_cluster):
                if c:
                    anchor[n] = self.centroid[c]
            self.anchor = anchor

    def known(self, item_id: str) -> bool:
        return item_id in self.index

    def score(self, given: list[str], candidates: list[str]) -> np.ndarray:
        """Mean over the given items of anchor(given) · item(candidate); unknown ids score 0."""
        g = [self.index[i] for i in given if i in self.index]
        c_idx = [self.index.get(i, -1) for i in candidates]
        out = np.zeros(len(candidates), dtype=np.float64)
        if not g:
            return out
        anchors = self.anchor[g].mean(0)
        known = [pos for pos, idx in enumerate(c_idx) if idx >= 0]
        if known:
            rows = torch.tensor([c_idx[pos] for pos in known], dtype=torch.long)
            out[known] = (self.items[rows] @ anchors).double().numpy()
        return out

    def cluster_scores(self, cluster: str, item_index: np.ndarray) -> np.ndarray:
        """Scores from a cluster to the given item indices (the written SCORED edges)."""
        vec = self.centroid[cluster]
        return (self.items[torch.from_numpy(item_index)] @ vec).numpy()
