"""The graph a LightGCN learns on: nodes, propagation edges, BPR positives, negative groups."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import torch


@dataclass
class TrainGraph:
    """Everything the trainer needs, as plain integer arrays over node indices 0..num_nodes-1.

    - `edges` [E, 2]: undirected propagation edges, each listed once (both directions are
      added when the adjacency is built); duplicates are merged.
    - `positives` [P, 2]: (anchor, positive) pairs for the BPR loss.
    - `neg_group` [num_nodes]: a negative for a positive node is drawn uniformly from the
      nodes of the same group; -1 marks nodes that are never drawn.
    - `known` [K, 2]: pairs that must not be drawn as (anchor, negative) (default: positives).
    """

    num_nodes: int
    edges: np.ndarray
    positives: np.ndarray
    neg_group: np.ndarray
    known: np.ndarray | None = None
    node_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.edges = np.asarray(self.edges, dtype=np.int64).reshape(-1, 2)
        self.positives = np.asarray(self.positives, dtype=np.int64).reshape(-1, 2)
        self.neg_group = np.asarray(self.neg_group, dtype=np.int64)
        if self.neg_group.shape != (self.num_nodes,):
            raise ValueError("neg_group must have one entry per node")
        for name, arr in (("edges", self.edges), ("positives", self.positives)):
            if arr.size and (arr.min() < 0 or arr.max() >= self.num_nodes):
                raise ValueError(f"{name} refer to nodes outside 0..{self.num_nodes - 1}")
        if len(self.positives) == 0:
            raise ValueError("no positive pairs to train on")
        groups = self.neg_group[self.positives[:, 1]]
        if (groups < 0).any():
            raise ValueError("a positive node has no negative group (neg_group = -1)")

    def known_pairs(self) -> np.ndarray:
        """Pairs excluded from negative sampling."""
        return self.positives if self.known is None else self.known

    def edge_index(self) -> torch.Tensor:
        """[2, 2E] directed edge index (both directions), duplicates and self-loops removed."""
        e = self.edges[self.edges[:, 0] != self.edges[:, 1]]
        both = np.concatenate([e, e[:, ::-1]], axis=0)
        keys = np.unique(both[:, 0] * self.num_nodes + both[:, 1])
        return torch.from_numpy(np.stack([keys // self.num_nodes, keys % self.num_nodes]))

    def normalized_adjacency(self, device: torch.device) -> torch.Tensor:
        """Symmetric D^-1/2 A D^-1/2 as a sparse CSR tensor (rows = targets), as LightGCN uses.

        Precomputing the normalisation once (LGConv(normalize=False)) keeps each propagation
        a plain sparse matmul; isolated nodes keep only their own (layer 0) embedding.
        """
        ei = self.edge_index()
        deg = torch.bincount(ei[0], minlength=self.num_nodes).float()
        inv = deg.pow(-0.5)
        inv[torch.isinf(inv)] = 0.0
        weight = inv[ei[0]] * inv[ei[1]]
        coo = torch.sparse_coo_tensor(ei, weight, (self.num_nodes, self.num_nodes)).coalesce()
        with warnings.catch_warnings():  # "sparse CSR support is in beta"
            warnings.simplefilter("ignore", UserWarning)
            return coo.to_sparse_csr().to(device)
