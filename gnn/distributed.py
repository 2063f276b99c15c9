"""LightGCN trained by several processes with PyTorch's DistributedDataParallel
(`closet train --nproc N`): `gloo` on the CPU, `nccl` on GPUs (one per process).

The calling process is rank 0 and spawns ranks 1..N-1 (`torch.multiprocessing`, spawn). Every
rank builds the same model from the same seed and the same full graph; every epoch all ranks
shuffle the positive pairs the same way and each takes its shard (every N-th pair), in batches
of `batch_size` (so an epoch has N times fewer steps, each averaging N batches' gradients, as
DDP does). Each step propagates the whole graph on every rank: the graph is not partitioned
(see docs/scaling.md for when it would need to be). Rank 0 alone evaluates, keeps the best
weights, decides early stopping (broadcast to the others every epoch) and returns the result,
so the caller writes scores once, under one model version.
"""

from __future__ import annotations

import copy
import os
import time
from datetime import timedelta

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel
from torch_geometric.nn.models import LightGCN
from tqdm.auto import tqdm

from gnn.dataset import TrainGraph
from gnn.sampling import NegativeSampler
from gnn.train import (
    Evaluator,
    TrainConfig,
    TrainResult,
    batch_size_for,
    bpr_loss,
    build_model,
    embeddings_of,
    pick_device,
    seed_everything,
)
from graph.db.server import free_port

JOIN_SECONDS = 120  # how long rank 0 waits for the others to exit after training
# how long a rank waits for the others in one collective before it gives up (a crashed rank
# would otherwise hold the rest for gloo's default 30 minutes)
COLLECTIVE_TIMEOUT = timedelta(minutes=5)


class BprObjective(torch.nn.Module):
    """LightGCN's BPR loss as a module's forward, so DDP synchronises its gradients."""

    def __init__(self, model: LightGCN, weight_decay: float) -> None:
        super().__init__()
        self.model = model
        self.weight_decay = weight_decay

    def forward(
        self, adj: torch.Tensor, anchors: torch.Tensor, pos: torch.Tensor, neg: torch.Tensor
    ) -> torch.Tensor:
        return bpr_loss(self.model, adj, anchors, pos, neg, self.weight_decay)


def train_distributed(
    graph: TrainGraph,
    config: TrainConfig,
    evaluate: Evaluator | None = None,
    progress: bool = True,
    init_embedding: torch.Tensor | None = None,
) -> TrainResult:
    """Train with `config.nproc` processes (this one is rank 0); the result of rank 0."""
    world = config.nproc
    if world < 2:
        raise ValueError("train_distributed needs nproc >= 2")
    if config.checkpoint:
        raise ValueError("--checkpoint is not supported with --nproc > 1")
    device = pick_device(config.device)
    if device.type == "cuda" and torch.cuda.device_count() < world:
        raise ValueError(
            f"--nproc {world} on CUDA needs {world} GPUs; torch sees {torch.cuda.device_count()}"
        )
    address = f"tcp://127.0.0.1:{free_port()}"
    workers = mp.spawn(
        _worker,
        args=(world, address, graph, config, init_embedding),
        nprocs=world - 1,
        join=False,
    )
    try:
        result = _train_rank(0, world, address, graph, config, evaluate, progress, init_embedding)
    except BaseException:
        for process in workers.processes:
            if process.is_alive():
                process.terminate()
        raise
    deadline = time.monotonic() + JOIN_SECONDS
    while not workers.join(timeout=max(1.0, deadline - time.monotonic())):
        if time.monotonic() > deadline:
            raise RuntimeError("the training processes did not exit")
    assert result is not None
    return result


def _worker(
    index: int,
    world: int,
    address: str,
    graph: TrainGraph,
    config: TrainConfig,
    init_embedding: torch.Tensor | None,
) -> None:
    """Ranks 1..N-1 (spawned): train in step with rank 0, return nothing."""
    _train_rank(index + 1, world, address, graph, config, None, False, init_embedding)


