"""`bench/gowalla_lightgcn.py` runs end to end on a tiny split and fails clearly without data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.gowalla_data import make_split

REPO = Path(__file__).resolve().parents[2]


def test_bench_script_prints_recall_and_seconds(tmp_path: Path) -> None:
    data = make_split(tmp_path / "gowalla", users=40, items=60)
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "gowalla_lightgcn.py"),
            "--data",
            str(data),
            "--epochs",
            "2",
            "--batch-size",
            "64",
            "--dim",
            "8",
            "--layers",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "recall@20" in proc.stdout
    assert "ndcg@20" in proc.stdout
    assert "seconds per epoch" in proc.stdout
    missing = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "gowalla_lightgcn.py"),
            "--data",
            str(tmp_path / "nope"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert missing.returncode == 2
    assert "not found" in missing.stderr
