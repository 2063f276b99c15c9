"""`snaps`: outfits from MUSINSA's snap list, then relation-depth crawling through their goods.

Seeds come from the JSON list API behind the snap list page (`-a seed=api`, the default), or
from the JS-rendered list page itself, rendered and scrolled in headless Chromium
(`-a seed=browser`).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from scraper import musinsa
from scraper.middlewares.selenium import SeleniumRequest
from scraper.musinsa import PageError
from scraper.spiders.base import RelationDepthSpider, put_back


class SnapsSpider(RelationDepthSpider):
    """Crawl outfits: the snap list, each snap's detail and goods, then `depth` hops further."""

    name = "snaps"

    def __init__(self, *args: Any, seed: str = "api", gender: str = "A", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if seed not in ("api", "browser"):
            raise ValueError("seed must be 'api' or 'browser'")
        self.seed = seed
        self.gender = gender

    async def start(self) -> AsyncIterator[Any]:
        if self.seed == "browser":
            yield SeleniumRequest(
                self.site.snap_list_page(self.gender),
                callback=self.parse_list_page,
                errback=self.request_failed,
                wait_for=musinsa.LIST_READY_SELECTOR,
                scroll=self.settings.getint("SELENIUM_MAX_SCROLLS", 20),
            )
        else:
            yield self.list_request(1)

    def list_request(self, page: int, again: bool = False) -> scrapy.Request:
        """Page `page` of the snap list API (`again`: past the dupefilter, see snap_request)."""
        return scrapy.Request(
            self.site.snap_list_api(page, self.list_page_size),
            callback=self.parse_list,
            errback=self.request_failed,
            meta={"page": page},
            priority=1,  # seeds before expansions
            dont_filter=again,
        )

    def parse_list(self, response: Response) -> Iterator[Any]:
        """One page of the list API -> seed snaps at depth 0, and the next page."""
        try:
            snap_ids = musinsa.snap_ids_from_list(musinsa.load_json(response.text))
        except PageError as exc:
            self.page_error(response, exc)
            return
        self.count("list/pages")
        again = put_back(response)
        for snap_id in snap_ids:
            request = self.snap_request(snap_id, 0, again)
            if request is not None:
                yield request
        if snap_ids and self.budget_left():
            yield self.list_request(response.meta["page"] + 1, again)

    def parse_list_page(self, response: Response) -> Iterator[Any]:
        """The rendered list page -> seed snaps at depth 0, from the links the browser built."""
        snap_ids = musinsa.snap_ids_from_html(response.css(musinsa.LIST_CARD_LINKS).getall())
        self.count("list/rendered_links", len(snap_ids))
        for snap_id in snap_ids:
            request = self.snap_request(snap_id, 0)
            if request is not None:
                yield request
