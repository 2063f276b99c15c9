"""Training loop for `torch_geometric.nn.models.LightGCN`: BPR with negative sampling,
early stopping on a validation metric, seeding, checkpoint/resume, automatic device."""

from __future__ import annotations

import copy
import random
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch_geometric.nn.models import LightGCN
from tqdm.auto import tqdm

from gnn.dataset import TrainGraph
from gnn.propagation import use_symmetric_propagation
from gnn.sampling import NegativeSampler

Evaluator = Callable[[torch.Tensor], dict[str, float]]


@dataclass
class TrainConfig:
    """Hyper-parameters and run control. Defaults are the LightGCN paper's (Gowalla)."""

    embedding_dim: int = 64
    num_layers: int = 3
    lr: float = 1e-3
    weight_decay: float = 1e-4
    batch_size: int = 2048
    # at most this many batches per epoch (None: no bound): each batch propagates the whole
    # graph, so on a big graph fixed-size batches make an epoch grow with the square of its size
    max_batches: int | None = None
    epochs: int = 1000
    eval_every: int = 1
    patience: int = 10
    metric: str = "recall@20"
    seed: int = 2020
    device: str = "auto"
    threads: int | None = None
    max_seconds: float | None = None
    checkpoint: str | None = None
    resume: bool = False
    nproc: int = 1  # processes of DistributedDataParallel (gnn.distributed) when above 1


@dataclass
class TrainResult:
    """The trained model, its final node embeddings (CPU) and what happened."""

    model: LightGCN
    embeddings: torch.Tensor
    history: list[dict[str, float]] = field(default_factory=list)
    best_epoch: int = 0
    best_metric: float | None = None
    epochs_run: int = 0
    seconds_per_epoch: float = 0.0
    device: str = "cpu"
    stopped_early: bool = False
    batch_size: int = 0  # the batch size used (config.batch_size, or larger under max_batches)


