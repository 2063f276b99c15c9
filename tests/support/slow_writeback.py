"""Train LightGCN on the loaded graph and write its scores back one edge per transaction, so a
test can `kill -9` this process in the middle of the write-back (`python -m
tests.support.slow_writeback`; the Neo4j address comes from NEO4J_URI / NEO4J_PASSWORD)."""

from __future__ import annotations

from core.settings import Settings
from gnn.closet_train import train_closet
from gnn.export import export_graph
from gnn.writeback import write_scores
from graph.db.connection import connect
from tests.support.two_styles import FAST

if __name__ == "__main__":
    with connect(Settings()) as driver:
        trained = train_closet(export_graph(driver), "content", FAST, progress=False)
        print("training done", flush=True)
        write_scores(driver, trained.scorer, top_k=50, batch_size=1, progress=False)
        print("write-back done", flush=True)
