"""LightGCN (torch_geometric) trained on subgraphs exported from Neo4j, scores written back.

Modules: `dataset` (the training graph), `sampling` (BPR negatives), `train` (training loop,
early stopping, checkpoints), `gowalla` (the paper's benchmark split), `export` (the subgraph
from Neo4j), `content` and `closet_graph` (the closet's training graph), `closet_train`,
`writeback` (versioned SCORED edges), `evaluation` (FITB / retrieval protocol, metrics,
baselines, runner). Serving reads the written scores in `graph.recommend.scores`, without torch.
"""
