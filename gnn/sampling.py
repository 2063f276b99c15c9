"""Negative sampling for BPR: a uniform draw among the nodes of the positive's group."""

from __future__ import annotations

import numpy as np
import torch

from gnn.dataset import TrainGraph

MAX_REDRAWS = 5


class NegativeSampler:
    """Draws one negative per (anchor, positive) pair, avoiding known positive pairs.

    Known pairs are redrawn up to MAX_REDRAWS times (the official LightGCN rejects them too);
    a group with a single member can only return that member.
    """

    def __init__(self, graph: TrainGraph, generator: torch.Generator) -> None:
        groups = graph.neg_group
        members = np.flatnonzero(groups >= 0)
        order = members[np.argsort(groups[members], kind="stable")]
        num_groups = int(groups.max()) + 1 if members.size else 0
        counts = np.bincount(groups[members], minlength=num_groups)
        self.members = torch.from_numpy(order)
        self.start = torch.from_numpy(np.concatenate([[0], np.cumsum(counts)[:-1]]))
        self.count = torch.from_numpy(counts)
        self.group = torch.from_numpy(groups)
        self.num_nodes = graph.num_nodes
        known = graph.known_pairs()
        self.known = torch.from_numpy(np.unique(known[:, 0] * graph.num_nodes + known[:, 1]))
        self.generator = generator

    def _draw(self, groups: torch.Tensor) -> torch.Tensor:
        r = torch.rand(groups.shape, generator=self.generator)
        offset = (r * self.count[groups]).long().clamp_max(self.count[groups] - 1)
        return self.members[self.start[groups] + offset]

    def _is_known(self, anchors: torch.Tensor, nodes: torch.Tensor) -> torch.Tensor:
        keys = anchors * self.num_nodes + nodes
        pos = torch.searchsorted(self.known, keys).clamp_max(len(self.known) - 1)
        return self.known[pos] == keys

    def sample(self, anchors: torch.Tensor, positives: torch.Tensor) -> torch.Tensor:
        """One negative node per pair, from the group of the positive node."""
        groups = self.group[positives]
        negatives = self._draw(groups)
        for _ in range(MAX_REDRAWS):
            bad = self._is_known(anchors, negatives)
            if not bad.any():
                break
            negatives[bad] = self._draw(groups[bad])
        return negatives
