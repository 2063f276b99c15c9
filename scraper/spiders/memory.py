"""What a relation-depth crawl remembers: the depth each snap and product was scheduled at, and
the outfits already emitted. `LocalMemory` keeps it in the spider's state (saved in JOBDIR);
`scraper.distributed.memory.RedisMemory` shares it among crawler processes."""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Protocol


class Claim(IntEnum):
    """What a request for a snap (or a product's snaps) at some depth should do."""

    SKIP = 0  # already scheduled at this depth or nearer
    NEW = 1  # first time seen
    NEARER = 2  # seen farther away: expand it again from here
    AGAIN = 3  # already scheduled here, but forced (a request put back from a dead worker)
    OVER_BUDGET = 4  # new, but --max-outfits snaps are already scheduled


def decide(known: int | None, depth: int, force: bool, budget_left: bool) -> Claim:
    """The claim on a key last scheduled at `known` (None: never), asked for at `depth`."""
    if known is None:
        return Claim.NEW if budget_left else Claim.OVER_BUDGET
    if known < depth or (known == depth and not force):
        return Claim.SKIP
    return Claim.AGAIN if known == depth else Claim.NEARER


class Memory(Protocol):
    """The bookkeeping a relation-depth spider needs, wherever it is kept."""

    def claim_snap(self, snap_id: str, depth: int, budget: int | None, force: bool) -> Claim:
        """Claim the snap at `depth` (recorded unless SKIP / OVER_BUDGET)."""
        ...

    def claim_goods(self, goods_no: str, depth: int, force: bool) -> Claim:
        """Claim expanding a product's snaps at `depth` (recorded unless SKIP)."""
        ...

    def first_emit(self, snap_id: str) -> bool:
        """True the first time the outfit is emitted."""
        ...

    def snaps_scheduled(self) -> int:
        """How many distinct snaps have been scheduled."""
        ...


class LocalMemory:
    """The bookkeeping in `spider.state` (Scrapy's SpiderState saves it in JOBDIR; it replaces
    `state` when the spider opens, so it is looked up every time, never cached)."""

    def __init__(self, spider: Any) -> None:
        self.spider = spider

    @property
    def state(self) -> dict[str, Any]:
        """snap_depth: {snap id: depth}, goods_depth: {goods no: depth}, emitted: {snap ids}."""
        state = getattr(self.spider, "state", None)
        if not isinstance(state, dict):
            state = {}
            self.spider.state = state
        state.setdefault("snap_depth", {})
        state.setdefault("goods_depth", {})
        state.setdefault("emitted", set())
        return state

    def claim_snap(self, snap_id: str, depth: int, budget: int | None, force: bool) -> Claim:
        seen = self.state["snap_depth"]
        claim = decide(seen.get(snap_id), depth, force, budget is None or len(seen) < budget)
        if claim in (Claim.NEW, Claim.NEARER):
            seen[snap_id] = depth
        return claim

    def claim_goods(self, goods_no: str, depth: int, force: bool) -> Claim:
        seen = self.state["goods_depth"]
        claim = decide(seen.get(goods_no), depth, force, True)
        if claim in (Claim.NEW, Claim.NEARER):
            seen[goods_no] = depth
        return claim

    def first_emit(self, snap_id: str) -> bool:
        emitted = self.state["emitted"]
        if snap_id in emitted:
            return False
        emitted.add(snap_id)
        return True

    def snaps_scheduled(self) -> int:
        return len(self.state["snap_depth"])
