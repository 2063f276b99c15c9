"""The shared frontier: scrapy-redis' scheduler and priority queue, with each taken request
tracked per worker until what it produced is stored, and dead workers' requests put back.

Settings (set by `closet crawl --redis`, see `settings.redis_settings`):
REDIS_URL, CLOSET_REDIS_PREFIX ("closet:%(spider)s"), CLOSET_REDIS_HEARTBEAT (seconds a worker
counts as alive after its last heartbeat).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Container
from dataclasses import dataclass, field
from typing import Any

from redis import Redis
from scrapy import Request, Spider
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from scraper.distributed.settings import DEFAULT_PREFIX

logger = logging.getLogger(__name__)

# One crawler per process: the worker's name in Redis (host, pid, and a random part so that a
# restarted process with a reused pid is another worker).
WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"

# Take the first request (lowest score = highest priority) and record it as this worker's, in
# one step; say whether it is one put back from a dead worker.
_TAKE = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #top == 0 then return false end
redis.call('ZREM', KEYS[1], top[1])
redis.call('HSET', KEYS[2], top[1], top[2])
local again = redis.call('SREM', KEYS[3], top[1])
return {top[1], again}
"""

# Put back the in-flight requests of every worker whose heartbeat has expired (or of ARGV[2],
# this worker, leaving early), and forget those workers.
_RECOVER = """
local moved = 0
for _, w in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local alive = ARGV[1] .. ':alive:' .. w
  if w == ARGV[2] or redis.call('EXISTS', alive) == 0 then
    local inflight = ARGV[1] .. ':inflight:' .. w
    local entries = redis.call('HGETALL', inflight)
    for i = 1, #entries, 2 do
      redis.call('ZADD', KEYS[2], entries[i + 1], entries[i])
      redis.call('SADD', KEYS[3], entries[i])
      moved = moved + 1
    end
    redis.call('DEL', inflight, alive)
    redis.call('SREM', KEYS[1], w)
  end
end
return moved
"""

# Is any other worker holding requests?
_BUSY_ELSEWHERE = """
for _, w in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if w ~= ARGV[2] and redis.call('HLEN', ARGV[1] .. ':inflight:' .. w) > 0 then return 1 end
end
return 0
"""


def prefix_for(settings: Any, spider_name: str) -> str:
    """The key prefix of this crawl in Redis (CLOSET_REDIS_PREFIX, spider name filled in)."""
    return str(settings.get("CLOSET_REDIS_PREFIX") or DEFAULT_PREFIX) % {"spider": spider_name}


@dataclass
class Frontier:
    """This worker's view of the shared crawl: what it has taken, and the others' state."""

    server: Redis
    prefix: str
    heartbeat: float = 30.0
    worker: str = WORKER_ID
    taken: dict[int, tuple[Request, str]] = field(default_factory=dict)
    # set by the Neo4j pipeline: it releases requests once their batch is written; otherwise
    # the Workers extension releases them as soon as the engine is done with them
    released_by_writer: bool = False
    _scripts: dict[str, Any] = field(default_factory=dict)

    # -- keys --------------------------------------------------------------------------------
    def key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    @property
    def queue_key(self) -> str:
        return self.key("requests")

    @property
    def inflight_key(self) -> str:
        return self.key(f"inflight:{self.worker}")

    def _script(self, name: str, source: str) -> Any:
        if name not in self._scripts:
            self._scripts[name] = self.server.register_script(source)
        return self._scripts[name]

    # -- this worker -------------------------------------------------------------------------
    def join(self) -> None:
        """Say this worker is crawling (and alive for `heartbeat` seconds)."""
        self.server.sadd(self.key("workers"), self.worker)
        self.beat()

    def beat(self) -> None:
        """Renew this worker's heartbeat."""
        self.server.set(self.key(f"alive:{self.worker}"), "1", ex=max(1, round(self.heartbeat)))

    def take(self) -> tuple[str, bool] | None:
        """Pop the next request's data into this worker's in-flight set: (data, put back?)."""
        got = self._script("take", _TAKE)(
            keys=[self.queue_key, self.inflight_key, self.key("recovered")]
        )
        if not got:
            return None
        data, again = got
        return _text(data), bool(int(again))

    def track(self, request: Request, data: str) -> None:
        """Remember that `request` (taken as `data`) is this worker's until released."""
        self.taken[id(request)] = (request, data)

    def finished(self, busy: Container[Request] = ()) -> list[str]:
        """Forget and return the taken requests the engine is done with: not in `busy` (the
        engine's in-progress requests: the others' callbacks and items have been processed)."""
        done = [rid for rid, (request, _) in self.taken.items() if request not in busy]
        return [self.taken.pop(rid)[1] for rid in done]

    def release(self, datas: list[str]) -> None:
        """Drop requests from this worker's in-flight set: what they produced is stored."""
        if datas:
            self.server.hdel(self.inflight_key, *datas)

    def holding(self) -> int:
        """How many requests this worker holds in Redis."""
        return int(self.server.hlen(self.inflight_key))

    def leave(self, hand_back: bool) -> int:
        """Stop being a worker; `hand_back` puts what it still holds back in the queue first.
        Returns how many requests were put back."""
        moved = 0
        if hand_back:
            moved = int(self._recover(self.worker))
        self.server.srem(self.key("workers"), self.worker)
        self.server.delete(self.key(f"alive:{self.worker}"), self.inflight_key)
        self.taken.clear()
        return moved

    # -- the others --------------------------------------------------------------------------
    def recover_dead(self) -> int:
        """Put the requests of workers whose heartbeat expired back in the queue."""
        moved = int(self._recover(""))
        if moved:
            logger.warning("put back %d requests of a worker that stopped answering", moved)
        return moved

    def _recover(self, me: str) -> Any:
        return self._script("recover", _RECOVER)(
            keys=[self.key("workers"), self.queue_key, self.key("recovered")],
            args=[self.prefix, me],
        )

    def busy_elsewhere(self) -> bool:
        """Does another worker (alive or not yet found dead) hold requests?"""
        busy = self._script("busy", _BUSY_ELSEWHERE)(
            keys=[self.key("workers")], args=[self.prefix, self.worker]
        )
        return bool(int(busy))

    def queued(self) -> int:
        """Requests waiting in the shared queue."""
        return int(self.server.zcard(self.queue_key))


