"""Configuration from environment variables, with local defaults.

Every setting has a sane default for the embedded local Neo4j that `closet db start`
provisions; set NEO4J_URI (and NEO4J_USER / NEO4J_PASSWORD) to use another server. Filling in
the embedded server's URI and password is `graph.db.connection.resolve_settings`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from core.vocabulary import SERVED_MODELS

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
REPO_ROOT = Path(__file__).resolve().parent.parent


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser() if value else default


def cache_dir() -> Path:
    """Where downloaded artefacts (Neo4j jars, models) are kept between runs."""
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return _env_path("CLOSET_CACHE_DIR", base / "closet")


def state_dir() -> Path:
    """Where the local Neo4j keeps its data, logs, pid file and generated password."""
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return _env_path("CLOSET_STATE_DIR", base / "closet" / "neo4j")


def shared_data_dir() -> Path:
    """The shared real data: ../shared/data beside the checkout, or $CLOSET_SHARED_DATA."""
    return _env_path("CLOSET_SHARED_DATA", REPO_ROOT.parent / "shared" / "data")


def shared_snap_files() -> list[Path]:
    """The real MUSINSA outfit files in the shared data (men.json, women.json)."""
    return [shared_data_dir() / "musinsa-snap-2025" / f for f in ("men.json", "women.json")]


def configured_default_model() -> str | None:
    """CLOSET_DEFAULT_MODEL when it names a served model; None (unset or unknown) lets the
    evaluation recorded by `closet train` decide."""
    value = os.environ.get("CLOSET_DEFAULT_MODEL")
    return value if value in SERVED_MODELS else None


def _names(value: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in value.split(",") if name.strip())


def _int_env(name: str, default: int) -> int:
    """A positive integer from the environment; the default when unset or not one."""
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


@dataclass(frozen=True)
class Settings:
    """Connection settings for Neo4j and the HTTP services."""

    neo4j_uri: str = field(default_factory=lambda: os.environ.get("NEO4J_URI", ""))
    neo4j_user: str = field(default_factory=lambda: os.environ.get("NEO4J_USER", "neo4j"))
    neo4j_password: str = field(default_factory=lambda: os.environ.get("NEO4J_PASSWORD", ""))
    neo4j_database: str = field(default_factory=lambda: os.environ.get("NEO4J_DATABASE", "neo4j"))
    api_url: str = field(
        default_factory=lambda: os.environ.get("CLOSET_API_URL", "http://127.0.0.1:8000")
    )
    # Host headers the API answers (CLOSET_ALLOWED_HOSTS, comma-separated; "*" for any).
    allowed_hosts: tuple[str, ...] = field(
        default_factory=lambda: _names(
            os.environ.get("CLOSET_ALLOWED_HOSTS", "127.0.0.1,localhost,::1")
        )
    )
    # Per-client limits on closet creation and on closet writes (requests per minute).
    closets_per_minute: int = field(
        default_factory=lambda: _int_env("CLOSET_CLOSETS_PER_MINUTE", 30)
    )
    writes_per_minute: int = field(
        default_factory=lambda: _int_env("CLOSET_WRITES_PER_MINUTE", 600)
    )

    @property
    def external(self) -> bool:
        """True when NEO4J_URI names a server the project does not provision itself."""
        return bool(self.neo4j_uri)
