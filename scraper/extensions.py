"""Crawl reporting: stats as a JSON file (CLOSET_STATS_FILE), a progress line (CLOSET_PROGRESS)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from tqdm import tqdm

from scraper.items import OutfitRecord


class StatsFile:
    """Dumps `crawler.stats` to CLOSET_STATS_FILE once the engine has stopped (after every
    spider_closed handler, e.g. the Selenium middleware quitting its drivers, has run)."""

    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StatsFile:
        path = crawler.settings.get("CLOSET_STATS_FILE")
        if not path:
            raise NotConfigured
        return cls(crawler, Path(path))

    def engine_stopped(self) -> None:
        assert self.crawler.stats is not None
        stats: dict[str, Any] = dict(self.crawler.stats.get_stats())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(
            json.dumps(stats, default=_plain, ensure_ascii=False, indent=1, sort_keys=True),
            encoding="utf-8",
        )


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else str(value)


class Progress:
    """A tqdm line on stderr: pages fetched, outfits and products scraped (CLOSET_PROGRESS)."""

    def __init__(self, crawler: Crawler) -> None:

        self.bar = tqdm(desc="crawl", unit="page", dynamic_ncols=True, mininterval=0.5)
        self.outfits = 0
        self.products = 0
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if not crawler.settings.getbool("CLOSET_PROGRESS"):
            raise NotConfigured
        return cls(crawler)

    def response_received(self) -> None:
        self.bar.update(1)

    def item_scraped(self, item: Any) -> None:

        if isinstance(item, OutfitRecord):
            self.outfits += 1
        else:
            self.products += 1
        self.bar.set_postfix(outfits=self.outfits, products=self.products, refresh=False)

    def engine_stopped(self) -> None:
        self.bar.close()
