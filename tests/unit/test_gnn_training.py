"""The LightGCN training core on a tiny generated Gowalla-format split (no database)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from torch_geometric.nn.models import LightGCN

from gnn.dataset import TrainGraph
from gnn.evaluation.metrics import ranking_metrics
from gnn.gowalla import evaluator, load_split, read_interactions, train_graph
from gnn.propagation import use_symmetric_propagation
from gnn.sampling import NegativeSampler
from gnn.train import TrainConfig, pick_device, train_lightgcn
from tests.support.gowalla_data import make_split


def small_config(**kw) -> TrainConfig:
    base = dict(
        embedding_dim=16,
        num_layers=2,
        lr=0.01,
        batch_size=128,
        epochs=6,
        eval_every=2,
        patience=100,
        seed=3,
        threads=1,
    )
    return TrainConfig(**{**base, **kw})


@pytest.fixture
def split(tmp_path: Path):
    return load_split(make_split(tmp_path / "gowalla"))


def test_reads_the_format(tmp_path: Path) -> None:
    data = load_split(make_split(tmp_path / "g", users=4, items=30))
    assert (data.num_users, data.num_items) == (4, 30)
    assert data.num_train == 4 * 9
    assert data.num_test == 4 * 3
    assert set(data.train[0]).isdisjoint(data.test[0])


def test_bad_line_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "train.txt"
    path.write_text("0 1 2\n1 x 3\n")
    with pytest.raises(ValueError, match=r"train.txt:2"):
        read_interactions(path)


def test_ranking_metrics_by_hand() -> None:
    # one user, items 0..3; scores rank 3 > 2 > 1 > 0; item 3 is a training item
    user = torch.tensor([[1.0]])
    items = torch.tensor([[0.0], [1.0], [2.0], [3.0]])
    m = ranking_metrics(user, items, {0: np.array([3])}, {0: np.array([1, 0])}, k=2)
    # top-2 after masking item 3: [2, 1] -> one hit of two test items, at position 2
    assert m["recall@2"] == pytest.approx(0.5)
    assert m["ndcg@2"] == pytest.approx((1 / np.log2(3)) / (1 + 1 / np.log2(3)))


def test_training_learns_the_communities(split) -> None:
    graph = train_graph(split)
    evaluate = evaluator(split, k=20)
    torch.manual_seed(0)
    untrained = evaluate(torch.nn.init.xavier_uniform_(torch.empty(graph.num_nodes, 16)))
    result = train_lightgcn(graph, small_config(epochs=10), evaluate, progress=False)
    final = evaluate(result.embeddings)
    # a user's own half holds 60 items, 9 of them seen: recall@20 by chance over the 111 unseen
    # items is ~0.18; knowing the community should at least double it
    assert final["recall@20"] > 2 * untrained["recall@20"]
    assert final["recall@20"] > 0.35
    assert result.history[-1]["loss"] < result.history[0]["loss"]
    assert result.device == "cpu" or torch.cuda.is_available()


def test_same_seed_same_model_and_other_seed_differs(split) -> None:
    graph = train_graph(split)
    a = train_lightgcn(graph, small_config(epochs=2), progress=False).embeddings
    b = train_lightgcn(graph, small_config(epochs=2), progress=False).embeddings
    c = train_lightgcn(graph, small_config(epochs=2, seed=4), progress=False).embeddings
    assert torch.equal(a, b)
    assert not torch.equal(a, c)


def test_checkpoint_resume_matches_an_uninterrupted_run(split, tmp_path: Path) -> None:
    graph = train_graph(split)
    evaluate = evaluator(split)
    straight = train_lightgcn(graph, small_config(epochs=6), evaluate, progress=False)
    ckpt = str(tmp_path / "ckpt.pt")
    first = train_lightgcn(graph, small_config(epochs=3, checkpoint=ckpt), evaluate, progress=False)
    assert first.epochs_run == 3
    assert Path(ckpt).exists()
    resumed = train_lightgcn(
        graph, small_config(epochs=6, checkpoint=ckpt, resume=True), evaluate, progress=False
    )
    assert resumed.epochs_run == 6
    assert [h["epoch"] for h in resumed.history] == [1, 2, 3, 4, 5, 6]
    assert torch.allclose(resumed.embeddings, straight.embeddings, atol=1e-6)
    with pytest.raises(ValueError, match="different embedding_dim"):
        train_lightgcn(
            graph,
            small_config(epochs=6, embedding_dim=8, checkpoint=ckpt, resume=True),
            progress=False,
        )


def test_early_stopping_restores_the_best_epoch(split) -> None:
    graph = train_graph(split)
    scores = iter([0.5, 0.9, 0.4, 0.3, 0.2, 0.1, 0.0, 0.0])

    def evaluate(emb: torch.Tensor) -> dict[str, float]:
        return {"recall@20": next(scores), "emb_sum": float(emb.sum())}

    result = train_lightgcn(
        graph, small_config(epochs=50, eval_every=1, patience=3), evaluate, progress=False
    )
    assert result.stopped_early
    assert result.best_epoch == 2
    assert result.best_metric == 0.9
    assert result.epochs_run == 5  # best at 2, then 3 evaluations without improvement
    assert float(result.embeddings.sum()) == pytest.approx(result.history[1]["emb_sum"], rel=1e-5)


@pytest.mark.parametrize("gpu", [False, True])
def test_device_choice(monkeypatch: pytest.MonkeyPatch, gpu: bool) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: gpu)
    assert pick_device("auto").type == ("cuda" if gpu else "cpu")
    assert pick_device("cpu").type == "cpu"
    if gpu:
        assert pick_device("cuda").type == "cuda"
    else:
        with pytest.raises(ValueError, match="CUDA was requested but torch sees no GPU"):
            pick_device("cuda")


def test_negative_sampler_respects_groups_and_known_pairs() -> None:
    # anchor 0 has positives 2..6 in group 0 (nodes 2..11); anchor 1 one in group 1 (12, 13)
    positives = [[0, n] for n in range(2, 7)] + [[1, 12]]
    groups = [-1, -1] + [0] * 10 + [1, 1]
    graph = TrainGraph(14, positives, positives, groups)
    sampler = NegativeSampler(graph, torch.Generator().manual_seed(0))
    anchors = torch.tensor([0] * 2000 + [1] * 500)
    pos = torch.tensor([2] * 2000 + [12] * 500)
    neg = sampler.sample(anchors, pos)
    first = neg[:2000]
    assert set(first.tolist()) <= set(range(2, 12))  # same group only
    known = np.isin(first.numpy(), range(2, 7)).mean()
    assert known < 0.05  # 50% without rejection; redraws make known pairs rare
    assert set(neg[2000:].tolist()) <= {12, 13}
    assert (neg[2000:] == 13).float().mean() > 0.9


def test_training_graph_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="outside"):
        TrainGraph(3, [[0, 5]], [[0, 1]], [-1, 0, 0])
    with pytest.raises(ValueError, match="no positive"):
        TrainGraph(3, [[0, 1]], np.zeros((0, 2)), [-1, 0, 0])


def test_symmetric_propagation_has_the_same_gradients() -> None:
    graph = TrainGraph(
        6, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [0, 5]], [[0, 3]], [-1, -1, -1, 0, 0, 0]
    )
    adj = graph.normalized_adjacency(torch.device("cpu"))
    plain = LightGCN(6, 4, 2, normalize=False)
    fast = LightGCN(6, 4, 2, normalize=False)
    fast.load_state_dict(plain.state_dict())
    use_symmetric_propagation(fast)
    for model in (plain, fast):
        model.get_embedding(adj)[[0, 2]].pow(2).sum().backward()
    assert torch.allclose(plain.embedding.weight.grad, fast.embedding.weight.grad, atol=1e-6)


def test_time_budget_bounds_the_run(split) -> None:
    config = small_config(epochs=1000, max_seconds=1e-9)
    result = train_lightgcn(train_graph(split), config, progress=False)
    assert result.epochs_run == 1
    assert len(result.history) == 1


def test_max_batches_bounds_the_steps_of_an_epoch(split, monkeypatch: pytest.MonkeyPatch) -> None:
    import gnn.train as train

    graph = train_graph(split)
    pairs = len(graph.positives)
    assert pairs > 128 * 3  # more than three batches of the small config
    steps: list[int] = []
    real_step = train._bpr_step

    def counted(model, optimizer, adj, sampler, batch, device, config):
        steps.append(len(batch))
        return real_step(model, optimizer, adj, sampler, batch, device, config)

    monkeypatch.setattr(train, "_bpr_step", counted)
    result = train_lightgcn(graph, small_config(epochs=1, max_batches=3), progress=False)
    assert len(steps) == 3
    assert sum(steps) == pairs  # every pair still visited once
    assert result.batch_size == -(-pairs // 3)
    steps.clear()
    unbounded = train_lightgcn(graph, small_config(epochs=1), progress=False)
    assert len(steps) == -(-pairs // 128)
    assert unbounded.batch_size == 128
