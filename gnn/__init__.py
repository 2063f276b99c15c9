"""LightGCN (torch_geometric) trained on subgraphs exported from Neo4j, scores written back.

Modules: `dataset` (the training graph), `sampling` (BPR negatives), `ranking` (top-k metrics),
`train` (training loop, early stopping, checkpoints), `gowalla` (the paper's benchmark split),
`export` / `features` (the closet graph from Neo4j), `writeback` (versioned SCORED edges),
`serving` (API helpers), `evaluation` (FITB / retrieval protocol and scorer).
"""
