"""The Scrapy settings that turn a crawl into one worker of a shared crawl (`closet crawl
--redis URL`): scrapy-redis' scheduler, queue and duplicate filter, the item queue, Workers."""

from __future__ import annotations

import re
from typing import Any

from scraper import settings as project

DEFAULT_PREFIX = "closet:%(spider)s"
_PREFIX = re.compile(r"^(?:[A-Za-z0-9_.:-]|%\(spider\)s)+$")


def check_prefix(prefix: str) -> str:
    """The key prefix, or ValueError when it holds anything but letters, digits, `_.:-` and
    `%(spider)s` (it is %-formatted by scrapy-redis)."""
    if not _PREFIX.match(prefix):
        raise ValueError(f"bad Redis key prefix {prefix!r}: use letters, digits, _ . : - only")
    return prefix


def redis_settings(
    url: str, prefix: str = DEFAULT_PREFIX, heartbeat: float = 30.0
) -> dict[str, Any]:
    """The settings of a worker of the crawl under `prefix` in the Redis at `url`."""
    check_prefix(prefix)
    return {
        "REDIS_URL": url,
        "CLOSET_REDIS_PREFIX": prefix,
        "CLOSET_REDIS_HEARTBEAT": heartbeat,
        "SCHEDULER": "scraper.distributed.frontier.TrackedScheduler",
        "SCHEDULER_QUEUE_CLASS": "scraper.distributed.frontier.TrackedPriorityQueue",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_SERIALIZER": "scraper.distributed.serializer",
        "SCHEDULER_PERSIST": True,
        "ITEM_PIPELINES": {**project.ITEM_PIPELINES, "scraper.distributed.items.ItemQueue": 250},
        "EXTENSIONS": {**project.EXTENSIONS, "scraper.distributed.workers.Workers": 400},
    }


def crawl_keys(server: Any, prefix: str, spider: str) -> list[str]:
    """Every key of the shared crawl of `spider` under `prefix`."""
    base = prefix % {"spider": spider}
    return sorted(k.decode() if isinstance(k, bytes) else k for k in server.scan_iter(f"{base}:*"))