# The process's one Frontier per crawl: the scheduler, the Workers extension and the Neo4j
# pipeline share it (`frontier_for`).
_REGISTRY: dict[str, Frontier] = {}


def _text(data: Any) -> str:
    return data.decode("utf-8") if isinstance(data, bytes) else str(data)


class TrackedPriorityQueue(PriorityQueue):
    """scrapy-redis' priority queue whose `pop` moves the request into the worker's in-flight
    set atomically (a worker killed right after a pop loses nothing)."""

    frontier: Frontier

    def pop(self, timeout: int = 0) -> Request | None:
        got = self.frontier.take()
        if got is None:
            return None
        data, again = got
        request = self._decode_request(data)
        if again:
            request.meta["closet_recovered"] = True
        self.frontier.track(request, data)
        return request

    def _encode_request(self, request: Request) -> str:
        # the spider-free dict of the request, the same JSON text for the same request
        request.meta.pop("closet_recovered", None)
        return super()._encode_request(request)


class TrackedScheduler(Scheduler):
    """scrapy-redis' scheduler on the tracked queue; never flushes the shared crawl on close
    (other workers may still be using it: SCHEDULER_PERSIST is forced on)."""

    frontier: Frontier

    @classmethod
    def from_crawler(cls, crawler: Any) -> TrackedScheduler:
        scheduler = super().from_crawler(crawler)
        scheduler.persist = True
        return scheduler

    def open(self, spider: Spider) -> None:
        self.frontier = frontier_for(spider)
        super().open(spider)
        assert isinstance(self.queue, TrackedPriorityQueue), "SCHEDULER_QUEUE_CLASS"
        self.queue.frontier = self.frontier
        self.frontier.join()


def frontier_for(spider: Spider) -> Frontier:
    """The process's Frontier of this spider's crawl (from its settings)."""
    from scrapy_redis.connection import get_redis_from_settings

    settings = spider.settings
    prefix = prefix_for(settings, spider.name)
    if prefix not in _REGISTRY:
        _REGISTRY[prefix] = Frontier(
            get_redis_from_settings(settings),
            prefix,
            settings.getfloat("CLOSET_REDIS_HEARTBEAT", 30.0),
        )
    return _REGISTRY[prefix]


class _Everything:
    """Stands for the engine's in-progress set where it cannot be read: nothing is finished
    before the engine is idle (correct, only later)."""

    def __contains__(self, _: object) -> bool:
        return True


def in_progress(crawler: Any) -> Any:
    """The requests the engine is still downloading or processing (with their items): Scrapy's
    own set, as `scrapy.utils.engine.get_engine_status` reads it."""
    slot = getattr(getattr(crawler, "engine", None), "_slot", None)
    requests = getattr(slot, "inprogress", None)
    return requests if isinstance(requests, set) else _Everything()


def wake(crawler: Any) -> None:
    """Ask the engine to look at the scheduler now rather than at its next 5 s heartbeat."""
    slot = getattr(getattr(crawler, "engine", None), "_slot", None)
    nextcall = getattr(slot, "nextcall", None)
    if nextcall is not None:
        nextcall.schedule()
