"""The demo in Korean, in headless Chromium whose browser language is Korean: the page opens
in Korean, the main flow (search → pick → recommendations → real outfits) reads in Korean with
the API's Korean explanations, "My closet" and today's outfit too, and the switch turns the page
to English. (The English flow is test_demo_e2e.py.) With CLOSET_SCREENSHOT_DIR set, the closet
tab in Korean is saved as closet-ko.png, the main tab as demo-ko.png."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from neo4j import Driver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from closet.sample.generate import SAMPLE_PATH
from core.settings import Settings
from graph.ingest.loader import load_files
from tests.support.api_server import serve_api
from tests.support.browser import chromium, needs_chromium
from tests.support.demo_server import run_demo
from tests.support.screenshots import save_page

WAIT = 60

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    with chromium(1280, 1800, lang="ko-KR") as driver:
        yield driver


def shows(browser: WebDriver, css: str, text: str) -> None:
    WebDriverWait(browser, WAIT).until(
        ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text)
    )


def click(browser: WebDriver, element) -> None:  # element: WebElement
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def tiles(browser: WebDriver, gallery: str) -> list:
    return browser.find_elements(By.CSS_SELECTOR, f"#{gallery} button.tile")


def tab(browser: WebDriver, label: str):
    def found(b):
        return next(
            (t for t in b.find_elements(By.CSS_SELECTOR, "button[role=tab]") if label in t.text),
            False,
        )

    return WebDriverWait(browser, WAIT).until(found)


def test_the_main_flow_in_korean_then_english(
    clean_graph: Driver, neo4j_settings: Settings, browser: WebDriver
) -> None:
    load_files(clean_graph, [SAMPLE_PATH], progress=False)
    with serve_api(neo4j_settings) as api_url, run_demo(api_url) as demo_url:
        http = httpx.Client(base_url=api_url, timeout=WAIT)
        owned = http.get("/items/search", params={"category": "top", "limit": 1}).json()
        owned = owned["items"][0]["item"]
        korean = http.get(
            f"/items/{owned['id']}/recommendations", params={"per_category": 6, "lang": "ko"}
        ).json()

        browser.get(demo_url)
        tab(browser, "어울리는 옷 찾기")  # the browser's language, before any click
        shows(browser, "#api-status", "연결됨")
        shows(browser, "#lang-switch", "한국어")
        box = browser.find_element(By.CSS_SELECTOR, "#search-query textarea")
        box.send_keys(owned["name"])
        browser.find_element(By.ID, "search-button").click()
        shows(browser, "#search-message", "검색 결과")
        found = tiles(browser, "search-results")
        names = [t.find_element(By.TAG_NAME, "img").get_attribute("alt") for t in found]
        click(browser, found[next(i for i, n in enumerate(names) if n.startswith(owned["name"]))])
        shows(browser, "#recs-message", "기준 순위")
        first = korean["categories"][0]
        heading = browser.find_element(By.ID, f"recs-heading-{first['category']}").text
        assert first["items"][0]["explanation"] in heading  # the API's Korean explanation
        assert "1순위" in heading
        why = tiles(browser, f"recs-{first['category']}")[0].find_element(
            By.CSS_SELECTOR, ".tile-why"
        )
        assert why.get_attribute("textContent") == first["items"][0]["explanation"]
        click(browser, tiles(browser, f"recs-{first['category']}")[0])
        shows(browser, "#outfits-message", "실제 코디")
        save_page(browser, "demo-ko")

        # My closet in Korean: a new closet, two pieces, today's outfit
        click(browser, tab(browser, "내 옷장"))
        click(browser, browser.find_element(By.ID, "closet-new"))
        shows(browser, "#closet-status", "아이템 0개")
        outfit = http.get("/items/search", params={"q": owned["name"], "limit": 1}).json()
        for query in (owned["name"], "팬츠"):
            field = browser.find_element(By.CSS_SELECTOR, "#closet-search textarea")
            field.clear()
            field.send_keys(query)
            click(browser, browser.find_element(By.ID, "closet-search-button"))
            shows(browser, "#closet-search-message", "검색 결과")
            click(browser, tiles(browser, "closet-search-results")[0])
            shows(browser, "#closet-search-message", "선택:")
            click(browser, browser.find_element(By.ID, "closet-add"))
            shows(browser, "#closet-message", "추가했어요")
        assert outfit["items"]
        shows(browser, "#closet-status", "아이템 2개")
        shows(browser, "#closet-items", "지금 입을 수 있는 코디")  # the grid's count, in Korean
        click(browser, tab(browser, "지금 입기"))
        click(browser, browser.find_element(By.ID, "closet-today-button"))
        WebDriverWait(browser, WAIT).until(
            lambda b: any(
                word in b.find_element(By.ID, "closet-today").text
                for word in ("코디 1 /", "아이템이 없음", "코디가 없음")
            )
        )
        save_page(browser, "closet-ko")

        # the switch: English labels, and English messages from then on
        english = next(
            label
            for label in browser.find_elements(By.CSS_SELECTOR, "#lang-switch label")
            if "English" in label.text
        )
        click(browser, english)
        click(browser, tab(browser, "Find a match"))
        shows(browser, "#api-status", "Connected")
        box = browser.find_element(By.CSS_SELECTOR, "#search-query textarea")
        box.clear()
        box.send_keys(owned["name"])
        browser.find_element(By.ID, "search-button").click()
        shows(browser, "#search-message", "for “")
        assert "My closet" in tab(browser, "My closet").text
