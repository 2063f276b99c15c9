"""The JS-rendered snap list, crawled through the Selenium middleware in headless Chromium
(Debian chromium + chromium-driver), and a page that never renders (a counted timeout)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fixtures.musinsa_site.catalog import small_catalog
from tests.fixtures.musinsa_site.harness import run_crawl
from tests.fixtures.musinsa_site.server import FixtureSite

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists()),
        reason="needs Debian chromium and chromium-driver (make test installs them)",
    ),
]


def quick_catalog() -> dict:
    catalog = small_catalog()
    del catalog["faults"]["snap_goods_hang"]
    return catalog


def test_list_page_rendered_and_scrolled_in_chromium(tmp_path: Path) -> None:
    out = tmp_path / "snaps.json"
    # 9 listed snaps, 2 per list-API page: the page must be scrolled 4 times to show them all
    with FixtureSite(quick_catalog(), list_page_size=2) as site:
        result = run_crawl(
            site.base,
            ["snaps", "--seed", "browser", "--depth", "0", "--no-neo4j", "-O", str(out)],
            tmp_path,
        )
        api_pages = site.hits["/api2/content/snap/v1/snaps"]
    assert result.returncode == 0, result.stderr[-3000:]
    stats = result.stats
    assert stats["selenium/rendered"] == 1
    assert stats["selenium/drivers_started"] == stats["selenium/drivers_quit"] == 1
    assert stats["closet/list/rendered_links"] == 9  # links built by the page's JS
    assert api_pages == 6  # fetched by the browser while scrolling (5 pages + the empty end)
    outfits = {record["outfit_id"] for record in json.loads(out.read_text())}
    assert outfits == {"1001", "1002", "1003", "1009"}  # the valid seeds, depth 0


def test_page_that_never_renders_is_a_counted_timeout(tmp_path: Path) -> None:
    with FixtureSite(quick_catalog(), render_list=False) as site:
        result = run_crawl(
            site.base,
            ["snaps", "--seed", "browser", "--no-neo4j"],
            tmp_path,
            SELENIUM_WAIT_TIMEOUT="1",
        )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stats["finish_reason"] == "finished"
    assert result.stats["selenium/timeout"] == 1
    assert result.stats["closet/request_failed/IgnoreRequest"] == 1
    assert result.stats["selenium/drivers_quit"] == 1
    assert "item_scraped_count" not in result.stats
