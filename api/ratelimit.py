"""Per-client rate limits on closet creation and closet writes: a token bucket per client
address, answering 429 with `Retry-After` when it is empty. Reads are not limited."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import error

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
MAX_CLIENTS = 10_000  # buckets kept; the oldest are forgotten beyond this


@dataclass
class TokenBuckets:
    """`per_minute` requests per client, in bursts of up to `per_minute`."""

    per_minute: int
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, client: str, now: float | None = None) -> float:
        """0 when the request may go ahead (a token is taken), else the seconds to wait."""
        now = time.monotonic() if now is None else now
        rate = self.per_minute / 60.0
        with self._lock:
            tokens, updated = self._buckets.get(client, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - updated) * rate)
            if tokens < 1.0:
                self._buckets[client] = (tokens, now)
                return (1.0 - tokens) / rate
            self._buckets[client] = (tokens - 1.0, now)
            if len(self._buckets) > MAX_CLIENTS:
                self._buckets.pop(next(iter(self._buckets)))
            return 0.0


class RateLimits:
    """`POST /closets` draws from one bucket per client, other closet writes from another.

    Plain ASGI: reads pass straight through (a `BaseHTTPMiddleware` would wrap every request
    and response in extra tasks and streams, which cost the API about a millisecond each)."""

    def __init__(self, app: ASGIApp, closets_per_minute: int, writes_per_minute: int) -> None:
        self.app = app
        self.create = TokenBuckets(closets_per_minute)
        self.writes = TokenBuckets(writes_per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method", "")
        path = str(scope.get("path", "")).rstrip("/")
        if scope["type"] == "http" and method in WRITES and path.startswith("/closets"):
            buckets = self.create if (method == "POST" and path == "/closets") else self.writes
            client = scope.get("client")
            wait = buckets.take(client[0] if client else "unknown")
            if wait > 0:
                seconds = max(1, math.ceil(wait))
                detail = f"too many requests: try again in {seconds} s"
                await error(429, detail, {"Retry-After": str(seconds)})(scope, receive, send)
                return
        await self.app(scope, receive, send)
