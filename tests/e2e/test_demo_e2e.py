"""End to end in a real browser: Neo4j (throwaway) loaded with the bundled sample, the API under
uvicorn on 127.0.0.1, the Gradio demo pointed at it, driven by headless Debian Chromium.

Search → pick the piece you own → recommendations per category → pick one → real outfits →
other brands only → for women, with the demo offline (placeholders only, nothing requested
off 127.0.0.1). What the page shows is checked against what the API answers for the same
requests. The product photos online are test_demo_photos.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from neo4j import Driver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from typer.testing import CliRunner

from closet.cli import app
from closet.sample.generate import SAMPLE_PATH
from core.settings import Settings
from graph.db.server import free_port
from graph.ingest.loader import load_files
from tests.support.api_server import serve_api
from tests.support.browser import chromium, needs_chromium, off_loopback, requested_urls
from tests.support.demo_server import run_demo
from tests.support.screenshots import save_page

WAIT = 60

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium(1280, 1600) as driver:
        yield driver


def _wait(browser: WebDriver) -> WebDriverWait:
    return WebDriverWait(browser, WAIT)


def _text_of(browser: WebDriver, css: str) -> str:
    return browser.find_element(By.CSS_SELECTOR, css).text


def _click(browser: WebDriver, element) -> None:  # element: WebElement
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _thumbnails(browser: WebDriver, gallery_id: str) -> list:
    return browser.find_elements(By.CSS_SELECTOR, f"#{gallery_id} button.tile")


def _content(element) -> str:  # element: WebElement; its text, hidden parts included
    return element.get_attribute("textContent") or ""


def _shows(browser: WebDriver, gallery: str, count: int, item_id: str) -> bool:
    """True once the gallery holds `count` tiles and its first is `item_id` (clicking it shows
    the picked piece); False while the gallery is still being re-rendered."""
    try:
        tiles = _thumbnails(browser, gallery)
        if len(tiles) != count:
            return False
        _click(browser, tiles[0])
        card = browser.find_element(By.ID, "picked-card").get_attribute("innerHTML") or ""
    except StaleElementReferenceException:
        return False
    return f'data-item-id="{item_id}"' in card


def _owned_and_expected(http: httpx.Client) -> tuple[dict, dict]:
    """The piece "you own" (the most worn top of the sample) and what the API recommends for
    it, six per category."""
    owned = http.get("/items/search", params={"category": "top", "limit": 1}).json()
    owned = owned["items"][0]["item"]
    expected = http.get(f"/items/{owned['id']}/recommendations", params={"per_category": 6})
    return owned, expected.json()


def _pick_owned(browser: WebDriver, owned: dict) -> str:
    """Search the owned piece by name and pick it; wait for its recommendations. Returns the
    picture URL of its search tile."""
    wait = _wait(browser)
    box = browser.find_element(By.CSS_SELECTOR, "#search-query textarea")
    box.clear()
    box.send_keys(owned["name"])
    browser.find_element(By.ID, "search-button").click()
    wait.until(ec.text_to_be_present_in_element((By.ID, "search-message"), " for “"))
    thumbnails = _thumbnails(browser, "search-results")
    captions = [t.find_element(By.TAG_NAME, "img").get_attribute("alt") for t in thumbnails]
    index = next(i for i, c in enumerate(captions) if c.startswith(owned["name"]))
    source = thumbnails[index].find_element(By.TAG_NAME, "img").get_attribute("src")
    _click(browser, thumbnails[index])
    owned_card = f'#owned-card [data-item-id="{owned["id"]}"]'
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, owned_card)))
    wait.until(ec.text_to_be_present_in_element((By.ID, "recs-message"), "ranked by"))
    return source


def test_search_pick_recommend_and_see_outfits(
    clean_graph: Driver, neo4j_settings: Settings, browser: WebDriver
) -> None:
    report = load_files(clean_graph, [SAMPLE_PATH], progress=False)
    assert report.outfits > 0
    assert not report.rejected

    with serve_api(neo4j_settings) as api_url, run_demo(api_url, offline=True) as demo_url:
        http = httpx.Client(base_url=api_url, timeout=WAIT)
        owned, expected = _owned_and_expected(http)
        expected_counts = {g["category"]: len(g["items"]) for g in expected["categories"]}
        assert len(expected_counts) == 5

        browser.get(demo_url)
        wait = _wait(browser)
        wait.until(ec.text_to_be_present_in_element((By.ID, "api-status"), "Connected"))
        wait.until(lambda b: _thumbnails(b, "search-results"))  # the most worn pieces

        source = _pick_owned(browser, owned)
        # offline: the pictures are the placeholders drawn by the demo, never the photo URLs
        assert source.startswith("data:image/png;base64,")
        assert owned["image_url"]
        shown = {}
        for category in ("top", "bottom", "outer", "shoes", "bag", "hat"):
            wait.until(
                lambda b, c=category: c not in expected_counts or _thumbnails(b, f"recs-{c}")
            )
            shown[category] = len(_thumbnails(browser, f"recs-{category}"))
        assert {c: n for c, n in shown.items() if n} == expected_counts
        own_block = browser.find_elements(By.ID, "recs-block-top")  # own category: not shown
        assert not [e for e in own_block if e.is_displayed()]
        first = expected["categories"][0]
        heading = _text_of(browser, f"#recs-heading-{first['category']}")
        assert first["items"][0]["explanation"] in heading
        tile = _thumbnails(browser, f"recs-{first['category']}")[0]
        top = first["items"][0]
        caption = tile.text  # name, brand and price; the rule model gives no percentage
        assert top["item"]["name"][:12] in caption
        assert f"₩{top['item']['price']:,}" in caption
        assert not tile.find_elements(By.CSS_SELECTOR, ".tile-badge")
        assert _content(tile.find_element(By.CSS_SELECTOR, ".tile-why")) == top["explanation"]
        save_page(browser, "demo-recommendations")

        picked = first["items"][0]["item"]
        _click(browser, _thumbnails(browser, f"recs-{first['category']}")[0])
        wait.until(
            ec.presence_of_element_located((By.CSS_SELECTOR, "#outfits .outfit-grid .outfit-card"))
        )
        answer = http.get("/outfits", params={"owned": owned["id"], "picked": picked["id"]}).json()
        grid = browser.find_element(By.CSS_SELECTOR, "#outfits .outfit-grid")
        assert grid.get_attribute("data-match") == answer["match"] != "none"
        cards = grid.find_elements(By.CSS_SELECTOR, ".outfit-card")
        assert [c.get_attribute("data-outfit-id") for c in cards] == [
            o["id"] for o in answer["outfits"]
        ]
        message = _text_of(browser, "#outfits-message")
        if answer["match"] == "items":
            assert "both pieces" in message
            assert "real outfit" in message
            for card in cards:
                ids = {
                    t.get_attribute("data-item-id")
                    for t in card.find_elements(By.CSS_SELECTOR, ".tile")
                }
                assert {owned["id"], picked["id"]} <= ids
        else:
            assert "the same kinds and colours" in message
        assert f'data-item-id="{picked["id"]}"' in browser.find_element(
            By.ID, "picked-card"
        ).get_attribute("innerHTML")
        save_page(browser, "demo-outfits")
        links = grid.find_elements(By.CSS_SELECTOR, ".tile a[href]")
        assert links
        assert all(a.get_attribute("target") == "_blank" for a in links)

        # "mix brands": only pieces of other brands than the owned one, as the API ranks them
        mixed = http.get(
            f"/items/{owned['id']}/recommendations",
            params={"per_category": 6, "brands": "other"},
        ).json()
        assert mixed["categories"]
        assert all(
            r["item"]["brand"] != owned["brand"] for g in mixed["categories"] for r in g["items"]
        )
        before = {g["category"]: g["items"][0]["item"]["id"] for g in expected["categories"]}
        after = {g["category"]: g["items"][0]["item"]["id"] for g in mixed["categories"]}
        assert before != after  # the toggle has something to show
        _click(browser, browser.find_element(By.CSS_SELECTOR, "#mix-brands input"))
        for group in mixed["categories"]:
            wanted = group["items"][0]["item"]["id"]
            gallery = f"recs-{group['category']}"
            count = len(group["items"])
            wait.until(lambda b, g=gallery, w=wanted, n=count: _shows(b, g, n, w))

        # dressing for women: the pieces shown are the API's answer for gender=women
        fitted = http.get(
            f"/items/{owned['id']}/recommendations",
            params={"per_category": 6, "brands": "other", "gender": "women"},
        ).json()
        assert fitted["categories"]
        assert all(
            r["item"]["worn_by"] in ("women", "unisex", None)
            for g in fitted["categories"]
            for r in g["items"]
        )
        women = next(
            label
            for label in browser.find_elements(By.CSS_SELECTOR, "#match-gender label")
            if label.text == "women"
        )
        _click(browser, women)
        for group in fitted["categories"]:
            wanted = group["items"][0]["item"]["id"]
            gallery = f"recs-{group['category']}"
            count = len(group["items"])
            wait.until(lambda b, g=gallery, w=wanted, n=count: _shows(b, g, n, w))

        # offline: the page requested nothing but the demo itself (and data: pictures)
        requested = requested_urls(browser)
        assert any(u.startswith(demo_url) for u in requested)
        assert not off_loopback(requested)
        photos = {g["items"][0]["item"]["image_url"] for g in fitted["categories"]}
        assert not photos & set(requested)
        pictures = browser.find_elements(By.CSS_SELECTOR, ".tile img")
        assert pictures
        assert {p.get_attribute("data-photo") for p in pictures} == {"placeholder"}


def test_demo_says_clearly_when_the_api_is_down(browser: WebDriver) -> None:
    dead_api = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with run_demo(dead_api) as demo_url:
        browser.get(demo_url)
        wait = _wait(browser)
        wait.until(ec.text_to_be_present_in_element((By.ID, "api-status"), "not reachable"))
        assert dead_api in _text_of(browser, "#api-status")
        assert "closet serve" in _text_of(browser, "#api-status")
        wait.until(ec.text_to_be_present_in_element((By.ID, "search-message"), "not reachable"))
        assert not _thumbnails(browser, "search-results")
        save_page(browser, "demo-api-down")


def test_after_training_the_demo_serves_the_measured_best_model_with_chances(
    clean_graph: Driver, neo4j_settings: Settings, browser: WebDriver
) -> None:
    """What `make demo` gives a newcomer: the sample, `closet train`, then the demo."""
    load_files(clean_graph, [SAMPLE_PATH], progress=False)
    trained = CliRunner().invoke(app, ["train"])
    assert trained.exit_code == 0, trained.output
    best = json.loads(trained.stdout[trained.stdout.index("{") :])["ranker"]["best"]

    with serve_api(neo4j_settings) as api_url, run_demo(api_url) as demo_url:
        http = httpx.Client(base_url=api_url, timeout=WAIT)
        owned, expected = _owned_and_expected(http)
        assert expected["model"] == best

        browser.get(demo_url)
        wait = _wait(browser)
        wait.until(ec.text_to_be_present_in_element((By.ID, "api-status"), "Connected"))
        wait.until(lambda b: _thumbnails(b, "search-results"))
        _pick_owned(browser, owned)
        label = {"ranker": "learned ranker", "lightgcn": "LightGCN model"}[best]
        assert label in _text_of(browser, "#recs-message")
        first = expected["categories"][0]
        chance = round(100 * first["items"][0]["probability"])
        wait.until(lambda b: _thumbnails(b, f"recs-{first['category']}"))
        tile = _thumbnails(browser, f"recs-{first['category']}")[0]
        badge = tile.find_element(By.CSS_SELECTOR, ".tile-badge")
        assert badge.text.startswith(f"{chance}%")
        assert badge.get_attribute("title") == f"{chance}% goes with yours"
        save_page(browser, "demo-trained")
