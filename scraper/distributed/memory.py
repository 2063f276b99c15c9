"""The spiders' relation-depth bookkeeping in Redis, each claim one atomic script, so that two
crawler processes reaching the same snap schedule it once (`scraper.spiders.memory.Memory`)."""

from __future__ import annotations

from typing import Any

from redis import Redis

from scraper.spiders.memory import Claim

# KEYS[1] depth hash, KEYS[2]: the hash counted for the budget; ARGV: key, depth, budget (-1:
# none), force (1/0). Returns a Claim: the same rules as memory.decide.
_CLAIM = """
local known = redis.call('HGET', KEYS[1], ARGV[1])
local depth = tonumber(ARGV[2])
if not known then
  local budget = tonumber(ARGV[3])
  if budget >= 0 and redis.call('HLEN', KEYS[2]) >= budget then return 4 end
  redis.call('HSET', KEYS[1], ARGV[1], depth)
  return 1
end
known = tonumber(known)
if known < depth or (known == depth and ARGV[4] == '0') then return 0 end
if known == depth then return 3 end
redis.call('HSET', KEYS[1], ARGV[1], depth)
return 2
"""


class RedisMemory:
    """`snap_depth`, `goods_depth` (hashes) and `emitted` (a set) under the crawl's prefix."""

    def __init__(self, server: Redis, prefix: str) -> None:
        self.server = server
        self.prefix = prefix
        self._claim = server.register_script(_CLAIM)

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    def _run(self, table: str, key: str, depth: int, budget: int | None, force: bool) -> Claim:
        result: Any = self._claim(
            keys=[self._key(table), self._key("snap_depth")],
            args=[key, depth, -1 if budget is None else budget, int(force)],
        )
        return Claim(int(result))

    def claim_snap(self, snap_id: str, depth: int, budget: int | None, force: bool) -> Claim:
        return self._run("snap_depth", snap_id, depth, budget, force)

    def claim_goods(self, goods_no: str, depth: int, force: bool) -> Claim:
        return self._run("goods_depth", goods_no, depth, None, force)

    def first_emit(self, snap_id: str) -> bool:
        return bool(self.server.sadd(self._key("emitted"), snap_id))

    def snaps_scheduled(self) -> int:
        return int(self.server.hlen(self._key("snap_depth")))
