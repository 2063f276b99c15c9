"""Crawl speed: Scrapy's concurrent crawl vs the original sequential Selenium crawl, same pages.

1. Serves a generated fixture MUSINSA site (default 1,000 snaps over 1,500 products) on
   127.0.0.1 and crawls it with `closet crawl snaps --no-neo4j` (Scrapy, concurrent, no
   politeness delay against localhost): pages/s.
2. Replays exactly the pages Scrapy fetched, one after the other, in headless Chromium driven by
   Selenium (the original service's method: driver.get, read the DOM, next page): pages/s.
3. Pushes the crawled records through the pipelines (validate -> normalise -> Neo4j in batches,
   then the co-occurrence refresh) into a throwaway Neo4j: records/s and item rows/s; and the
   same crawl with the Neo4j pipeline on.

    python bench/crawl_fixture.py [--snaps 1000] [--goods 1500] [--selenium-limit N]

Neo4j: always a throwaway local server (graph.db.server), never the configured database.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402
from tqdm import tqdm  # noqa: E402

from tests.fixtures.musinsa_site.catalog import generated_catalog  # noqa: E402
from tests.fixtures.musinsa_site.server import FixtureSite  # noqa: E402

console = Console()
SPEED = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "32",
    "LOGSTATS_INTERVAL": "5",
}


def scrapy_crawl(base: str, tmp: Path, neo4j: bool, label: str) -> dict[str, Any]:
    """Run `closet crawl snaps` against the fixture site; return its stats."""
    stats_file, out = tmp / f"stats-{label}.json", tmp / f"snaps-{label}.json"
    cmd = [
        sys.executable,
        "-m",
        "closet",
        "crawl",
        "snaps",
        "--base",
        base,
        "--log-level",
        "WARNING",
        "--stats-file",
        str(stats_file),
        "-O",
        str(out),
    ]
    cmd += [] if neo4j else ["--no-neo4j"]
    for name, value in SPEED.items():
        cmd += ["-s", f"{name}={value}"]
    subprocess.run(cmd, cwd=REPO, check=True, stderr=subprocess.DEVNULL, env=os.environ.copy())
    stats = json.loads(stats_file.read_text())
    stats["_output"] = str(out)
    return stats


def selenium_sequential(base: str, paths: list[str]) -> tuple[int, float]:
    """Load each page in turn in one headless Chromium and read it (as the original did)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        started = time.perf_counter()
        for path in tqdm(paths, desc="selenium", unit="page"):
            driver.get(base + path)
            text = driver.execute_script("return document.documentElement.outerHTML")
            if path.startswith("/api2/"):
                json.loads(driver.execute_script("return document.body.innerText"))
            elif not text:
                raise RuntimeError(f"empty page {path}")
        return len(paths), time.perf_counter() - started
    finally:
        driver.quit()


def pipeline_throughput(records: list[dict[str, Any]], batch: int) -> dict[str, float]:
    """Push outfit records through validate -> normalise -> Neo4j (batched) -> refresh."""
    from scrapy.utils.test import get_crawler

    from scraper.items import OutfitRecord
    from scraper.pipelines import Neo4jPipeline, NormalizePipeline, ValidatePipeline
    from scraper.spiders.snaps import SnapsSpider

    crawler = get_crawler(SnapsSpider, {"CLOSET_NEO4J_BATCH": batch})
    crawler.stats.open_spider()
    stages = [ValidatePipeline(crawler), NormalizePipeline(crawler)]
    sink = Neo4jPipeline(crawler)

    async def run() -> float:
        sink.open_spider()
        started = time.perf_counter()
        for record in records:
            item = OutfitRecord(record)
            for stage in stages:
                item = stage.process_item(item)
            await sink.process_item(item)
        await sink.close_spider()
        return time.perf_counter() - started

    seconds = asyncio.run(run())
    stats = crawler.stats
    return {
        "records": len(records),
        "item_rows": stats.get_value("closet/neo4j/items_written", 0),
        "seconds": seconds,
        "write_s": stats.get_value("closet/neo4j/write_ms", 0) / 1000,
        "refresh_s": stats.get_value("closet/neo4j/refresh_ms", 0) / 1000,
    }


def records_from_catalog(catalog: dict[str, Any]) -> list[dict[str, Any]]:
    """The outfit records a crawl of the catalog yields, built without HTTP (same parsers)."""
    from scraper import musinsa

    site = FixtureSite(catalog)
    where = musinsa.Site.at("http://127.0.0.1:1")
    records = []
    for snap in catalog["snaps"]:
        detail = musinsa.snap_from_detail({"data": site.snap_json(snap)})
        goods = [site.goods_json(g) for g in snap["goods"]]
        items = musinsa.goods_of_snap({"data": {"list": goods}}, where)
        records.append(musinsa.outfit_record(detail, items, where))
    return records