def batch_size_for(pairs: int, config: TrainConfig) -> int:
    """`config.batch_size`, raised so that an epoch has at most `config.max_batches` batches."""
    if not config.max_batches:
        return config.batch_size
    return max(config.batch_size, -(-pairs // config.max_batches))


def pick_device(name: str = "auto") -> torch.device:
    """CUDA when available (or when asked for), else CPU."""
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    device = torch.device(name)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ValueError("CUDA was requested but torch sees no GPU")
    return device


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and torch (CPU and CUDA)."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def build_model(graph: TrainGraph, config: TrainConfig) -> LightGCN:
    """PyG's LightGCN; normalisation is precomputed in the symmetric adjacency, so its layers
    skip it and reuse the adjacency for the backward pass (see gnn.propagation)."""
    model = LightGCN(graph.num_nodes, config.embedding_dim, config.num_layers, normalize=False)
    return use_symmetric_propagation(model)


def bpr_loss(
    model: LightGCN,
    adj: torch.Tensor,
    anchors: torch.Tensor,
    pos: torch.Tensor,
    neg: torch.Tensor,
    weight_decay: float,
) -> torch.Tensor:
    """Propagate the whole graph, then PyG's BPR loss of the batch with L2 on its layer-0
    embeddings."""
    emb = model.get_embedding(adj)
    a = emb[anchors]
    return model.recommendation_loss(
        (a * emb[pos]).sum(-1),
        (a * emb[neg]).sum(-1),
        node_id=torch.cat([anchors, pos, neg]),
        lambda_reg=weight_decay / 2,
    )


def _bpr_step(
    model: LightGCN,
    optimizer: torch.optim.Optimizer,
    adj: torch.Tensor,
    sampler: NegativeSampler,
    batch: torch.Tensor,
    device: torch.device,
    config: TrainConfig,
) -> float:
    """One mini-batch: propagate, draw negatives, BPR loss with L2, one Adam step; the loss."""
    anchors, pos = batch[:, 0], batch[:, 1]
    neg = sampler.sample(anchors, pos)
    anchors, pos, neg = anchors.to(device), pos.to(device), neg.to(device)
    loss = bpr_loss(model, adj, anchors, pos, neg, config.weight_decay)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return float(loss.item())


def _keep_if_best(
    state: _TrainState, model: LightGCN, record: dict[str, float], metric: str, epoch: int
) -> None:
    """Remember the weights when `metric` improved, else count one more bad evaluation."""
    value = record.get(metric)
    if value is None:
        raise KeyError(f"evaluator returned no {metric!r}: {sorted(record)}")
    if state.best_metric is None or value > state.best_metric:
        state.best_metric, state.best_epoch, state.bad_evals = value, epoch, 0
        state.best_state = copy.deepcopy(model.state_dict())
    else:
        state.bad_evals += 1


def check_init_embedding(
    graph: TrainGraph, config: TrainConfig, init_embedding: torch.Tensor | None
) -> None:
    """Refuse initial embeddings of the wrong shape (ValueError)."""
    if init_embedding is not None and tuple(init_embedding.shape) != (
        graph.num_nodes,
        config.embedding_dim,
    ):
        raise ValueError("init_embedding must be [num_nodes, embedding_dim]")


def train_lightgcn(
    graph: TrainGraph,
    config: TrainConfig,
    evaluate: Evaluator | None = None,
    progress: bool = True,
    init_embedding: torch.Tensor | None = None,
) -> TrainResult:
    """Train LightGCN on `graph` and return the best model by `config.metric`.

    Each epoch visits every positive pair once in shuffled mini-batches (at most
    `max_batches` of them: the batch grows with the graph); each batch propagates the full
    graph (as the reference implementation does), draws one negative per
    pair from the positive's group and minimises PyG's BPR loss with L2 on the layer-0
    embeddings of the batch. Every `eval_every` epochs `evaluate(embeddings)` is called;
    training stops after `patience` evaluations without improvement and the best weights are
    restored. With `checkpoint` set, state is saved after every epoch; `resume=True` continues
    from it (same config and graph required). `init_embedding` [num_nodes, dim] replaces the
    random initial embeddings (e.g. content features). With `config.nproc` > 1 the epochs
    are shared by that many processes (`gnn.distributed`).
    """
    check_init_embedding(graph, config, init_embedding)
    if config.nproc > 1:
        from gnn.distributed import train_distributed

        return train_distributed(graph, config, evaluate, progress, init_embedding)
    device = pick_device(config.device)
    if config.threads:  # small graphs on a busy CPU: more threads only add contention
        torch.set_num_threads(config.threads)
    seed_everything(config.seed)
    model = build_model(graph, config).to(device)
    if init_embedding is not None:
        with torch.no_grad():
            model.embedding.weight.copy_(init_embedding.to(device))
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    adj = graph.normalized_adjacency(device)
    generator = torch.Generator().manual_seed(config.seed)
    sampler = NegativeSampler(graph, generator)
    positives = torch.from_numpy(graph.positives)
    batch_size = batch_size_for(len(positives), config)

    state = _TrainState()
    ckpt = Path(config.checkpoint) if config.checkpoint else None
    if ckpt is not None and config.resume and ckpt.exists():
        state = _load_checkpoint(ckpt, model, optimizer, generator, config, graph)

    train_seconds = 0.0
    epochs_this_run = 0
    bar = tqdm(
        range(state.next_epoch, config.epochs),
        initial=state.next_epoch,
        total=config.epochs,
        desc="LightGCN",
        unit="epoch",
        disable=not progress,
    )
    for epoch in bar:
        if state.bad_evals >= config.patience:
            state.stopped_early = True
            break
        if config.max_seconds is not None and train_seconds >= config.max_seconds:
            break  # time budget spent (bounded CPU / GPU runs)
        model.train()
        started = time.perf_counter()
        order = torch.randperm(len(positives), generator=generator)
        loss_sum, batches = 0.0, 0
        starts = range(0, len(order), batch_size)
        inner = tqdm(
            starts,
            desc=f"epoch {epoch + 1}",
            unit="batch",
            leave=False,
            disable=not progress or len(starts) < 50,
        )
        for start in inner:
            batch = positives[order[start : start + batch_size]]
            loss_sum += _bpr_step(model, optimizer, adj, sampler, batch, device, config)
            batches += 1
            if batches % 10 == 0:
                inner.set_postfix(loss=round(loss_sum / batches, 4))
        inner.close()
        train_seconds += time.perf_counter() - started
        epochs_this_run += 1
        record: dict[str, float] = {"epoch": epoch + 1, "loss": loss_sum / max(batches, 1)}
        if evaluate is not None and (epoch + 1) % config.eval_every == 0:
            record.update(evaluate(embeddings_of(model, adj)))
            _keep_if_best(state, model, record, config.metric, epoch + 1)
        state.history.append(record)
        state.next_epoch = epoch + 1
        bar.set_postfix({k: round(v, 4) for k, v in record.items() if k != "epoch"})
        if ckpt is not None:
            _save_checkpoint(ckpt, model, optimizer, generator, config, graph, state)
    bar.close()
    if state.bad_evals >= config.patience:
        state.stopped_early = True
    if state.best_state is not None:
        model.load_state_dict(state.best_state)
    return TrainResult(
        model=model,
        embeddings=embeddings_of(model, adj).cpu(),
        history=state.history,
        best_epoch=state.best_epoch or state.next_epoch,
        best_metric=state.best_metric,
        epochs_run=state.next_epoch,
        seconds_per_epoch=train_seconds / max(epochs_this_run, 1),
        device=str(device),
        stopped_early=state.stopped_early,
        batch_size=batch_size,
    )


def embeddings_of(model: LightGCN, adj: torch.Tensor) -> torch.Tensor:
    """The final node embeddings (no gradients)."""
    model.eval()
    with torch.no_grad():
        return model.get_embedding(adj)


@dataclass
class _TrainState:
    next_epoch: int = 0
    best_metric: float | None = None
    best_epoch: int = 0
    bad_evals: int = 0
    best_state: dict | None = None
    history: list[dict[str, float]] = field(default_factory=list)
    stopped_early: bool = False


_RESUME_KEYS = (
    "embedding_dim", "num_layers", "lr", "weight_decay", "batch_size", "max_batches", "seed",
)  # fmt: skip


def _fingerprint(graph: TrainGraph) -> list[int]:
    return [graph.num_nodes, len(graph.edges), len(graph.positives)]


def _save_checkpoint(path, model, optimizer, generator, config, graph, state) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(
        {
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "generator": generator.get_state(),
            "config": asdict(config),
            "graph": _fingerprint(graph),
            "state": asdict(state),
        },
        tmp,
    )
    tmp.replace(path)  # atomic: a crash mid-save keeps the previous checkpoint


def _load_checkpoint(path, model, optimizer, generator, config, graph) -> _TrainState:
    data = torch.load(path, map_location="cpu", weights_only=False)
    saved = data["config"]
    changed = [k for k in _RESUME_KEYS if saved.get(k) != getattr(config, k)]
    if changed or data["graph"] != _fingerprint(graph):
        what = ", ".join(changed) or "training graph"
        raise ValueError(f"checkpoint {path} was made with a different {what}; cannot resume")
    model.load_state_dict(data["model"])
    optimizer.load_state_dict(data["optimizer"])
    generator.set_state(data["generator"])
    return _TrainState(**data["state"])
