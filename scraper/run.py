"""Running a spider in this process with the project's settings (what `closet crawl` calls)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def feeds_for(output: Path, resumable: bool) -> dict[str, dict[str, Any]]:
    """The FEEDS setting writing outfit records to `output` (JSON lines, appended, when the
    crawl is resumable or the name ends in .jsonl; a JSON list otherwise)."""
    lines = resumable or output.suffix == ".jsonl"
    return {
        str(output): {
            "format": "jsonlines" if lines else "json",
            "encoding": "utf8",
            "item_classes": ["scraper.items.OutfitRecord"],
            "overwrite": not lines,
        }
    }


def run_spider(name: str, overrides: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    """Run one spider with the project settings plus `overrides`; return its final stats."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("scraper.settings", priority="project")
    settings.setdict(overrides, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(name)
    process.crawl(crawler, **args)
    process.start()
    assert crawler.stats is not None
    return dict(crawler.stats.get_stats())