def pipeline_table(runs: list[tuple[str, dict[str, float]]]) -> Table:
    table = Table(title="Neo4j pipeline (validate -> normalise -> UNWIND MERGE batches)")
    for column in (
        "run",
        "outfits",
        "item rows",
        "s",
        "outfits/s",
        "item rows/s",
        "writes s",
        "refresh s",
    ):
        table.add_column(column, justify="right")
    for label, r in runs:
        table.add_row(
            label,
            str(r["records"]),
            str(r["item_rows"]),
            f"{r['seconds']:.1f}",
            f"{r['records'] / r['seconds']:.0f}",
            f"{r['item_rows'] / r['seconds']:.0f}",
            f"{r['write_s']:.1f}",
            f"{r['refresh_s']:.1f}",
        )
    return table


def neo4j_server(tmp: Path) -> Any:
    """A throwaway local Neo4j (never the configured one: the benchmark writes into it)."""
    from graph.db.server import LocalServer, free_port

    server = LocalServer(tmp / "neo4j", free_port(), free_port(), heap="1g", pagecache="256m")
    with console.status("starting a throwaway Neo4j ..."):
        server.start(timeout=240)
    os.environ["NEO4J_URI"] = server.bolt_uri
    os.environ["NEO4J_PASSWORD"] = server.read_password() or ""
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snaps", type=int, default=1000)
    parser.add_argument("--goods", type=int, default=1500)
    parser.add_argument("--selenium-limit", type=int, default=0, help="0: every page")
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--no-neo4j", action="store_true", help="crawl figures only")
    parser.add_argument("--pipeline-only", action="store_true", help="Neo4j pipeline figures only")
    args = parser.parse_args()

    if args.pipeline_only:
        tmp = Path(tempfile.mkdtemp(prefix="closet-crawl-bench-"))
        records = records_from_catalog(generated_catalog(args.snaps, args.goods))
        server = neo4j_server(tmp)
        try:
            first = pipeline_throughput(records, args.batch)
            again = pipeline_throughput(records, args.batch)
            console.print(pipeline_table([("empty graph", first), ("same again", again)]))
        finally:
            server.stop()
        return

    tmp = Path(tempfile.mkdtemp(prefix="closet-crawl-bench-"))
    site = FixtureSite(generated_catalog(args.snaps, args.goods), list_page_size=30).serve()
    server = None
    try:
        console.print(f"fixture site {site.base}: {args.snaps} snaps, {args.goods} products")
        t0 = time.perf_counter()
        stats = scrapy_crawl(site.base, tmp, neo4j=False, label="plain")
        wall = time.perf_counter() - t0
        paths = [p for p in site.served if p != "/robots.txt"]
        pages = int(stats["response_received_count"])
        scrapy_rate = pages / float(stats["elapsed_time_seconds"])
        console.print(
            f"scrapy: {pages} pages in {stats['elapsed_time_seconds']:.1f} s "
            f"(process wall {wall:.1f} s)"
        )

        replay = paths[: args.selenium_limit] if args.selenium_limit else paths
        sel_pages, sel_seconds = selenium_sequential(site.base, replay)
        selenium_rate = sel_pages / sel_seconds

        table = Table(title="crawling the fixture site (same pages)")
        for column in ("method", "pages", "seconds", "pages/s", "ratio"):
            table.add_column(column, justify="right")
        table.add_row(
            "Scrapy, concurrent (32)",
            str(pages),
            f"{stats['elapsed_time_seconds']:.1f}",
            f"{scrapy_rate:.0f}",
            f"{scrapy_rate / selenium_rate:.1f}x",
        )
        table.add_row(
            "Selenium, sequential",
            str(sel_pages),
            f"{sel_seconds:.1f}",
            f"{selenium_rate:.1f}",
            "1.0x",
        )
        console.print(table)

        if args.no_neo4j:
            return
        server = neo4j_server(tmp)
        records = json.loads(Path(stats["_output"]).read_text())
        result = pipeline_throughput(records, args.batch)
        console.print(pipeline_table([("crawled records", result)]))
        site.served.clear()
        site.hits.clear()
        with_db = scrapy_crawl(site.base, tmp, neo4j=True, label="neo4j")
        db_pages = int(with_db["response_received_count"])
        db_rate = db_pages / float(with_db["elapsed_time_seconds"])
        table = Table(title="crawl with the Neo4j pipeline on")
        for column in ("what", "count", "seconds", "per second"):
            table.add_column(column, justify="right")
        table.add_row(
            "crawl with Neo4j on (pages)",
            str(db_pages),
            f"{with_db['elapsed_time_seconds']:.1f}",
            f"{db_rate:.0f}",
        )
        console.print(table)
    finally:
        site.close()
        if server is not None:
            server.stop()


if __name__ == "__main__":
    main()
