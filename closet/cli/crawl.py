"""`closet crawl snaps|goods`: run a spider in this process, then print what it did.

Exit codes: 0 finished; 1 failed (Neo4j or Redis unreachable, bad arguments, a crawl error);
3 robots.txt forbids the site; 130 interrupted (resume with the same --jobdir, or rejoin the
shared crawl with the same --redis).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from closet.cli.output import console, fail
from core.errors import DatabaseUnavailable
from graph.db.connection import connect
from scraper.distributed.settings import DEFAULT_PREFIX

SPIDERS = ("snaps", "goods")
EXIT_ROBOTS = 3
EXIT_INTERRUPTED = 130


def crawl(
    spider: Annotated[str, typer.Argument(help="snaps (outfits from the snap list) or goods.")],
    max_outfits: Annotated[
        int | None, typer.Option("--max-outfits", help="Stop scheduling new outfits after N.")
    ] = None,
    depth: Annotated[
        int, typer.Option(help="Relation depth: product hops from the seed outfits.")
    ] = 2,
    jobdir: Annotated[
        Path | None, typer.Option(help="Persist the crawl here; rerun to resume it.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-O", help="Also write the outfits as snap JSON (closet load)."),
    ] = None,
    seed: Annotated[
        str, typer.Option(help="snaps: seeds from the list 'api' or the rendered 'browser' page.")
    ] = "api",
    goods: Annotated[str, typer.Option(help="goods: start from these product ids (a,b,c).")] = "",
    categories: Annotated[
        str, typer.Option(help="goods: category codes of the goods lists (default: all big).")
    ] = "",
    base: Annotated[
        str | None, typer.Option(help="Serve every MUSINSA host from this base URL (a mirror).")
    ] = None,
    ignore_robots: Annotated[
        bool, typer.Option(help="Do not obey robots.txt - only with the site owner's permission.")
    ] = False,
    httpcache: Annotated[bool, typer.Option(help="Cache responses (development).")] = False,
    neo4j: Annotated[bool, typer.Option(help="Write to Neo4j (--no-neo4j: file only).")] = True,
    stats_file: Annotated[Path | None, typer.Option(help="Write the crawl stats as JSON.")] = None,
    setting: Annotated[
        list[str] | None, typer.Option("--set", "-s", help="A Scrapy setting NAME=VALUE.")
    ] = None,
    log_level: Annotated[str, typer.Option(help="Scrapy log level.")] = "INFO",
    redis: Annotated[
        str | None,
        typer.Option(
            help="Share the crawl through this Redis (redis://host:port/db) with any number of "
            "crawler processes: one frontier, duplicate filter and item queue (scrapy-redis)."
        ),
    ] = None,
    redis_key: Annotated[
        str, typer.Option(help="The shared crawl's key prefix in Redis.")
    ] = DEFAULT_PREFIX,
    redis_reset: Annotated[
        bool, typer.Option(help="Forget the shared crawl's state first (no worker may be up).")
    ] = False,
) -> None:
    """Crawl MUSINSA outfits and products straight into Neo4j (relation-depth crawling)."""
    if spider not in SPIDERS:
        raise fail(f"unknown spider {spider!r}: choose one of {', '.join(SPIDERS)}")
    if depth < 0:
        raise fail("--depth must be 0 or more")
    if max_outfits is not None and max_outfits < 1:
        raise fail("--max-outfits must be 1 or more")
    if seed not in ("api", "browser"):
        raise fail("--seed must be 'api' or 'browser'")
    overrides: dict[str, Any] = {
        "LOG_LEVEL": log_level.upper(),
        "CLOSET_NEO4J": neo4j,
        "CLOSET_PROGRESS": sys.stderr.isatty(),
        **_settings_given(setting or []),
    }
    optional = {
        "MUSINSA_BASE": base or None,
        "ROBOTSTXT_OBEY": False if ignore_robots else None,
        "HTTPCACHE_ENABLED": True if httpcache else None,
        "JOBDIR": str(jobdir) if jobdir else None,
        "CLOSET_STATS_FILE": str(stats_file) if stats_file else None,
    }
    overrides.update({k: v for k, v in optional.items() if v is not None})
    if output:
        from scraper.run import feeds_for

        overrides["FEEDS"] = feeds_for(output, resumable=jobdir is not None)
    if redis:
        overrides.update(shared_crawl(redis, redis_key, spider, redis_reset, jobdir))
        overrides.update(_settings_given(setting or []))  # -s NAME=VALUE wins
    elif redis_reset:
        raise fail("--redis-reset needs --redis URL")
    if neo4j:
        check_neo4j()
    args: dict[str, Any] = {"depth": depth, "max_outfits": max_outfits}
    if spider == "snaps":
        args["seed"] = seed
    else:
        args["goods"] = goods
        if categories:
            args["categories"] = categories
    from scraper.run import run_spider  # Scrapy and Twisted: imported only to crawl

    stats = run_spider(spider, overrides, args)
    print_summary(stats)
    _exit_for(stats, jobdir)


def _settings_given(items: list[str]) -> dict[str, str]:
    """The `--set NAME=VALUE` options as Scrapy settings (exit 1 on a malformed one)."""
    given = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise fail(f"--set expects NAME=VALUE, got {item!r}")
        given[name.strip()] = value
    return given


def _exit_for(stats: dict[str, Any], jobdir: Path | None) -> None:
    """Exit non-zero, saying why, unless the crawl finished (robots 3, interrupted 130)."""
    reason = stats.get("finish_reason")
    if reason == "robotstxt_forbidden":
        raise fail(
            f"robots.txt forbids {stats.get('closet/robots_forbidden_url')} for this crawler; "
            "nothing was crawled. Crawling a site needs its owner's permission (see README).",
            EXIT_ROBOTS,
        )
    if reason == "shutdown":
        hint = f" - rerun with --jobdir {jobdir} to resume" if jobdir else ""
        raise fail(f"crawl interrupted{hint}", EXIT_INTERRUPTED)
    if reason != "finished":
        raise fail(f"crawl ended early: {reason}")


def shared_crawl(
    url: str, prefix: str, spider: str, reset: bool, jobdir: Path | None
) -> dict[str, Any]:
    """The settings of one worker of a shared crawl; exit 1, saying why, when Redis cannot be
    reached or the options do not go together."""
    from scraper.distributed.frontier import prefix_for
    from scraper.distributed.settings import check_prefix, crawl_keys, redis_settings

    if jobdir is not None:
        raise fail(
            "--jobdir and --redis do not go together: a shared crawl keeps its state in Redis"
        )
    try:
        check_prefix(prefix)
    except ValueError as exc:
        raise fail(str(exc)) from None
    import redis

    try:
        server = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        server.ping()
    except (redis.RedisError, ValueError) as exc:
        raise fail(f"Redis at {url} cannot be reached: {exc}") from None
    if reset:
        base = prefix_for({"CLOSET_REDIS_PREFIX": prefix}, spider)
        keys = crawl_keys(server, prefix, spider)
        alive = [k for k in keys if k.startswith(f"{base}:alive:")]
        if alive:
            raise fail(f"--redis-reset refused: {len(alive)} worker(s) still crawling {base}")
        if keys:
            server.delete(*keys)
        console.print(f"forgot the shared crawl {base} ({len(keys)} keys)")
    server.close()
    return redis_settings(url, prefix)


def check_neo4j() -> None:
    """Fail with a clear message, before crawling anything, when Neo4j cannot be reached."""
    try:
        connect().close()
    except DatabaseUnavailable as exc:
        raise fail(f"{exc} (or crawl with --no-neo4j -O out.json)") from None


def print_summary(stats: dict[str, Any]) -> None:
    """A table of what the crawl did (pages, outfits, items, drops, failures)."""
    table = Table(title="crawl", show_header=False, title_justify="left")
    elapsed = float(stats.get("elapsed_time_seconds") or 0.0)
    pages = int(stats.get("response_received_count", 0))
    rows = [
        ("finish reason", stats.get("finish_reason", "?")),
        ("pages", f"{pages} ({pages / elapsed:.1f}/s)" if elapsed else str(pages)),
        (
            "outfits scraped",
            sum(v for k, v in stats.items() if k.startswith("closet/snaps/depth_")),
        ),
        ("records scraped", stats.get("item_scraped_count", 0)),
        ("outfits written", stats.get("closet/neo4j/outfits_written", 0)),
        ("item rows written", stats.get("closet/neo4j/items_written", 0)),
        ("co-occurrence pairs", stats.get("closet/neo4j/cooccurrence_pairs", "-")),
    ]
    for key in sorted(stats):
        if key.startswith(
            (
                "closet/dropped/",
                "closet/page_error/",
                "closet/request_failed/",
                "closet/snaps/",
                "selenium/",
            )
        ):
            rows.append((key.removeprefix("closet/"), stats[key]))
    for label, value in rows:
        table.add_row(str(label), str(value))
    console.print(table)
