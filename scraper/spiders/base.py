"""Relation-depth crawling shared by both spiders: snap -> its goods -> other snaps wearing them.

An outfit's *depth* is the number of product hops from a seed: seeds from the snap list are at
depth 0, the snaps that share a product with a depth-d outfit are at depth d + 1, up to
`depth` (default 2). Each snap is fetched at the smallest depth it is reached at (a snap first
reached through a long path is expanded again when a shorter one turns up), so the set of
outfits crawled is exactly "within `depth` hops of the seeds", whatever the order responses
arrive in - which is what makes a resumed crawl end with the same graph as an uninterrupted one.
The bookkeeping (`claims`) lives in `spider.state`, which Scrapy saves in JOBDIR on shutdown, or
in Redis when several processes share the crawl (`scraper.distributed`); requests carry only
plain data in `meta` so that they serialise into either queue.
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
from scraper.spiders.memory import Claim, LocalMemory, Memory


def put_back(response: Response) -> bool:
    """Was this response's request put back in the queue after its worker died?"""
    return bool(response.meta.get("closet_recovered"))


def shared_memory(spider: scrapy.Spider) -> Memory | None:
    """The Redis-shared bookkeeping when the crawl runs on several processes (`--redis`)."""
    if not spider.settings.get("CLOSET_REDIS_PREFIX"):
        return None
    from scraper.distributed.frontier import frontier_for
    from scraper.distributed.memory import RedisMemory

    frontier = frontier_for(spider)
    return RedisMemory(frontier.server, frontier.prefix)


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

    # -- bookkeeping: in spider.state (JOBDIR), or shared in Redis (closet crawl --redis) ------
    @property
    def claims(self) -> Memory:
        """Where the depth of each snap and product and the emitted outfits are kept."""
        memory = getattr(self, "_memory", None)
        if memory is None:
            memory = self._memory = shared_memory(self) or LocalMemory(self)
        return memory

    def budget_left(self) -> bool:
        """False once `max_outfits` distinct snaps have been scheduled."""
        return self.max_outfits is None or self.claims.snaps_scheduled() < self.max_outfits

    def count(self, key: str, n: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(f"closet/{key}", n)

    # -- requests ----------------------------------------------------------------------------
    def snap_request(self, snap_id: str, depth: int, again: bool = False) -> scrapy.Request | None:
        """The detail request of a snap reached at `depth`, or None (seen nearer / no budget).
        `again`: yielded by a request put back from a dead worker, which may have scheduled it
        already or not; scheduling it twice is harmless, losing it is not."""
        claim = self.claims.claim_snap(snap_id, depth, self.max_outfits, again)
        if claim is Claim.OVER_BUDGET:
            self.count("snaps/over_budget")
            return None
        if claim is Claim.SKIP:
            return None
        if claim is Claim.NEARER:
            self.count("snaps/reexpanded")
        return scrapy.Request(
            self.site.snap_detail_api(snap_id),
            callback=self.parse_snap,
            errback=self.request_failed,
            meta={"snap_id": snap_id, "hops": depth},
            priority=-depth,
            dont_filter=True,  # de-duplicated by the depth claims above (depth-aware)
        )

    def product_request(self, goods_no: str, depth: int, again: bool = False) -> scrapy.Request:
        """The product page (fetched once: the dupefilter drops repeats, unless `again`)."""
        return scrapy.Request(
            self.site.product_page(goods_no),
            callback=self.parse_product,
            errback=self.request_failed,
            meta={"goods_no": goods_no, "hops": depth},
            priority=-depth,
            dont_filter=again,
        )

    def by_goods_request(
        self, goods_no: str, depth: int, page: int = 1, again: bool = False
    ) -> scrapy.Request | None:
        """Page `page` of the snaps wearing a product found at `depth` (None at max depth)."""
        if depth >= self.max_depth:
            return None
        if page == 1 and self.claims.claim_goods(goods_no, depth, again) is Claim.SKIP:
            return None
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
        again = put_back(response)
        if self.claims.first_emit(snap["id"]):
            self.count(f"snaps/depth_{depth}")
            yield OutfitRecord(record)
        elif again:  # its first emission may have died with its worker (the write is idempotent)
            yield OutfitRecord(record)
        for goods_no in kept_goods(record):
            yield self.product_request(goods_no, depth, again)
            request = self.by_goods_request(goods_no, depth, again=again)
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
        again = put_back(response)
        for snap_id in snap_ids:
            request = self.snap_request(snap_id, depth + 1, again)
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
