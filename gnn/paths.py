"""Where the shared real data lives: ../shared/data from the repo root, or $CLOSET_SHARED_DATA."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    """The shared data directory (it may not exist; callers check)."""
    env = os.environ.get("CLOSET_SHARED_DATA")
    return Path(env).expanduser() if env else (REPO_ROOT.parent / "shared" / "data")
