"""robots.txt that stops the crawl, loudly, instead of silently dropping every request.

Scrapy's RobotsTxtMiddleware drops disallowed requests one by one at DEBUG level, so a crawl of a
site that forbids crawlers "finishes" having fetched nothing. MUSINSA's robots.txt disallows
generic crawlers; this guard logs an error that says so (and what to do) and closes the spider
with the reason `robotstxt_forbidden`, which `closet crawl` turns into a non-zero exit.
"""

from __future__ import annotations

import logging

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import deferred_from_coro

logger = logging.getLogger(__name__)

FORBIDDEN_REASON = "robotstxt_forbidden"


class RobotsTxtGuard(RobotsTxtMiddleware):
    """RobotsTxtMiddleware that closes the spider at the first URL robots.txt forbids."""

    def __init__(self, crawler) -> None:  # type: ignore[no-untyped-def]
        super().__init__(crawler)
        self._stopping = False

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            if not self._stopping:
                self._stopping = True
                agent = self._robotstxt_useragent or self._default_useragent
                logger.error(
                    "robots.txt of %s forbids %s for user agent %r: stopping the crawl. "
                    "Crawling a site needs its owner's permission; an operator who has it in "
                    "writing may set ROBOTSTXT_OBEY=False (closet crawl --ignore-robots). "
                    "See README, section scraper.",
                    request.url.split("/", 3)[2] if "//" in request.url else request.url,
                    request.url,
                    agent,
                )
                self._stats.set_value("closet/robots_forbidden_url", request.url)
                engine = self.crawler.engine
                if engine is not None and engine.spider is not None:
                    deferred_from_coro(engine.close_spider_async(reason=FORBIDDEN_REASON))
            raise
