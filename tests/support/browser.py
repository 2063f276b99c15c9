"""Debian's headless Chromium for the browser tests: the mark that skips them without it, and
a driver in a given window size and browser language."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PAGE_LOAD_SECONDS = 60

needs_chromium = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian chromium and chromium-driver (make system-deps)",
)


@contextmanager
def chromium(width: int = 1280, height: int = 1600, lang: str | None = None) -> Iterator[Any]:
    """A headless Chromium WebDriver; `lang` (e.g. "ko-KR") sets the browser's language. Its
    network requests are logged (`requested_urls`)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.add_argument(f"--window-size={width},{height}")
    if lang:
        options.add_argument(f"--lang={lang}")
        primary = lang.split("-")[0]
        options.add_experimental_option("prefs", {"intl.accept_languages": f"{lang},{primary}"})
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(PAGE_LOAD_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()


def requested_urls(driver: Any) -> list[str]:
    """The URLs the page requested since the last call (from Chromium's performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def off_loopback(urls: list[str]) -> list[str]:
    """The URLs among `urls` that would leave 127.0.0.1 (data: and blob: URLs never do)."""
    return [
        u
        for u in urls
        if not u.startswith(("data:", "blob:")) and urlsplit(u).hostname != "127.0.0.1"
    ]
