"""The "My closet" tab driven in headless Chromium against the real demo, API and Neo4j:
create a closet, add pieces by search (they appear as tiles grouped by category, the count of
wearable outfits on top), see the wearable outfits, the next piece and what it unlocks,
dismiss a suggestion (it disappears), like and remove owned pieces from their tiles, complete
a look, add a piece from a generated photo (it becomes an owned piece of the photo's colour)
and walk through today's outfits. Each section is a tab of its own."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import Driver

from core.settings import Settings
from tests.support.api_server import serve_api
from tests.support.closet_data import load_closet_graph
from tests.support.demo_server import run_demo
from tests.support.screenshots import save_page

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def page(
    driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[object]:
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        pytest.skip("Debian chromium / chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    load_closet_graph(driver, Path(tmp_path_factory.mktemp("closet-demo")))
    with serve_api(neo4j_settings) as api_url, run_demo(api_url) as demo_url:
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in (
            "--headless=new",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--window-size=1400,3000",
        ):
            options.add_argument(arg)
        browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        try:
            browser.get(demo_url)
            yield browser
        finally:
            browser.quit()


def wait_text(browser, selector: str, text: str, timeout: float = 120) -> str:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(b):
        elements = b.find_elements(By.CSS_SELECTOR, selector)
        content = " ".join(e.text for e in elements)
        return content if text in content else False

    try:
        return WebDriverWait(browser, timeout).until(found)
    except Exception as exc:  # say what the page showed instead
        shown = " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, selector))
        raise AssertionError(
            f"{selector} never showed {text!r}; it shows: {shown[:800]!r}"
        ) from exc


def click(browser, selector: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    element = WebDriverWait(browser, 60).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, selector))
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def click_label(browser, container: str, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def label(b):
        for element in b.find_elements(By.CSS_SELECTOR, f"{container} label"):
            if text in element.text:
                return element
        return False

    element = WebDriverWait(browser, 60).until(label)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def click_tile(browser, gallery: str, name: str) -> None:
    """Click the picture of `name` in a gallery (its caption, the image's alt, starts with it)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def tile(b):
        for button in b.find_elements(By.CSS_SELECTOR, f"{gallery} button.tile"):
            images = button.find_elements(By.TAG_NAME, "img")
            if images and (images[0].get_attribute("alt") or "").startswith(name):
                return button
        return False

    element = WebDriverWait(browser, 60).until(tile)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def add_by_search(browser, words: str, name: str) -> None:
    from selenium.webdriver.common.by import By

    box = browser.find_element(By.CSS_SELECTOR, "#closet-search textarea, #closet-search input")
    box.clear()
    box.send_keys(words)
    click(browser, "#closet-search-button")
    click_tile(browser, "#closet-search-results", name)
    wait_text(browser, "#closet-search-message", f"Picked: {name}")
    click(browser, "#closet-add")
    wait_text(browser, "#closet-items", name)


def upload_photo(browser, path: Path) -> None:
    """Open the photo accordion and give its file input the picture."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    click(browser, "#closet-photo-section > button")
    field = WebDriverWait(browser, 60).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "#closet-photo input[type=file]") or False
    )
    field[0].send_keys(str(path))
    WebDriverWait(browser, 60).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "#closet-photo img") or False
    )


def open_tab(browser, label: str) -> None:
    """Click the tab named `label` (the page's or one of the closet's sections)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(b):
        tabs = b.find_elements(By.CSS_SELECTOR, "button[role=tab]")
        return next((t for t in tabs if t.text.strip() == label), False)

    element = WebDriverWait(browser, 90).until(found)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def wait_content(browser, selector: str, text: str, timeout: float = 120) -> str:
    """Like `wait_text`, on the elements' whole text (hover-only and collapsed parts too)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(b):
        elements = b.find_elements(By.CSS_SELECTOR, selector)
        content = " ".join(e.get_attribute("textContent") or "" for e in elements)
        return content if text in content else False

    return WebDriverWait(browser, timeout).until(found)


def tile_action(browser, grid: str, name: str, action: str) -> None:
    """Press the `action` button (remove, like, dismiss, pick) on the tile named `name`."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def button(b):
        for tile in b.find_elements(By.CSS_SELECTOR, f"{grid} .tile"):
            names = tile.find_elements(By.CSS_SELECTOR, ".tile-name")
            if names and (names[0].get_attribute("textContent") or "").strip() == name:
                found = tile.find_elements(By.CSS_SELECTOR, f'button[data-action="{action}"]')
                return found[0] if found else False
        return False

    element = WebDriverWait(browser, 60).until(button)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def test_closet_tab_end_to_end(page, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser = page
    open_tab(browser, "My closet")
    click(browser, "#closet-new")
    wait_text(browser, "#closet-status", "0 pieces")
    wait_text(browser, "#closet-items", "Your closet is empty")  # says what to do next
    for words, name in (
        ("Navy Oxford", "Navy Oxford Shirt"),
        ("Beige Wide", "Beige Wide Slacks"),
        ("Black Denim", "Black Denim Jeans"),
        ("Black Wool", "Black Wool Coat"),
    ):
        add_by_search(browser, words, name)
    wait_text(browser, "#closet-status", "3 wearable outfits")
    # the closet as a grid: the count on top, the pieces by category, actions on each
    wait_text(browser, "#closet-wearable-count", "You can wear 3 outfits now")
    groups = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "#closet-items h4")]
    assert groups == ["Tops · 1", "Bottoms · 2", "Outerwear · 1"]
    tiles = browser.find_elements(By.CSS_SELECTOR, "#closet-items .tile")
    assert len(tiles) == 4
    for tile in tiles:
        actions = tile.find_elements(By.CSS_SELECTOR, "button[data-action]")
        assert [a.get_attribute("data-action") for a in actions] == ["remove", "like", "dismiss"]
    save_page(browser, "closet-tab")

    open_tab(browser, "Wear now")
    wait_text(browser, "#closet-outfits", "Press “Show my outfits”")  # before asking
    click(browser, "#closet-outfits-button")
    wait_text(browser, "#closet-outfits", "3 wearable outfits")
    assert len(browser.find_elements(By.CSS_SELECTOR, "#closet-outfits .outfit-card")) == 3

    open_tab(browser, "Next piece")
    click(browser, "#closet-next-button")
    wait_text(browser, "#closet-next", "White Crew T-Shirt")
    text = wait_content(browser, "#closet-next", "unlocks 3 new outfits")
    assert "+3 outfits" in text
    tile_action(browser, "#closet-next", "White Crew T-Shirt", "dismiss")
    wait_text(browser, "#closet-next-message", "Dismissed")
    text = wait_text(browser, "#closet-next", "White Pocket T-Shirt")  # the other one shows
    assert "White Crew T-Shirt" not in text
    tile_action(browser, "#closet-next", "White Pocket T-Shirt", "like")
    wait_text(browser, "#closet-next-message", "Liked.")
    liked = '#closet-next button[data-action="like"][aria-pressed="true"]'
    assert len(browser.find_elements(By.CSS_SELECTOR, liked)) == 1

    open_tab(browser, "Complete the look")
    click_label(browser, "#closet-look-items", "Navy Oxford Shirt")
    click_label(browser, "#closet-look-items", "Beige Wide Slacks")
    click_label(browser, "#closet-look-fill", "outer")
    click(browser, "#closet-look-button")
    text = wait_text(browser, "#closet-looks", "Black Wool Coat")
    assert "closet" in text
    assert "navy shirt in 2 outfits" in text

    # a piece of one's own from a photo: generated navy trousers on white
    import numpy as np

    from enrich.synthetic import render

    open_tab(browser, "Add pieces")
    picture = tmp_path / "my-trousers.png"
    render("trousers", "navy", "white", np.random.default_rng(4)).save(picture)
    upload_photo(browser, picture)
    click(browser, "#closet-photo-describe")
    text = wait_text(browser, "#closet-photo-message", "navy")
    assert "bottom" in text
    wait_text(browser, "#closet-status", "4 pieces")  # described, not added
    click(browser, "#closet-photo-add")
    wait_text(browser, "#closet-message", "Added navy pants")
    wait_text(browser, "#closet-items", "navy pants")
    wait_text(browser, "#closet-status", "5 pieces")

    # today's outfit, then another one
    open_tab(browser, "Wear now")
    click(browser, "#closet-today-button")
    first = wait_text(browser, "#closet-today", "outfit 1 of")
    assert "Navy Oxford Shirt" in first
    assert browser.find_elements(By.CSS_SELECTOR, "#closet-today .tile img[alt]")
    click(browser, "#closet-today-another")
    second = wait_text(browser, "#closet-today", "outfit 2 of")
    assert second.splitlines()[0] != first.splitlines()[0]  # another outfit

    # like an owned piece (its tile says so), then remove another from its tile
    tile_action(browser, "#closet-items", "Black Denim Jeans", "like")
    wait_text(browser, "#closet-message", "Liked.")
    wait_text(browser, "#closet-items .tile:has(.tile-mark.liked)", "Black Denim Jeans")
    tile_action(browser, "#closet-items", "Beige Wide Slacks", "remove")
    wait_text(browser, "#closet-status", "4 pieces")
    assert "Beige Wide Slacks" not in browser.find_element(By.ID, "closet-items").text
    tile_action(browser, "#closet-items", "Black Wool Coat", "dismiss")  # gone for good
    wait_text(browser, "#closet-message", "Removed, and not suggested again.")
    wait_text(browser, "#closet-status", "3 pieces")

    # dressing for women: every catalog piece of this closet is worn in men's outfits only (the
    # photographed trousers, in no outfit, may be worn by anyone)
    click_label(browser, "#closet-gender", "women")
    click(browser, "#closet-today-button")
    wait_text(browser, "#closet-today", "no top to wear yet")
    click(browser, "#closet-outfits-button")
    wait_text(browser, "#closet-outfits", "0 wearable outfits")
    wait_text(browser, "#closet-outfits", "No wearable outfit yet")  # and what to do
    click_label(browser, "#closet-gender", "any")
    click(browser, "#closet-outfits-button")
    wait_text(browser, "#closet-outfits", "1 wearable outfit")  # shirt + jeans are left


def test_the_emoji_on_the_buttons_have_a_font() -> None:
    """👍 and 🛍 (Like, Bought it) need a colour emoji font, or Chromium draws empty boxes:
    `make test` and `make demo` install fonts-noto-color-emoji."""
    import subprocess

    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    found = subprocess.run(
        ["fc-list", ":charset=1f44d 1f6cd", "family"], capture_output=True, text=True, check=True
    )
    assert "Emoji" in found.stdout, found.stdout
