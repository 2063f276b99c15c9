"""Top-k ranking metrics: Recall@k and NDCG@k over all items, training items excluded."""

from __future__ import annotations

import math

import numpy as np
import torch


def ranking_metrics(
    user_emb: torch.Tensor,
    item_emb: torch.Tensor,
    train: dict[int, np.ndarray],
    test: dict[int, np.ndarray],
    k: int = 20,
    batch_size: int = 1024,
) -> dict[str, float]:
    """Mean Recall@k and NDCG@k over users with test items (LightGCN's protocol).

    Scores are dot products of `user_emb[u]` with every row of `item_emb`; the user's
    training items are masked out before taking the top k. Recall = hits / |test items|,
    NDCG uses binary gains with the ideal DCG over min(|test items|, k) positions.
    """
    users = np.array(sorted(u for u, items in test.items() if len(items)), dtype=np.int64)
    if users.size == 0:
        return {f"recall@{k}": 0.0, f"ndcg@{k}": 0.0}
    num_items = item_emb.shape[0]
    discounts = torch.tensor([1.0 / math.log2(i + 2) for i in range(k)])
    ideal = torch.cumsum(discounts, 0)
    recall_sum = ndcg_sum = 0.0
    with torch.no_grad():
        for start in range(0, len(users), batch_size):
            batch = users[start : start + batch_size]
            scores = (user_emb[torch.from_numpy(batch)] @ item_emb.T).cpu()
            rows, cols = _pairs(batch, train)
            scores[rows, cols] = -math.inf
            top = scores.topk(min(k, num_items), dim=1).indices
            truth = torch.zeros(len(batch), num_items, dtype=torch.bool)
            trows, tcols = _pairs(batch, test)
            truth[trows, tcols] = True
            hits = truth.gather(1, top).float()
            n_test = torch.tensor([len(test[int(u)]) for u in batch], dtype=torch.float)
            recall_sum += (hits.sum(1) / n_test).sum().item()
            dcg = (hits * discounts[: hits.shape[1]]).sum(1)
            idcg = ideal[(n_test.clamp(max=k) - 1).long()]
            ndcg_sum += (dcg / idcg).sum().item()
    return {f"recall@{k}": recall_sum / len(users), f"ndcg@{k}": ndcg_sum / len(users)}


def _pairs(batch: np.ndarray, items: dict[int, np.ndarray]) -> tuple[torch.Tensor, torch.Tensor]:
    rows, cols = [], []
    for row, user in enumerate(batch):
        its = items.get(int(user))
        if its is not None and len(its):
            rows.append(np.full(len(its), row))
            cols.append(its)
    if not rows:
        return torch.empty(0, dtype=torch.long), torch.empty(0, dtype=torch.long)
    return torch.from_numpy(np.concatenate(rows)), torch.from_numpy(np.concatenate(cols))
