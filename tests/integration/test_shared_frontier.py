"""The shared frontier and depth claims against a real Redis: a request taken is held by its
worker until released, a dead worker's requests go back to the queue (marked), claims are
atomic across clients."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import redis

from scraper.distributed.frontier import Frontier
from scraper.distributed.memory import RedisMemory
from scraper.spiders.memory import Claim

PREFIX = "t:snaps"


def frontier(url: str, worker: str, heartbeat: float = 30) -> Frontier:
    f = Frontier(redis.Redis.from_url(url), PREFIX, heartbeat, worker=worker)
    f.join()
    return f


def test_taken_requests_are_held_until_released(redis_url: str) -> None:
    a = frontier(redis_url, "a")
    a.server.zadd(a.queue_key, {"low": 1, "high": -1})
    assert a.take() == ("high", False)  # lowest score first (score = -priority)
    assert a.queued() == 1
    assert a.holding() == 1
    b = frontier(redis_url, "b")
    assert b.busy_elsewhere()  # a holds one
    a.release(["high"])
    assert not b.busy_elsewhere()
    assert a.take() == ("low", False)
    assert a.take() is None


def test_a_dead_workers_requests_go_back_marked(redis_url: str) -> None:
    dead = frontier(redis_url, "dead", heartbeat=1)
    dead.server.zadd(dead.queue_key, {"r1": 0, "r2": 1})
    assert dead.take() == ("r1", False)
    live = frontier(redis_url, "live")
    assert live.recover_dead() == 0  # still within its heartbeat
    dead.server.delete(dead.key("alive:dead"))  # what expiry does (ttl 1 s)
    assert live.recover_dead() == 1
    assert not live.busy_elsewhere()
    assert live.server.smembers(live.key("workers")) == {b"live"}
    assert live.take() == ("r1", True)  # put back, and marked so
    assert live.take() == ("r2", False)


def test_leaving_hands_back_what_is_held(redis_url: str) -> None:
    a = frontier(redis_url, "a")
    a.server.zadd(a.queue_key, {"r": 0})
    a.take()
    assert a.leave(hand_back=True) == 1
    assert a.queued() == 1
    assert not a.server.exists(a.inflight_key)


def test_heartbeat_expires(redis_url: str) -> None:
    a = frontier(redis_url, "a", heartbeat=1)
    assert a.server.exists(a.key("alive:a"))
    time.sleep(1.3)
    assert not a.server.exists(a.key("alive:a"))


def test_depth_claims_are_atomic_across_clients(redis_url: str) -> None:
    memories = [RedisMemory(redis.Redis.from_url(redis_url), PREFIX) for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        claims = list(pool.map(lambda m: m.claim_snap("s1", 2, None, False), memories * 5))
    assert claims.count(Claim.NEW) == 1
    assert claims.count(Claim.SKIP) == 39
    m = memories[0]
    assert m.claim_snap("s1", 1, None, False) is Claim.NEARER
    assert m.claim_snap("s1", 1, None, True) is Claim.AGAIN
    assert m.claim_snap("s2", 0, 2, False) is Claim.NEW
    assert m.claim_snap("s3", 0, 2, False) is Claim.OVER_BUDGET
    assert m.snaps_scheduled() == 2
    assert m.claim_goods("g", 0, False) is Claim.NEW
    assert m.claim_goods("g", 0, False) is Claim.SKIP
    assert m.first_emit("s1")
    assert not m.first_emit("s1")
