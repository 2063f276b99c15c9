"""The site-structure module and the spiders' requests, without a crawl or a database."""

from __future__ import annotations

import pickle

import pytest
from scrapy.utils.request import request_from_dict
from scrapy.utils.test import get_crawler

from scraper import musinsa
from scraper.middlewares.selenium import SeleniumRequest
from scraper.musinsa import PageError, Site
from scraper.pipelines import kept_goods
from scraper.spiders.snaps import SnapsSpider
from tests.fixtures.musinsa_site.catalog import small_catalog
from tests.fixtures.musinsa_site.server import FixtureSite

SITE = Site.at("http://127.0.0.1:1")


def test_urls_of_the_real_site() -> None:
    site = Site()
    assert site.product_page("5072529") == "https://www.musinsa.com/products/5072529"
    assert (
        site.snap_page("1382633382875558464") == "https://www.musinsa.com/snap/1382633382875558464"
    )
    assert site.snap_detail_api("7") == "https://content.musinsa.com/api2/content/snap/v1/snaps/7"
    assert site.snap_goods_api("7").endswith("/api2/content/snap/v1/snap-goods?snapId=7")
    assert site.goods_list_api("001", 1, 30).startswith("https://api.musinsa.com/api2/dp/v1/plp/")
    assert site.image("/images/a.jpg") == "https://image.msscdn.net/images/a.jpg"
    assert site.image("//image.msscdn.net/b.jpg") == "https://image.msscdn.net/b.jpg"


def test_snap_detail_and_goods_become_a_snap_file_record() -> None:
    fixture = FixtureSite(small_catalog())
    _, _, body = fixture.snap_detail("1002")
    snap = musinsa.snap_from_detail(musinsa.load_json(body))
    assert snap["goods"] == ["5002", "5004", "5005"]
    assert (snap["likes"], snap["style"], snap["season"]) == (88, "미니멀", "가을")
    _, _, body = fixture.snap_goods("1002")
    items = musinsa.goods_of_snap(musinsa.load_json(body), SITE)
    record = musinsa.outfit_record(snap, items, SITE)
    assert record["gender"] == "FEMALE"
    assert record["detail_url"] == SITE.snap_page("1002")
    assert [i["item_id"] for i in record["items"]] == ["5002", "5004", "5005"]
    assert record["items"][1]["category_path"] == "아우터 > 블레이저"
    assert kept_goods(record) == ["5002", "5004"]  # beauty is not followed


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ('{"data": {"id": "1", "goods": [', "broken_json"),
        ('{"meta": {}}', "missing_data"),
        ('{"data": {"goods": []}}', "missing_id"),
        ('{"data": {"id": "1"}}', "missing_goods"),
    ],
)
def test_malformed_snap_details_have_a_reason(body: str, reason: str) -> None:
    with pytest.raises(PageError) as caught:
        musinsa.snap_from_detail(musinsa.load_json(body))
    assert caught.value.reason == reason


def test_product_page_state() -> None:
    fixture = FixtureSite(small_catalog())
    _, _, html = fixture.product_page("5001")
    record = musinsa.product_record(musinsa.product_state(html), SITE)
    assert record["item_id"] == "5001"
    assert record["name"] == "데이시즌 스몰체크셔츠 스카이블루"
    assert (record["normal_price"], record["price"], record["discount_rate"]) == (55000, 44000, 20)
    assert record["category_path"] == "상의 > 셔츠/블라우스"
    assert record["gender"] == "unisex"
    assert record["color_options"] == ["스카이블루", "화이트"]
    assert len(record["images"]) == 2
    _, _, broken = fixture.product_page("5011")
    with pytest.raises(PageError) as caught:
        musinsa.product_state(broken)
    assert caught.value.reason == "broken_json"
    with pytest.raises(PageError) as caught:
        musinsa.product_state("<html>no state</html>")
    assert caught.value.reason == "missing_state"


def test_every_request_pickles_for_jobdir() -> None:
    crawler = get_crawler(SnapsSpider, {"MUSINSA_BASE": SITE.www})
    spider = SnapsSpider.from_crawler(crawler)
    requests = [
        spider.list_request(1),
        spider.snap_request("1001", 0),
        spider.product_request("5001", 0),
        spider.by_goods_request("5001", 0),
        SeleniumRequest(
            SITE.snap_list_page(),
            callback=spider.parse_list_page,
            wait_for=musinsa.LIST_READY_SELECTOR,
            scroll=3,
        ),
    ]
    for request in requests:
        assert request is not None
        data = pickle.loads(pickle.dumps(request.to_dict(spider=spider)))
        restored = request_from_dict(data, spider=spider)
        assert type(restored) is type(request)
        assert (restored.url, restored.meta, restored.priority) == (
            request.url,
            request.meta,
            request.priority,
        )
        assert restored.callback == request.callback
    assert requests[-1].meta["selenium"] == {
        "wait_for": "a[href*='/snap/']",
        "wait_time": None,
        "scroll": 3,
    }


def test_depth_aware_deduplication() -> None:
    spider = SnapsSpider.from_crawler(get_crawler(SnapsSpider, {}), depth=2, max_outfits=2)
    assert spider.snap_request("1", 2) is not None
    assert spider.snap_request("1", 2) is None  # seen at that depth
    assert spider.snap_request("1", 1) is not None  # a shorter path: expanded again
    assert spider.by_goods_request("9", 2) is None  # at max depth: not expanded
    assert spider.snap_request("2", 0) is not None
    assert spider.snap_request("3", 0) is None  # over the --max-outfits budget
