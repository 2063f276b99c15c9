"""Item pipelines: validate, normalise (the importer's own code), write to Neo4j in batches.

1. ValidatePipeline   - the record must be a valid snap-file record (`core.records`); an
                        invalid one is dropped with its reason counted in `closet/dropped/<reason>`.
2. NormalizePipeline  - `graph.ingest.normalize` turns it into the graph's rows, exactly as
                        `closet load` does; outfits without a kept item and products of dropped
                        categories are dropped (counted).
3. Neo4jPipeline      - buffers rows and writes them with `graph.ingest.loader.GraphWriter`
                        (UNWIND ... MERGE, one transaction per batch), every CLOSET_NEO4J_BATCH
                        items and on close, in a worker thread so the crawl keeps going; then
                        refreshes the cluster co-occurrence once, at the end of the crawl.
                        In a shared crawl (`closet crawl --redis`) it also releases the
                        requests whose items a batch stored (`scraper.distributed`).
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import deferred_from_coro

from core.records import SnapItem, SnapOutfit
from enrich.taxonomy import big_category
from graph.db.connection import connect
from graph.db.schema import apply_schema
from graph.ingest.cooccurrence import refresh_cooccurrence
from graph.ingest.normalize import OutfitRow, normalize_item, normalize_outfit
from graph.ingest.writer import GraphWriter
from scraper.items import OutfitRecord, ProductRecord

if TYPE_CHECKING:
    from scraper.distributed.frontier import Frontier

logger = logging.getLogger(__name__)

UNBOUNDED = 10**9  # GraphWriter's own auto-flush is disabled; this pipeline decides when


def drop(crawler: Crawler, reason: str, detail: str) -> DropItem:
    """Count a dropped item under closet/dropped/<reason> and build the DropItem to raise."""
    key = re.sub(r"[^a-z0-9_.]+", "_", reason.lower()).strip("_")[:60] or "invalid"
    assert crawler.stats is not None
    crawler.stats.inc_value(f"closet/dropped/{key}")
    return DropItem(f"{reason}: {detail}")


def validation_reason(error: ValidationError) -> str:
    """`field.path: message` of the first validation error (as the importer reports it)."""
    first = error.errors()[0]
    loc = ".".join(str(part) for part in first["loc"] if not isinstance(part, int)) or "record"
    return f"{loc}: {first['msg']}"


class ValidatePipeline:
    """Validate records against the snap file format; drop invalid ones with a counted reason."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        model: type[SnapOutfit] | type[SnapItem]
        if isinstance(item, OutfitRecord):
            model, what = SnapOutfit, f"outfit {item.get('outfit_id')!r}"
        elif isinstance(item, ProductRecord):
            model, what = SnapItem, f"product {item.get('item_id')!r}"
        else:
            return item
        try:
            item.model = model.model_validate(dict(item))
        except ValidationError as exc:
            reason = validation_reason(exc)
            raise drop(
                self.crawler, f"invalid_{reason.split(':')[0]}", f"{what}: {reason}"
            ) from None
        return item


