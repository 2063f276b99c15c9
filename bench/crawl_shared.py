"""Shared crawl speed: pages/s with 1, 2 and 4 `closet crawl --redis` processes, as ratios.

Serves a generated fixture MUSINSA site on 127.0.0.1, starts a throwaway Redis (Debian's
redis-server), and for each process count starts that many `closet crawl snaps --redis URL
--no-neo4j` processes at once on an emptied Redis. Also one process without Redis (Scrapy's own
scheduler) as the baseline. Two site profiles:

- `loopback`: no politeness delay, the site answers at once (the CPU is the limit);
- `polite`: each process keeps the project's per-host politeness small (2 requests at a time,
  no AutoThrottle) and the site takes 50 ms per page, like a remote host; this is what adding
  processes buys in a real crawl, and what it costs the site (see docs/scaling.md).

Pages/s = responses of all processes / the crawl window (first spider opened to last closed,
from the processes' stats; the seconds to start Python and Scrapy are printed apart). Redis
bytes / page: what the finished crawl keeps in Redis (fingerprints, depths, the item queue) per
distinct page fetched.

    python bench/crawl_shared.py [--snaps 400] [--goods 600] [--nproc 1,2,4]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import redis  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from graph.db.server import free_port  # noqa: E402
from scraper.distributed.server import LocalRedis  # noqa: E402
from tests.fixtures.musinsa_site.catalog import generated_catalog  # noqa: E402
from tests.fixtures.musinsa_site.server import FixtureSite  # noqa: E402

console = Console(width=170)
PROFILES: dict[str, tuple[float, dict[str, str]]] = {
    "loopback": (
        0.0,
        {
            "DOWNLOAD_DELAY": "0",
            "AUTOTHROTTLE_ENABLED": "False",
            "CONCURRENT_REQUESTS": "16",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
        },
    ),
    "polite": (
        0.05,
        {
            "DOWNLOAD_DELAY": "0",
            "AUTOTHROTTLE_ENABLED": "False",
            "CONCURRENT_REQUESTS": "16",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "2",
        },
    ),
}
SHAPE = {"CLOSET_LIST_PAGE_SIZE": "30", "CLOSET_BY_GOODS_PAGE_SIZE": "30", "LOG_LEVEL": "WARNING"}


def command(base: str, stats: Path, redis_url: str | None, settings: dict[str, str]) -> list[str]:
    """One `closet crawl snaps` process (a worker of the shared crawl when `redis_url`)."""
    cmd = [sys.executable, "-m", "closet", "crawl", "snaps", "--no-neo4j", "--base", base]
    cmd += ["--stats-file", str(stats), "--log-level", "WARNING"]
    if redis_url:
        cmd += ["--redis", redis_url]
    for name, value in {**settings, **SHAPE}.items():
        cmd += ["-s", f"{name}={value}"]
    return cmd


def run(site: FixtureSite, tmp: Path, n: int, redis_url: str | None, settings: dict[str, str]):
    """Start `n` crawler processes together; wait for all; return their combined figures."""
    site.served.clear()
    if redis_url:
        redis.Redis.from_url(redis_url).flushall()
    stats = [tmp / f"stats-{n}-{i}-{time.monotonic_ns()}.json" for i in range(n)]
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            command(site.base, path, redis_url, settings),
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in stats
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=1800)
        if proc.returncode != 0:
            raise SystemExit(f"a crawler failed ({proc.returncode}):\n{err[-2000:]}")
    wall = time.perf_counter() - started
    memory = crawl_bytes(redis.Redis.from_url(redis_url)) if redis_url else 0
    figures = [json.loads(path.read_text()) for path in stats]
    opened = min(_time(f["start_time"]) for f in figures)
    last_joined = max(_time(f["start_time"]) for f in figures) - opened
    closed = max(_time(f["finish_time"]) for f in figures)
    window = closed - opened
    pages = sum(f.get("downloader/response_count", 0) for f in figures)
    outfits = sum(f.get("item_scraped_count", 0) for f in figures)
    return {
        "pages": pages,
        "items": outfits,
        "distinct": len(set(site.served)),
        "served": len(site.served),
        "window": window,
        "wall": wall,
        "pages_s": pages / window,
        "per_process": [f.get("downloader/response_count", 0) for f in figures],
        "redis_bytes": memory,
        "last_joined": last_joined,
    }


def crawl_bytes(server: redis.Redis) -> int:
    """What the crawl's keys take in Redis (MEMORY USAGE, summed)."""
    return sum(server.memory_usage(key, samples=0) or 0 for key in server.scan_iter("closet:*"))


def _time(value: str) -> float:
    return datetime.fromisoformat(value).timestamp()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snaps", type=int, default=400)
    parser.add_argument("--goods", type=int, default=600)
    parser.add_argument("--nproc", default="1,2,4", help="process counts, comma-separated")
    parser.add_argument("--profiles", default="loopback,polite")
    args = parser.parse_args()
    counts = [int(n) for n in args.nproc.split(",")]
    catalog = generated_catalog(args.snaps, args.goods)
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        with LocalRedis(tmp / "redis", free_port()) as server:
            for profile in args.profiles.split(","):
                delay, settings = PROFILES[profile]
                with FixtureSite(catalog, list_page_size=30, delay=delay) as site:
                    rows = [("1, no Redis", run(site, tmp, 1, None, settings))]
                    for n in counts:
                        rows.append((f"{n}, Redis", run(site, tmp, n, server.url, settings)))
                console.print(table(profile, delay, rows))


def table(profile: str, delay: float, rows: list[tuple[str, dict[str, Any]]]) -> Table:
    """Pages/s per process count, with the ratio to one Redis process."""
    base = next(r for name, r in rows if name == "1, Redis")["pages_s"]
    t = Table(title=f"shared crawl, {profile} site ({delay * 1000:.0f} ms per page)")
    for col in ("processes", "pages", "distinct", "outfits+products", "crawl s", "wall s"):
        t.add_column(col, justify="right")
    t.add_column("pages/s", justify="right")
    t.add_column("× 1 Redis process", justify="right")
    t.add_column("pages per process", justify="right")
    t.add_column("last opened +s", justify="right")
    t.add_column("Redis bytes / page", justify="right")
    for name, r in rows:
        t.add_row(
            name,
            str(r["pages"]),
            str(r["distinct"]),
            str(r["items"]),
            f"{r['window']:.1f}",
            f"{r['wall']:.1f}",
            f"{r['pages_s']:.0f}",
            f"{r['pages_s'] / base:.2f}",
            " / ".join(str(p) for p in r["per_process"]),
            f"{r['last_joined']:.1f}",
            f"{r['redis_bytes'] / r['distinct']:.0f}" if r["redis_bytes"] else "-",
        )
    return t


if __name__ == "__main__":
    main()
