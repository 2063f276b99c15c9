"""`goods`: products (given ids, or a category's goods list), then the snaps that wear them.

`-a goods=5001,5002` starts from those products; otherwise `-a categories=001,002` (default:
every big category) and `-a pages=N` pages of each category's goods list. Each product is
written as a catalog item, and the snaps wearing it are crawled at depth 1, then relation-depth
crawling goes on as in `snaps` up to `depth`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from scraper import musinsa
from scraper.musinsa import PageError
from scraper.spiders.base import RelationDepthSpider, put_back


class GoodsSpider(RelationDepthSpider):
    """Crawl from products to the outfits that wear them."""

    name = "goods"

    def __init__(
        self,
        *args: Any,
        goods: str = "",
        categories: str = ",".join(musinsa.GOODS_CATEGORIES),
        pages: int | str = 1,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.goods = [g.strip() for g in goods.split(",") if g.strip()]
        self.categories = [c.strip() for c in categories.split(",") if c.strip()]
        self.pages = int(pages)

    async def start(self) -> AsyncIterator[Any]:
        if self.goods:
            for request in self.seed_requests(self.goods):
                yield request
            return
        for category in self.categories:
            yield self.list_request(category, 1)

    def list_request(self, category: str, page: int, again: bool = False) -> scrapy.Request:
        """Page `page` of a category's goods list (`again`: past the dupefilter)."""
        return scrapy.Request(
            self.site.goods_list_api(category, page, self.list_page_size),
            callback=self.parse_goods_list,
            errback=self.request_failed,
            meta={"category": category, "page": page},
            priority=1,
            dont_filter=again,
        )

    def seed_requests(self, goods_nos: list[str], again: bool = False) -> Iterator[scrapy.Request]:
        """Each seed product's page and the snaps wearing it (depth 0)."""
        for goods_no in goods_nos:
            yield self.product_request(goods_no, 0, again)
            request = self.by_goods_request(goods_no, 0, again=again)
            if request is not None:
                yield request

    def parse_goods_list(self, response: Response) -> Iterator[Any]:
        """One page of a category's goods list -> seed products, and the next page."""
        try:
            goods_nos = musinsa.goods_nos_from_list(musinsa.load_json(response.text))
        except PageError as exc:
            self.page_error(response, exc)
            return
        self.count("list/pages")
        again = put_back(response)
        yield from self.seed_requests(goods_nos, again)
        page = response.meta["page"]
        if goods_nos and page < self.pages:
            yield self.list_request(response.meta["category"], page + 1, again)