def _train_rank(
    rank: int,
    world: int,
    address: str,
    graph: TrainGraph,
    config: TrainConfig,
    evaluate: Evaluator | None,
    progress: bool,
    init_embedding: torch.Tensor | None,
) -> TrainResult | None:
    """One rank's training loop; rank 0 returns the result, the others None."""
    device = pick_device(config.device)
    if device.type == "cuda":
        device = torch.device("cuda", rank)
        torch.cuda.set_device(device)
    backend = "nccl" if device.type == "cuda" else "gloo"
    os.environ.setdefault("GLOO_SOCKET_IFNAME", "lo")  # loopback only: nothing leaves the host
    dist.init_process_group(
        backend, init_method=address, rank=rank, world_size=world, timeout=COLLECTIVE_TIMEOUT
    )
    try:
        return _loop(rank, world, graph, config, device, evaluate, progress, init_embedding)
    finally:
        dist.destroy_process_group()


def _loop(
    rank: int,
    world: int,
    graph: TrainGraph,
    config: TrainConfig,
    device: torch.device,
    evaluate: Evaluator | None,
    progress: bool,
    init_embedding: torch.Tensor | None,
) -> TrainResult | None:
    if config.threads:
        torch.set_num_threads(config.threads)
    seed_everything(config.seed)
    model = build_model(graph, config).to(device)
    if init_embedding is not None:
        with torch.no_grad():
            model.embedding.weight.copy_(init_embedding.to(device))
    objective = DistributedDataParallel(
        BprObjective(model, config.weight_decay),
        device_ids=[device.index] if device.type == "cuda" else None,
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)
    adj = graph.normalized_adjacency(device)
    shuffle = torch.Generator().manual_seed(config.seed)  # the same order on every rank
    sampler = NegativeSampler(graph, torch.Generator().manual_seed(config.seed + rank))
    positives = torch.from_numpy(graph.positives)
    batch_size = batch_size_for(len(positives), config)
    steps = max(1, -(-len(positives) // (batch_size * world)))

    best_metric: float | None = None
    best_epoch, bad_evals, seconds, epochs_run = 0, 0, 0.0, 0
    best_state: dict | None = None
    history: list[dict[str, float]] = []
    flag = torch.zeros(1, dtype=torch.int64, device=device)
    bar = tqdm(range(config.epochs), desc=f"LightGCN ×{world}", unit="epoch", disable=not progress)
    for epoch in bar:
        if rank == 0:  # rank 0 decides whether the next epoch runs; the others follow
            spent = config.max_seconds is not None and seconds >= config.max_seconds
            flag.fill_(0 if bad_evals >= config.patience or spent else 1)
        dist.broadcast(flag, src=0)
        if not flag.item():
            break
        model.train()
        started = time.perf_counter()
        order = torch.randperm(len(positives), generator=shuffle)
        shard = order[rank::world]
        loss_sum = torch.zeros(1, device=device)
        for chunk in torch.tensor_split(shard, steps):
            batch = positives[chunk]
            anchors, pos = batch[:, 0], batch[:, 1]
            neg = sampler.sample(anchors, pos)
            loss = objective(adj, anchors.to(device), pos.to(device), neg.to(device))
            optimizer.zero_grad()
            loss.backward()  # DDP averages the gradients of all ranks here
            optimizer.step()
            loss_sum += loss.detach()
        dist.all_reduce(loss_sum)
        seconds += time.perf_counter() - started
        epochs_run = epoch + 1
        if rank != 0:
            continue
        record: dict[str, float] = {"epoch": epoch + 1, "loss": loss_sum.item() / (steps * world)}
        if evaluate is not None and (epoch + 1) % config.eval_every == 0:
            record.update(evaluate(embeddings_of(model, adj)))
            value = record.get(config.metric)
            if value is None:
                raise KeyError(f"evaluator returned no {config.metric!r}: {sorted(record)}")
            if best_metric is None or value > best_metric:
                best_metric, best_epoch, bad_evals = value, epoch + 1, 0
                best_state = copy.deepcopy(model.state_dict())
            else:
                bad_evals += 1
        history.append(record)
        bar.set_postfix({k: round(v, 4) for k, v in record.items() if k != "epoch"})
    bar.close()
    if rank != 0:
        return None
    if best_state is not None:
        model.load_state_dict(best_state)
    return TrainResult(
        model=model,
        embeddings=embeddings_of(model, adj).cpu(),
        history=history,
        best_epoch=best_epoch or epochs_run,
        best_metric=best_metric,
        epochs_run=epochs_run,
        seconds_per_epoch=seconds / max(epochs_run, 1),
        device=f"{device} ×{world}",
        stopped_early=bad_evals >= config.patience,
        batch_size=batch_size,
    )
