"""Render JS pages in headless Chromium, only for the requests that ask for it.

Keeps the `SeleniumRequest` interface of scrapy-selenium 0.0.7 (wait for an element, scroll)
but not its code: that package passes `executable_path` / `chrome_options` to the WebDriver,
which Selenium >= 4.10 no longer accepts, and renders on the reactor thread, which blocks the
whole crawl. Here drivers are created the Selenium 4 way (`Service(driver_path)`,
`options.binary_location`), render in worker threads (`asyncio.to_thread`), at most
SELENIUM_MAX_DRIVERS at a time, and are quit when the spider closes. A page that does not load
or never shows what we wait for becomes an ignored request, counted in `selenium/timeout`.
Nothing here downloads a browser or a driver: the Debian `chromium` and `chromium-driver`
packages provide both.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

logger = logging.getLogger(__name__)

META_KEY = "selenium"


class SeleniumRequest(Request):
    """A request rendered by a browser: wait for `wait_for` (CSS), then scroll up to `scroll` times.

    The rendering options are plain data in `meta["selenium"]`, so the request pickles into a
    JOBDIR queue like any other (no driver, no callable in meta).
    """

    def __init__(
        self,
        url: str,
        *args: Any,
        wait_for: str | None = None,
        wait_time: float | None = None,
        scroll: int = 0,
        **kwargs: Any,
    ) -> None:
        meta = dict(kwargs.pop("meta", None) or {})
        if META_KEY not in meta or wait_for is not None or scroll or wait_time is not None:
            meta[META_KEY] = {"wait_for": wait_for, "wait_time": wait_time, "scroll": int(scroll)}
        super().__init__(url, *args, meta=meta, **kwargs)


class SeleniumMiddleware:
    """Downloader middleware rendering `SeleniumRequest`s off the reactor thread."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.driver_path: str = settings.get("SELENIUM_DRIVER_PATH", "/usr/bin/chromedriver")
        self.browser_binary: str = settings.get("SELENIUM_BROWSER_BINARY", "/usr/bin/chromium")
        self.arguments: list[str] = list(settings.getlist("SELENIUM_ARGUMENTS"))
        self.max_drivers: int = max(1, settings.getint("SELENIUM_MAX_DRIVERS", 2))
        self.page_load_timeout: float = settings.getfloat("SELENIUM_PAGE_LOAD_TIMEOUT", 30)
        self.wait_timeout: float = settings.getfloat("SELENIUM_WAIT_TIMEOUT", 10)
        self.scroll_pause: float = settings.getfloat("SELENIUM_SCROLL_PAUSE", 1.0)
        self.user_agent: str | None = settings.get("USER_AGENT")
        self._idle: list[webdriver.Chrome] = []
        self._all: list[webdriver.Chrome] = []
        self._slots: asyncio.Semaphore | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SeleniumMiddleware:
        if not crawler.settings.getbool("SELENIUM_ENABLED", True):
            raise NotConfigured
        return cls(crawler)

    # -- drivers -----------------------------------------------------------------------------
    def _new_driver(self) -> webdriver.Chrome:
        options = webdriver.ChromeOptions()
        options.binary_location = self.browser_binary
        for argument in self.arguments:
            options.add_argument(argument)
        if self.user_agent:
            options.add_argument(f"--user-agent={self.user_agent}")
        driver = webdriver.Chrome(service=Service(self.driver_path), options=options)
        driver.set_page_load_timeout(self.page_load_timeout)
        return driver

    async def _acquire(self) -> webdriver.Chrome:
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_drivers)
        await self._slots.acquire()
        if self._idle:
            return self._idle.pop()
        try:
            driver = await asyncio.to_thread(self._new_driver)
        except Exception:
            self._slots.release()
            raise
        self._all.append(driver)
        self.stats.inc_value("selenium/drivers_started")
        return driver

    def _release(self, driver: webdriver.Chrome, broken: bool = False) -> None:
        if broken:
            self._all.remove(driver)
            self._quit(driver)
        else:
            self._idle.append(driver)
        assert self._slots is not None
        self._slots.release()

    @staticmethod
    def _quit(driver: webdriver.Chrome) -> None:
        try:
            driver.quit()
        except Exception:  # a dead driver is already gone
            logger.debug("driver quit failed", exc_info=True)

    # -- rendering ---------------------------------------------------------------------------
    def _render(
        self, driver: webdriver.Chrome, url: str, options: dict[str, Any]
    ) -> tuple[str, str]:
        """Load, wait, scroll; return (final URL, page source). Runs in a worker thread."""
        driver.get(url)
        wait_for = options.get("wait_for")
        if wait_for:
            WebDriverWait(driver, options.get("wait_time") or self.wait_timeout).until(
                expected_conditions.presence_of_element_located((By.CSS_SELECTOR, wait_for))
            )
        for _ in range(int(options.get("scroll") or 0)):
            if not self._scroll_once(driver):
                break
        return driver.current_url, driver.page_source

    def _scroll_once(self, driver: webdriver.Chrome) -> bool:
        """Scroll to the bottom; True when the page grew (more content loaded) in time."""
        height = driver.execute_script("return document.body.scrollHeight")
        driver.execute_script("window.scrollTo(0, document.body.scrollHeight);")
        deadline = time.monotonic() + self.scroll_pause
        while time.monotonic() < deadline:
            time.sleep(0.05)
            if driver.execute_script("return document.body.scrollHeight") > height:
                return True
        return False

    async def process_request(self, request: Request) -> HtmlResponse | None:
        options = request.meta.get(META_KEY)
        if options is None:
            return None
        driver = await self._acquire()
        broken = False
        started = time.perf_counter()
        try:
            url, html = await asyncio.to_thread(self._render, driver, request.url, options)
        except TimeoutException:
            self.stats.inc_value("selenium/timeout")
            raise IgnoreRequest(f"Selenium timed out rendering {request.url}") from None
        except WebDriverException as exc:
            broken = True
            self.stats.inc_value("selenium/error")
            message = (exc.msg or type(exc).__name__).splitlines()[0]
            raise IgnoreRequest(f"Selenium failed on {request.url}: {message}") from None
        finally:
            self._release(driver, broken)
        self.stats.inc_value("selenium/rendered")
        self.stats.inc_value("selenium/render_ms", int((time.perf_counter() - started) * 1000))
        return HtmlResponse(url=url, body=html, encoding="utf-8", request=request)

    async def spider_closed(self) -> None:
        """Quit every driver (in a thread: quitting waits for the browser to exit)."""
        drivers, self._all, self._idle = self._all, [], []
        for driver in drivers:
            await asyncio.to_thread(self._quit, driver)
        if drivers:
            self.stats.set_value("selenium/drivers_quit", len(drivers))
