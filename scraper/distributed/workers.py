"""The Workers extension: keeps a crawler process in the shared crawl until the whole crawl is
done, renews its heartbeat, and puts the requests of dead workers back in the queue."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, NotConfigured
from twisted.internet import task

from scraper.distributed.frontier import Frontier, frontier_for, in_progress, wake

logger = logging.getLogger(__name__)

TICK = 0.5  # seconds between heartbeats / looks at the shared queue


class Workers:
    """One crawler process among many (enabled with CLOSET_REDIS_PREFIX).

    - every TICK: renew the heartbeat; without the Neo4j pipeline, release the requests whose
      items are in the feed and the item queue; wake the engine when the queue has work; every
      heartbeat period, put back the requests of workers found dead;
    - when the engine is idle: stay open while the shared queue has requests or another worker
      holds some (they may yield more), putting back those of workers found dead;
    - on close: hand back whatever this worker still holds (nothing, after a finished crawl).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.frontier: Frontier | None = None
        self.loop: Any = None
        self.waiting = False
        self.ticks = 0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Workers:
        if not crawler.settings.get("CLOSET_REDIS_PREFIX"):
            raise NotConfigured
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.frontier = frontier_for(spider)  # joined by the scheduler when it opened
        self.loop = task.LoopingCall(self.tick)
        self.loop.start(TICK, now=False)
        logger.info("worker %s joined the crawl %s", self.frontier.worker, self.frontier.prefix)

    def tick(self) -> None:
        frontier = self.frontier
        if frontier is None:
            return
        self.ticks += 1
        try:
            frontier.beat()
            if self.ticks % max(1, round(frontier.heartbeat / TICK)) == 0:
                self.recover()
            if not frontier.released_by_writer:
                frontier.release(frontier.finished(in_progress(self.crawler)))
            if self.waiting or frontier.queued():
                wake(self.crawler)
        except Exception as exc:  # Redis briefly away: say so, keep going (the next tick retries)
            logger.warning("shared crawl: %s", exc)

    def spider_idle(self, spider: Spider) -> None:
        frontier = self.frontier
        if frontier is None:
            return
        if not frontier.released_by_writer:
            frontier.release(frontier.finished())
        elif frontier.taken:  # the Neo4j pipeline is writing them (it flushes when idle)
            self._wait()
        self.recover()
        if frontier.queued() or frontier.busy_elsewhere():
            self._wait()
        self.waiting = False

    def recover(self) -> None:
        """Put back the requests of workers found dead (counted in closet/redis/recovered)."""
        assert self.frontier is not None
        assert self.crawler.stats is not None
        moved = self.frontier.recover_dead()
        if moved:
            self.crawler.stats.inc_value("closet/redis/recovered", moved)

    def _wait(self) -> None:
        self.waiting = True
        raise DontCloseSpider

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.frontier is None:
            return
        moved = self.frontier.leave(hand_back=True)
        assert self.crawler.stats is not None
        self.crawler.stats.set_value("closet/redis/handed_back", moved)
        if moved:
            logger.warning("handed %d unfinished requests back to the shared queue", moved)
