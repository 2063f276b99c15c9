"""The shared item queue: every kept record, as JSON, pushed to `<prefix>:items` by scrapy-redis'
RedisPipeline (after validation and normalisation, before the Neo4j writes)."""

from __future__ import annotations

import json
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.pipelines import RedisPipeline

from scraper.distributed.frontier import prefix_for
from scraper.items import OutfitRecord


def record_json(item: Any) -> str:
    """{"kind": "outfit" | "product", "record": the snap-file record} as JSON."""
    kind = "outfit" if isinstance(item, OutfitRecord) else "product"
    return json.dumps({"kind": kind, "record": dict(item)}, ensure_ascii=False, default=str)


class ItemQueue(RedisPipeline):
    """RedisPipeline on the crawl's own key, serialising records with `record_json`."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ItemQueue:
        settings = crawler.settings
        if not settings.get("CLOSET_REDIS_PREFIX"):
            raise NotConfigured
        name = getattr(crawler.spidercls, "name", "spider")
        return cls(
            server=get_redis_from_settings(settings),
            key=f"{prefix_for(settings, name)}:items",
            serialize_func=record_json,
        )

    def process_item(self, item: Any) -> Any:  # Scrapy >= 2.13 signature; one RPUSH, loopback
        self.server.rpush(self.key, self.serialize(item))
        return item
