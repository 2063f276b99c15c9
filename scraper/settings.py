"""Scrapy settings of the closet crawler: polite by default, resumable, rendering only on demand.

Politeness: robots.txt is obeyed (and a disallow stops the crawl with a clear message), the user
agent says who we are, AutoThrottle adapts the rate to the server, concurrency per domain is
small. Override per run with `closet crawl ... --set NAME=VALUE` or `scrapy crawl -s NAME=VALUE`.
"""

from __future__ import annotations

import os

BOT_NAME = "closet"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

# -- who we are and what we may fetch -------------------------------------------------------
USER_AGENT = os.environ.get(
    "CLOSET_CRAWL_USER_AGENT",
    "closet-scraper/0.1 (outfit-graph research crawler; Scrapy; obeys robots.txt)",
)
ROBOTSTXT_OBEY = True

# -- where MUSINSA is (scraper.musinsa.Site); MUSINSA_BASE points every host at one site -------
MUSINSA_BASE = os.environ.get("CLOSET_MUSINSA_BASE", "")

# -- rate and concurrency -------------------------------------------------------------------
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_ENABLED = True

# -- development cache (off by default; `closet crawl --httpcache`) --------------------------
HTTPCACHE_ENABLED = os.environ.get("CLOSET_HTTPCACHE", "") == "1"
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 24 * 3600
HTTPCACHE_IGNORE_HTTP_CODES = [500, 502, 503, 504, 408, 429]

# -- resumption: JOBDIR is set per run (--jobdir); requests must stay picklable ----------------
SCHEDULER_DEBUG = True  # logs (and counts) a request that cannot go to the disk queue
DEPTH_PRIORITY = 0  # the spiders set priority = -relation depth themselves (breadth first)

# -- middlewares, pipelines, extensions -----------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scraper.middlewares.robots.RobotsTxtGuard": 100,
    "scraper.middlewares.selenium.SeleniumMiddleware": 800,
}
ITEM_PIPELINES = {
    "scraper.pipelines.ValidatePipeline": 100,
    "scraper.pipelines.NormalizePipeline": 200,
    "scraper.pipelines.Neo4jPipeline": 300,
}
EXTENSIONS = {
    "scraper.extensions.StatsFile": 500,
    "scraper.extensions.Progress": 500,
}

# -- Selenium (JS-rendered pages only; Debian chromium + chromedriver, never downloaded) --------
SELENIUM_DRIVER_PATH = "/usr/bin/chromedriver"
SELENIUM_BROWSER_BINARY = "/usr/bin/chromium"
SELENIUM_ARGUMENTS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--window-size=1280,1600",
]
SELENIUM_MAX_DRIVERS = 2
SELENIUM_PAGE_LOAD_TIMEOUT = 30
SELENIUM_WAIT_TIMEOUT = 10
SELENIUM_SCROLL_PAUSE = 1.0  # how long to wait for an infinite-scroll page to grow
SELENIUM_MAX_SCROLLS = 20

# -- Neo4j pipeline -------------------------------------------------------------------------
CLOSET_NEO4J = os.environ.get("CLOSET_NEO4J", "1") != "0"
CLOSET_NEO4J_BATCH = 200  # outfits per write transaction (items of a product crawl: 4x)
CLOSET_STATS_FILE = os.environ.get("CLOSET_STATS_FILE", "")
CLOSET_PROGRESS = False  # `closet crawl` turns it on when stderr is a terminal

# -- crawl shape ----------------------------------------------------------------------------
CLOSET_LIST_PAGE_SIZE = 30
CLOSET_BY_GOODS_PAGE_SIZE = 30

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
LOGSTATS_INTERVAL = 30.0
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
LOG_FORMATTER = "scraper.logformatter.ConciseLogFormatter"
