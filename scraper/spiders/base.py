"""Relation-depth crawling shared by both spiders: snap -> its goods -> other snaps wearing them.

An outfit's *depth* is the number of product hops from a seed: seeds from the snap list are at
depth 0, the snaps that share a product with a depth-d outfit are at depth d + 1, up to
`depth` (default 2). Each snap is fetched at the smallest depth it is reached at (a snap first
reached through a long path is expanded again when a shorter one turns up), so the set of
outfits crawled is exactly "within `depth` hops of the seeds", whatever the order responses
arrive in - which is what makes a resumed crawl end with the same graph as an uninterrupted one.
The bookkeeping lives in `spider.state`, which Scrapy saves in JOBDIR on shutdown; requests
carry only plain data in `meta` so that they pickle into the JOBDIR queue.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from scraper import musinsa
from scraper.items import OutfitRecord, ProductRecord
from scraper.musinsa import PageError, Site
from scraper.pipelines import kept_goods


class RelationDepthSpider(scrapy.Spider):
    """Base of the `snaps` and `goods` spiders (subclasses define `start`)."""

    site: Site

    def __init__(
        self,
        *args: Any,
        depth: int | str = 2,
        max_outfits: int | str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.max_depth = int(depth)
        self.max_outfits = int(max_outfits) if max_outfits not in (None, "", "0", 0) else None
        if self.max_depth < 0:
            raise ValueError("depth must be >= 0")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> RelationDepthSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.site = Site.from_settings(crawler.settings)
        spider.list_page_size = crawler.settings.getint("CLOSET_LIST_PAGE_SIZE", 30)
        spider.by_goods_page_size = crawler.settings.getint("CLOSET_BY_GOODS_PAGE_SIZE", 30)
        return spider

    # -- bookkeeping (persisted in JOBDIR through spider.state) ------------------------------
    @property
    def memory(self) -> dict[str, Any]:
        """snap_depth: {snap id: depth scheduled}, goods_depth: {goods no: depth expanded},
        emitted: {snap ids already yielded}. Kept in `self.state`, which Scrapy's SpiderState
        extension loads from and saves to JOBDIR (it replaces `state` when the spider opens,
        so this is looked up every time, never cached)."""
        state = getattr(self, "state", None)
        if not isinstance(state, dict):
            state = {}
            self.state = state
        state.setdefault("snap_depth", {})
        state.setdefault("goods_depth", {})
        state.setdefault("emitted", set())
        return state

    def budget_left(self) -> bool:
        """False once `max_outfits` distinct snaps have been scheduled."""
        return self.max_outfits is None or len(self.memory["snap_depth"]) < self.max_outfits

    def count(self, key: str, n: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"closet/{key}", n)

    # -- requests ----------------------------------------------------------------------------
    def snap_request(self, snap_id: str, depth: int) -> scrapy.Request | None:
        """The detail request of a snap reached at `depth`, or None (seen nearer / no budget)."""
        known = self.memory["snap_depth"].get(snap_id)
        if known is not None and known <= depth:
            return None
        if known is None and not self.budget_left():
            self.count("snaps/over_budget")
            return None
        self.memory["snap_depth"][snap_id] = depth
        if known is not None:
            self.count("snaps/reexpanded")
        return scrapy.Request(
            self.site.snap_detail_api(snap_id),
            callback=self.parse_snap,
            errback=self.request_failed,
            meta={"snap_id": snap_id, "hops": depth},
            priority=-depth,
            dont_filter=True,  # de-duplicated by snap_depth above (depth-aware)
        )

    def product_request(self, goods_no: str, depth: int) -> scrapy.Request:
        """The product page (fetched once: the dupefilter drops repeats)."""
        return scrapy.Request(
            self.site.product_page(goods_no),
            callback=self.parse_product,
            errback=self.request_failed,
            meta={"goods_no": goods_no, "hops": depth},
            priority=-depth,
        )

    def by_goods_request(self, goods_no: str, depth: int, page: int = 1) -> scrapy.Request | None:
        """Page `page` of the snaps wearing a product found at `depth` (None at max depth)."""
        if depth >= self.max_depth:
            return None
        if page == 1:
            known = self.memory["goods_depth"].get(goods_no)
            if known is not None and known <= depth:
                return None
            self.memory["goods_depth"][goods_no] = depth
        return scrapy.Request(
            self.site.snaps_by_goods_api(goods_no, page, self.by_goods_page_size),
            callback=self.parse_snaps_by_goods,
            errback=self.request_failed,
            meta={"goods_no": goods_no, "hops": depth, "page": page},
            priority=-depth,
            dont_filter=True,  # de-duplicated by goods_depth above (depth-aware)
        )

    # -- callbacks ---------------------------------------------------------------------------
    def parse_snap(self, response: Response) -> Iterator[Any]:
        """Snap detail JSON -> the request for its tagged goods (carrying the snap's fields)."""
        try:
            snap = musinsa.snap_from_detail(musinsa.load_json(response.text))
        except PageError as exc:
            self.page_error(response, exc)
            return
        yield scrapy.Request(
            self.site.snap_goods_api(snap["id"]),
            callback=self.parse_snap_goods,
            errback=self.request_failed,
            meta={"snap": snap, "hops": response.meta["hops"]},
            priority=-response.meta["hops"],
            dont_filter=True,
        )

    def parse_snap_goods(self, response: Response) -> Iterator[Any]:
        """Tagged goods -> the outfit record, its product pages, and the next depth."""
        snap, depth = response.meta["snap"], response.meta["hops"]
        try:
            items = musinsa.goods_of_snap(musinsa.load_json(response.text), self.site)
        except PageError as exc:
            self.page_error(response, exc)
            return
        record = musinsa.outfit_record(snap, items, self.site)
        if snap["id"] not in self.memory["emitted"]:
            self.memory["emitted"].add(snap["id"])
            self.count(f"snaps/depth_{depth}")
            yield OutfitRecord(record)
        for goods_no in kept_goods(record):
            yield self.product_request(goods_no, depth)
            request = self.by_goods_request(goods_no, depth)
            if request is not None:
                yield request

    def parse_snaps_by_goods(self, response: Response) -> Iterator[Any]:
        """The snaps wearing a product -> their detail requests at depth + 1; next page."""
        goods_no, depth, page = (response.meta[k] for k in ("goods_no", "hops", "page"))
        try:
            snap_ids = musinsa.snap_ids_by_goods(musinsa.load_json(response.text))
        except PageError as exc:
            self.page_error(response, exc)
            return
        for snap_id in snap_ids:
            request = self.snap_request(snap_id, depth + 1)
            if request is not None:
                yield request
        if len(snap_ids) >= self.by_goods_page_size and self.budget_left():
            request = self.by_goods_request(goods_no, depth, page + 1)
            if request is not None:
                yield request

    def parse_product(self, response: Response) -> Iterator[Any]:
        """Product page -> a product record (brand, prices, categories, rating, images...)."""
        try:
            state = musinsa.product_state(response.text)
        except PageError as exc:
            self.page_error(response, exc)
            return
        yield ProductRecord(musinsa.product_record(state, self.site))

    # -- failures ----------------------------------------------------------------------------
    def page_error(self, response: Response, error: PageError) -> None:
        """A page we cannot read: counted under closet/page_error/<reason>, then skipped."""
        self.count(f"page_error/{error.reason}")
        self.logger.warning("skipped %s: %s", response.url, error)

    def request_failed(self, failure: Failure) -> None:
        """A request that failed for good (after retries): counted, skipped."""
        name = getattr(failure.value, "__class__", type(failure.value)).__name__
        response = getattr(failure.value, "response", None)
        if response is not None:
            name = f"http_{response.status}"
        self.count(f"request_failed/{name}")
        self.logger.warning("failed %s: %s", failure.request.url, failure.getErrorMessage())
