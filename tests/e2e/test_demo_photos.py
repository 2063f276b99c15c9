"""Product photos in the demo, in headless Chromium: the items' `image_url` point at a loopback
photo site (tests/support/photo_server.py). The browser loads the real photos into fixed tiles
(nothing moves while they arrive); when the site is stopped, every tile falls back to its
locally drawn placeholder; and no request ever leaves 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from neo4j import Driver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from core.settings import Settings
from graph.ingest.loader import load_files
from tests.support.api_server import serve_api
from tests.support.browser import chromium, needs_chromium, off_loopback, requested_urls
from tests.support.demo_server import run_demo
from tests.support.photo_server import (
    PHOTO_SIZE,
    PhotoServer,
    catalog_with_photos,
    sample_kinds,
    serve_photos,
)
from tests.support.screenshots import save_page

WAIT = 60
PHOTO_DELAY = 0.5  # s per photo: long enough to see the tiles before their photos arrive

pytestmark = [pytest.mark.browser, needs_chromium]

# Per picture in a grid: its state, its natural width, its URL and the tile's box on the page.
PICTURES_JS = """
return [...document.querySelectorAll(arguments[0] + ' .tile')].map((tile) => {
  const img = tile.querySelector('img');
  const box = tile.getBoundingClientRect();
  return {id: tile.dataset.itemId, photo: img.dataset.photo, complete: img.complete,
          width: img.naturalWidth, src: img.currentSrc || img.src,
          box: [Math.round(box.left), Math.round(box.top + window.scrollY), Math.round(box.width),
                Math.round(box.height)]};
});
"""


@pytest.fixture
def photo_site() -> Iterator[PhotoServer]:
    with serve_photos(sample_kinds(), delay=PHOTO_DELAY) as site:
        yield site


def pictures(browser: WebDriver, grid: str) -> list[dict]:
    return browser.execute_script(PICTURES_JS, grid)


def wait_pictures(browser: WebDriver, grid: str, photo: str) -> list[dict]:
    """The grid's pictures once every one is loaded and in state `photo` (remote, fallback);
    the grid is scrolled into view first (photos load lazily, as they come near the screen)."""
    browser.execute_script("document.querySelector(arguments[0]).scrollIntoView()", grid)

    def settled(b: WebDriver) -> list[dict] | bool:
        shown = pictures(b, grid)
        done = shown and all(p["complete"] and p["photo"] == photo for p in shown)
        return shown if done else False

    try:
        return WebDriverWait(browser, WAIT).until(settled)
    except Exception as exc:
        raise AssertionError(f"{grid}: not all {photo}: {pictures(browser, grid)}") from exc


def test_photos_load_in_fixed_tiles_and_fall_back_when_the_site_is_gone(
    clean_graph: Driver, neo4j_settings: Settings, photo_site: PhotoServer, tmp_path: Path
) -> None:
    report = load_files(clean_graph, [catalog_with_photos(photo_site, tmp_path)], progress=False)
    assert report.items
    assert not report.rejected
    requested: list[str] = []
    with (
        serve_api(neo4j_settings) as api_url,
        run_demo(api_url) as demo_url,
        chromium(1280, 1600) as browser,
    ):
        http = httpx.Client(base_url=api_url, timeout=WAIT)
        browsed = http.get("/items/search", params={"limit": 24}).json()["items"]
        photo_of = {h["item"]["id"]: h["item"]["image_url"] for h in browsed}
        assert all(url.startswith(photo_site.url) for url in photo_of.values())

        browser.get(demo_url)
        wait = WebDriverWait(browser, WAIT)
        wait.until(lambda b: pictures(b, "#search-results"))
        loading = pictures(browser, "#search-results")
        assert [p["id"] for p in loading] == list(photo_of)  # the most worn pieces
        assert not all(p["complete"] for p in loading)  # measured while photos still arrive

        loaded = wait_pictures(browser, "#search-results", "remote")
        assert [p["box"] for p in loaded] == [p["box"] for p in loading]  # nothing moved
        assert all(p["width"] == PHOTO_SIZE for p in loaded)  # the photo, not a placeholder
        assert {p["id"]: p["src"] for p in loaded} == photo_of
        assert {f"/goods/{i}.jpg" for i in photo_of} <= set(photo_site.served)

        # pick one: its card and every recommendation show their photos too
        browser.find_element(By.CSS_SELECTOR, "#search-results button.tile").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "recs-message"), "ranked by"))
        grids = [
            f"#recs-{c}"
            for c in ("bottom", "outer", "shoes", "bag", "hat")
            if browser.find_elements(By.CSS_SELECTOR, f"#recs-{c} .tile")
        ]
        assert grids
        for grid in grids:
            assert all(p["width"] == PHOTO_SIZE for p in wait_pictures(browser, grid, "remote"))
        card = browser.find_element(By.CSS_SELECTOR, "#owned-card img")
        wait.until(lambda b: card.get_attribute("data-photo") == "remote")
        save_page(browser, "demo-photos")
        requested += requested_urls(browser)

        # the photo site goes away: on the next visit every tile shows its placeholder
        photo_site.stop()
        browser.refresh()
        wait.until(lambda b: pictures(b, "#search-results"))
        fallen = wait_pictures(browser, "#search-results", "fallback")
        assert all(p["src"].startswith("data:image/png;base64,") for p in fallen)
        assert all(p["width"] == 144 for p in fallen)
        assert [p["box"] for p in fallen] == [p["box"] for p in loaded]  # same tiles
        requested += requested_urls(browser)

    assert any(u.startswith(photo_site.url) for u in requested)
    assert not off_loopback(requested), off_loopback(requested)
