"""A throwaway Redis on loopback (Debian's redis-server): what the tests and the benchmarks use,
started and stopped like the local Neo4j (`graph.db.server`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import redis


class RedisUnavailable(RuntimeError):
    """redis-server is missing, would not start, or does not answer."""


def redis_binary() -> str:
    """redis-server: CLOSET_REDIS_SERVER, or the one on PATH (Debian: /usr/bin/redis-server)."""
    found = os.environ.get("CLOSET_REDIS_SERVER") or shutil.which("redis-server")
    if not found:
        raise RedisUnavailable(
            "redis-server not found: apt-get install redis-server (make test installs it)"
        )
    return found


class LocalRedis:
    """redis-server on 127.0.0.1:`port`, data in `state` (no snapshots, no append-only file)."""

    def __init__(self, state: Path, port: int) -> None:
        self.state = state
        self.port = port
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 20.0) -> LocalRedis:
        """Start the server and wait until it answers PING."""
        self.state.mkdir(parents=True, exist_ok=True)
        log = (self.state / "redis.log").open("ab")
        self.proc = subprocess.Popen(
            [
                redis_binary(),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--protected-mode",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.state),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RedisUnavailable(
                    f"redis-server exited ({self.proc.returncode}): see {self.state}/redis.log"
                )
            try:
                redis.Redis.from_url(self.url, socket_timeout=1).ping()
                return self
            except redis.ConnectionError:
                time.sleep(0.05)
        self.stop()
        raise RedisUnavailable(f"redis-server did not answer on port {self.port}")

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL after 10 s)."""
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def __enter__(self) -> LocalRedis:
        return self.start() if self.proc is None else self

    def __exit__(self, *exc: object) -> None:
        self.stop()
