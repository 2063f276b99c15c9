"""The demo checked for accessibility in headless Chromium: axe-core on both tabs (after a
search, a pick and its outfits; a closet with pieces, its outfits and next pieces) finds no
serious or critical violation, every picture's alt text names its piece, and the main flow
(search → pick yours → pick a recommendation → its outfits) works with the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from neo4j import Driver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from closet.sample.generate import SAMPLE_PATH
from core.settings import Settings
from graph.db.schema import apply_schema
from graph.ingest.loader import load_files
from tests.support.api_server import serve_api
from tests.support.axe import blocking_violations, describe
from tests.support.browser import chromium, needs_chromium
from tests.support.demo_server import run_demo
from tests.support.neo4j import wipe

WAIT = 60
MAX_TABS = 80  # Tab presses allowed to reach the next control

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture(scope="module")
def demo_url(driver: Driver, neo4j_settings: Settings) -> Iterator[str]:
    wipe(driver)
    apply_schema(driver)
    load_files(driver, [SAMPLE_PATH], progress=False)
    with serve_api(neo4j_settings) as api_url, run_demo(api_url, offline=True) as url:
        yield url


def shows(browser: WebDriver, element_id: str, text: str) -> None:
    WebDriverWait(browser, WAIT).until(ec.text_to_be_present_in_element((By.ID, element_id), text))


def click(browser: WebDriver, element) -> None:  # element: WebElement
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def tab(browser: WebDriver, label: str):
    def found(b):
        tabs = b.find_elements(By.CSS_SELECTOR, "button[role=tab]")
        return next((t for t in tabs if t.text.strip() == label), False)

    return WebDriverWait(browser, WAIT).until(found)


def open_demo(browser: WebDriver, url: str) -> None:
    """Load the page and wait for the API banner and the most worn pieces."""
    browser.get(url)
    shows(browser, "api-status", "Connected")
    WebDriverWait(browser, WAIT).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "#search-results button.tile")
    )


def assert_accessible(browser: WebDriver, where: str) -> None:
    violations = blocking_violations(browser)
    assert not violations, f"axe on {where}:\n{describe(violations)}"


def assert_pictures_name_their_pieces(browser: WebDriver) -> int:
    """Every tile's and card's picture has an alt text that starts with the piece's name."""
    pairs = browser.execute_script(
        """
        return [...document.querySelectorAll('.tile, .item-card')].map((box) => {
          const name = box.querySelector('.tile-name, .card-name');
          const img = box.querySelector('img');
          return [name ? name.textContent.trim() : null, img ? img.getAttribute('alt') : null];
        });
        """
    )
    assert pairs
    unnamed = [(name, alt) for name, alt in pairs if not name or not (alt or "").startswith(name)]
    assert not unnamed, unnamed
    return len(pairs)


def test_both_tabs_have_no_serious_violations_and_pictures_name_their_pieces(
    demo_url: str,
) -> None:
    with chromium(1280, 1600) as browser:
        open_demo(browser, demo_url)
        assert_accessible(browser, "the main tab, on load")
        click(browser, browser.find_element(By.CSS_SELECTOR, "#search-results button.tile"))
        shows(browser, "recs-message", "ranked by")
        first = WebDriverWait(browser, WAIT).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, "[id^=recs-] button.tile")
        )
        click(browser, first[0])
        WebDriverWait(browser, WAIT).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, "#outfits .outfit-card")
        )
        assert assert_pictures_name_their_pieces(browser) > 20
        assert_accessible(browser, "the main tab with recommendations and outfits")

        click(browser, tab(browser, "My closet"))
        click(browser, browser.find_element(By.ID, "closet-new"))
        shows(browser, "closet-status", "0 pieces")
        assert_accessible(browser, "an empty closet")
        for words in ("셔츠", "팬츠"):
            field = browser.find_element(By.CSS_SELECTOR, "#closet-search textarea")
            field.clear()
            field.send_keys(words)
            click(browser, browser.find_element(By.ID, "closet-search-button"))
            hit = WebDriverWait(browser, WAIT).until(
                lambda b: b.find_elements(By.CSS_SELECTOR, "#closet-search-results button.tile")
            )
            click(browser, hit[0])
            shows(browser, "closet-search-message", "Picked:")
            click(browser, browser.find_element(By.ID, "closet-add"))
            shows(browser, "closet-message", "Added.")
        shows(browser, "closet-status", "2 pieces")
        assert_accessible(browser, "a closet of two pieces, adding more")
        click(browser, tab(browser, "Wear now"))
        click(browser, browser.find_element(By.ID, "closet-outfits-button"))
        shows(browser, "closet-outfits", "wearable outfit")
        click(browser, tab(browser, "Next piece"))
        click(browser, browser.find_element(By.ID, "closet-next-button"))
        WebDriverWait(browser, WAIT).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, "#closet-next .tile")
        )
        assert assert_pictures_name_their_pieces(browser) > 2
        assert_accessible(browser, "the closet's next pieces")


def press_tab_until(browser: WebDriver, css: str) -> object:
    """Press Tab until the focused element matches `css`; returns it."""
    for _ in range(MAX_TABS):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused = browser.switch_to.active_element
        if browser.execute_script("return arguments[0].matches(arguments[1])", focused, css):
            return focused
    raise AssertionError(f"{MAX_TABS} Tab presses never reached {css}")


def test_the_main_flow_by_keyboard_alone(demo_url: str) -> None:
    with chromium(1280, 1600) as browser:
        open_demo(browser, demo_url)
        press_tab_until(browser, "#search-query textarea, #search-query input")
        ActionChains(browser).send_keys("셔츠", Keys.ENTER).perform()
        shows(browser, "search-message", "matches for “셔츠”")

        tile = press_tab_until(browser, "#search-results button.tile")
        name = tile.find_element(By.CSS_SELECTOR, ".tile-name").get_attribute("textContent")
        why = tile.find_element(By.CSS_SELECTOR, ".tile-why")
        assert why.value_of_css_property("visibility") == "visible"  # focus shows why
        ActionChains(browser).send_keys(Keys.ENTER).perform()
        shows(browser, "owned-card", name.strip())
        shows(browser, "recs-message", "ranked by")
        WebDriverWait(browser, WAIT).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, "[id^=recs-] button.tile")
        )

        rec = press_tab_until(browser, "[id^=recs-] button.tile")
        picked = rec.get_attribute("data-item-id")
        ActionChains(browser).send_keys(Keys.SPACE).perform()
        WebDriverWait(browser, WAIT).until(
            lambda b: (
                f'data-item-id="{picked}"'
                in (b.find_element(By.ID, "picked-card").get_attribute("innerHTML") or "")
            )
        )
        assert rec.get_attribute("aria-pressed") == "true"
        shows(browser, "outfits-message", "outfit")