class NormalizePipeline:
    """Normalise as the importer does (`graph.ingest.normalize`); drop what it does not keep."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> NormalizePipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, OutfitRecord):
            row = outfit_row(item.model)
            if not row.items:
                raise drop(
                    self.crawler, "no_kept_items", f"outfit {row.id}: no item in a kept category"
                )
            item.row = row
        elif isinstance(item, ProductRecord):
            product = normalize_item(item.model)
            if product is None:
                raise drop(
                    self.crawler,
                    "category_dropped",
                    f"product {item.model.item_id}: {item.model.category}",
                )
            item.row = product
        return item


def outfit_row(outfit: SnapOutfit) -> OutfitRow:
    """`normalize_outfit`, with the snap's API tags merged into the description's hashtags."""
    row = normalize_outfit(outfit)
    api_tags = row.extra.pop("tags", None) or []
    if api_tags:
        row.tags = list(dict.fromkeys([*row.tags, *(str(t).strip("#").lower() for t in api_tags)]))
    return row


def kept_goods(record: dict[str, Any]) -> list[str]:
    """The ids of the goods of an outfit record that the graph keeps (valid record, kept big
    category, as `normalize_outfit` decides); the spiders follow only these, so every product
    they fetch belongs to an outfit that is written."""
    try:
        outfit = SnapOutfit.model_validate(record)
    except ValidationError:
        return []
    kept = (item.item_id for item in outfit.items if big_category(item.category) is not None)
    return list(dict.fromkeys(kept))


class Neo4jPipeline:
    """Buffer normalised rows; write them in batches off the reactor thread; refresh at close."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.batch = max(1, crawler.settings.getint("CLOSET_NEO4J_BATCH", 200))
        self.driver: Any = None
        self._outfits: Any = None
        self._products: Any = None
        self._pending = 0
        self._lock = asyncio.Lock()
        self._stopping = False
        self.frontier: Frontier | None = None  # a shared crawl's (`closet crawl --redis`)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Neo4jPipeline:
        if not crawler.settings.getbool("CLOSET_NEO4J", True):
            raise NotConfigured
        return cls(crawler)

    def _writers(self) -> tuple[Any, Any]:

        return GraphWriter(self.driver, UNBOUNDED), GraphWriter(self.driver, UNBOUNDED)

    def open_spider(self) -> None:

        self.driver = connect()
        apply_schema(self.driver)
        self._outfits, self._products = self._writers()
        spider = self.crawler.spider
        if spider is not None and self.crawler.settings.get("CLOSET_REDIS_PREFIX"):
            from scraper.distributed.frontier import frontier_for

            self.frontier = frontier_for(spider)
            self.frontier.released_by_writer = True
            self.crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)

    def spider_idle(self) -> None:
        """A shared crawl: write what is buffered now, so that the requests that produced it
        are released and the other workers can see the crawl end."""
        if self.frontier is not None and self.frontier.taken and not self._lock.locked():
            deferred_from_coro(self.flush())

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, OutfitRecord):
            self._outfits.add_outfit(item.row)
        elif isinstance(item, ProductRecord):
            self._products.add_item(item.row)
        else:
            return item
        self._pending += 1
        if self._pending >= self.batch:
            await self.flush()
        return item

    async def flush(self) -> None:
        """Write what is buffered: outfits (with their items) first, then product details.

        Products go in a writer of their own so that a product page's extra properties are
        never overwritten, inside one batch, by the same item's outfit row (`SET i += props`
        across transactions keeps them)."""
        outfits, products = self._outfits, self._products
        self._outfits, self._products = self._writers()
        self._pending = 0
        stored = self._finished_requests()
        async with self._lock:  # batches are written one at a time, in order
            started = time.perf_counter()
            try:
                await asyncio.to_thread(_write_in_order, outfits, products)
                if self.frontier is not None:
                    await asyncio.to_thread(self._stored, stored, outfits, products)
                self.stats.inc_value(
                    "closet/neo4j/write_ms", int((time.perf_counter() - started) * 1000)
                )
            except Exception as exc:  # Neo4j down or refusing: stop rather than lose silently
                self.stats.inc_value("closet/neo4j/write_errors")
                logger.error("Neo4j write failed, stopping the crawl: %s", exc)
                engine = self.crawler.engine
                if engine is not None and engine.spider is not None and not self._stopping:
                    self._stopping = True
                    deferred_from_coro(engine.close_spider_async(reason="neo4j_error"))
                return
        self.stats.inc_value("closet/neo4j/batches")
        self.stats.inc_value("closet/neo4j/outfits_written", outfits.written_outfits)
        self.stats.inc_value(
            "closet/neo4j/items_written", outfits.written_items + products.written_items
        )

    def _finished_requests(self) -> list[str]:
        """A shared crawl: the taken requests whose items are all in this batch."""
        if self.frontier is None:
            return []
        from scraper.distributed.frontier import in_progress

        return self.frontier.finished(in_progress(self.crawler))

    def _stored(self, requests: list[str], outfits: Any, products: Any) -> None:
        from scraper.distributed.refresh import note_write

        assert self.frontier is not None
        if outfits.written_outfits or outfits.written_items or products.written_items:
            note_write(self.frontier)
        self.frontier.release(requests)

    def _refresh(self) -> dict[str, int] | None:
        if self.frontier is None:
            return refresh_cooccurrence(self.driver)
        from scraper.distributed.refresh import refresh_once

        return refresh_once(self.frontier, lambda: refresh_cooccurrence(self.driver))

    async def close_spider(self) -> None:

        if self.driver is None:
            return
        try:
            await self.flush()
            started = time.perf_counter()
            result = await asyncio.to_thread(self._refresh)
            if result is None:
                logger.info(
                    "Neo4j: the co-occurrence is refreshed by the shared crawl's last worker"
                )
                return
            self.stats.set_value(
                "closet/neo4j/refresh_ms", int((time.perf_counter() - started) * 1000)
            )
            self.stats.set_value("closet/neo4j/cooccurrence_pairs", result.get("pairs", 0))
            logger.info("Neo4j: co-occurrence refreshed (%s cluster pairs)", result.get("pairs"))
        finally:
            self.driver.close()
            self.driver = None


def _write_in_order(outfits: Any, products: Any) -> None:
    outfits.flush()
    products.flush()
