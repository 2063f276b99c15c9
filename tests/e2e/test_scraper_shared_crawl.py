"""Several crawler processes, one crawl (`closet crawl --redis`): two real `closet crawl`
processes against the fixture site, one throwaway Redis and the test Neo4j. Every outfit once,
the same graph as one process gives, and a process killed midway loses nothing."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
from click.testing import Result
from neo4j import Driver
from typer.testing import CliRunner

from closet.cli import app
from tests.fixtures.musinsa_site.catalog import generated_catalog
from tests.fixtures.musinsa_site.harness import (
    dump_graph,
    read_stats,
    run_crawl,
    start_crawl,
    wipe,
)
from tests.fixtures.musinsa_site.server import FixtureSite

pytestmark = pytest.mark.slow

DETAIL = "/api2/content/snap/v1/snaps/"
PRODUCT = "/products/"
LIST = "/api2/content/snap/v1/snaps?"
HEARTBEAT = "2"  # seconds: a killed worker is found dead this soon after its last heartbeat


def catalog() -> dict[str, Any]:
    """120 outfits over 180 products: enough pages for two processes to share."""
    return generated_catalog(120, 180, seed=11)


def shared(redis_url: str, stats: Path, site: FixtureSite, **settings: str) -> subprocess.Popen:
    """Start one worker of the shared crawl."""
    return start_crawl(
        site.base,
        ["snaps", "--redis", redis_url],
        stats,
        CLOSET_REDIS_HEARTBEAT=HEARTBEAT,
        CLOSET_LIST_PAGE_SIZE="30",
        CLOSET_BY_GOODS_PAGE_SIZE="30",
        **settings,
    )


def finish(procs: list[subprocess.Popen], timeout: float = 240) -> None:
    """Wait for every worker; fail with its stderr when one did not exit 0."""
    for proc in procs:
        _, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err[-3000:]


def queued_records(redis_url: str) -> list[dict[str, Any]]:
    """The shared item queue's records."""
    server = redis.Redis.from_url(redis_url)
    try:
        return [json.loads(raw) for raw in server.lrange("closet:snaps:items", 0, -1)]
    finally:
        server.close()


@dataclass
class Reference:
    """The fixture site, and what one process crawls of it: the graph, how many requests."""

    site: FixtureSite
    graph: dict
    requests: int


@pytest.fixture(scope="module")
def single(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Reference]:
    """One fixture site for the module, crawled once by a single process (graph then wiped);
    the site's counters are cleared before each test uses it."""
    tmp = tmp_path_factory.mktemp("single")
    with FixtureSite(catalog(), list_page_size=30) as site:
        wipe(driver)
        crawled = run_crawl(
            site.base, ["snaps"], tmp, CLOSET_LIST_PAGE_SIZE="30", CLOSET_BY_GOODS_PAGE_SIZE="30"
        )
        assert crawled.returncode == 0, crawled.stderr[-3000:]
        graph = dump_graph(driver)
        wipe(driver)
        yield Reference(site, graph, crawled.stats["downloader/request_count"])


@pytest.fixture
def ref(single: Reference, clean_graph: Driver) -> Reference:
    """The reference, with an empty graph and the site's counters and delay reset."""
    single.site.served.clear()
    single.site.hits.clear()
    single.site.delay = 0.0
    return single


def outfits(graph: dict) -> set[str]:
    return {key for label, key, _ in graph["nodes"] if label == "Outfit"}


def test_two_processes_crawl_each_outfit_once_into_the_same_graph(
    ref: Reference, driver: Driver, redis_url: str, tmp_path: Path
) -> None:
    expected = ref.graph
    stats = [tmp_path / "worker-0.json", tmp_path / "worker-1.json"]
    finish([shared(redis_url, path, ref.site) for path in stats])
    served = Counter(ref.site.served)
    assert dump_graph(driver) == expected
    workers = [read_stats(path) for path in stats]
    assert all(w["finish_reason"] == "finished" for w in workers)
    assert all(w.get("downloader/response_count", 0) > 10 for w in workers), "both crawled"

    # no request was made twice across the processes: product pages and list pages once (the
    # shared duplicate filter), snap details once each plus the spider's own re-expansions
    # (a snap first reached farther away, then nearer: the same on one process)
    products = [n for path, n in served.items() if path.startswith(PRODUCT)]
    lists = [n for path, n in served.items() if path.startswith(LIST)]
    assert products
    assert set(products) == {1}
    assert lists
    assert set(lists) == {1}
    details = {path: n for path, n in served.items() if path.startswith(DETAIL)}
    reexpanded = sum(w.get("closet/snaps/reexpanded", 0) for w in workers)
    assert sum(details.values()) == len(details) + reexpanded

    # every outfit emitted exactly once, across both processes: in the item queue, in the stats
    records = [r["record"]["outfit_id"] for r in queued_records(redis_url) if r["kind"] == "outfit"]
    assert sorted(records) == sorted(outfits(expected))
    emitted = sum(w.get("closet/neo4j/outfits_written", 0) for w in workers)
    assert emitted == len(outfits(expected))
    # the co-occurrence was refreshed once, by the last worker out
    assert sum("closet/neo4j/refresh_ms" in w for w in workers) == 1
    assert all(w["closet/redis/handed_back"] == 0 for w in workers)


def test_a_killed_process_loses_nothing(
    ref: Reference, driver: Driver, redis_url: str, tmp_path: Path
) -> None:
    site = ref.site
    site.delay = 0.03  # slow enough to kill one worker midway
    stats = [tmp_path / "victim.json", tmp_path / "survivor.json"]
    victim = shared(redis_url, stats[0], site)
    survivor = shared(redis_url, stats[1], site)
    deadline = time.monotonic() + 120
    while len(site.served) < ref.requests // 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)  # no shutdown handler runs: a crash
    victim.wait(timeout=30)
    assert len(site.served) < ref.requests, "killed too late to show anything"
    site.delay = 0.0
    finish([survivor])
    assert victim.returncode == -signal.SIGKILL
    survived = read_stats(stats[1])
    assert survived["finish_reason"] == "finished"
    assert survived["closet/redis/recovered"] > 0, "the victim held no request when killed"
    assert dump_graph(driver) == ref.graph


def crawl_cli(*args: str) -> Result:
    """`closet crawl snaps --no-neo4j ...` in this process (it fails before crawling)."""
    return CliRunner().invoke(app, ["crawl", "snaps", "--no-neo4j", *args])


def test_shared_crawl_refuses_bad_options(redis_url: str, tmp_path: Path) -> None:
    for args, message in [
        (["--redis", "redis://127.0.0.1:9/0"], "cannot be reached"),
        (["--redis", "http://x"], "cannot be reached"),
        (["--redis", redis_url, "--jobdir", str(tmp_path / "job")], "do not go together"),
        (["--redis", redis_url, "--redis-key", "a b*"], "bad Redis key prefix"),
        (["--redis-reset"], "needs --redis"),
    ]:
        done = crawl_cli(*args)
        assert done.exit_code == 1, done.output
        assert message in done.output
        assert done.exception is None or isinstance(done.exception, SystemExit)  # no traceback


def test_redis_reset_forgets_a_crawl_but_not_while_a_worker_is_up(redis_url: str) -> None:
    server = redis.Redis.from_url(redis_url)
    server.sadd("closet:snaps:dupefilter", "x")
    server.set("closet:goods:dupefilter", "kept")  # another crawl's state
    server.set("closet:snaps:alive:someone", "1", ex=30)
    refused = crawl_cli("--redis", redis_url, "--redis-reset", "--base", "http://127.0.0.1:9")
    assert refused.exit_code == 1
    assert "still crawling" in refused.output
    assert server.exists("closet:snaps:dupefilter")

    server.delete("closet:snaps:alive:someone")
    keys = reset_keys(server, redis_url)
    assert keys == 1
    assert not server.exists("closet:snaps:dupefilter")
    assert server.exists("closet:goods:dupefilter")
    server.close()


def reset_keys(server: redis.Redis, url: str) -> int:
    """Run the reset part of `--redis-reset` (the crawl itself is not started)."""
    from closet.cli.crawl import shared_crawl

    before = len(list(server.scan_iter("closet:snaps:*")))
    shared_crawl(url, "closet:%(spider)s", "snaps", True, None)
    return before - len(list(server.scan_iter("closet:snaps:*")))


def test_two_crawls_writing_the_same_outfits_at_once_give_the_same_graph(
    ref: Reference, driver: Driver, redis_url: str, tmp_path: Path
) -> None:
    """Two independent crawls (own frontiers) of one site into one Neo4j, at the same time:
    every outfit is written twice, concurrently; MERGE on stable keys makes it one graph."""
    stats = [tmp_path / "a.json", tmp_path / "b.json"]
    procs = [
        start_crawl(
            ref.site.base,
            ["snaps", "--redis", redis_url, "--redis-key", f"crawl-{name}:%(spider)s"],
            path,
            CLOSET_LIST_PAGE_SIZE="30",
            CLOSET_BY_GOODS_PAGE_SIZE="30",
            CLOSET_NEO4J_BATCH="10",
        )
        for name, path in zip("ab", stats, strict=True)
    ]
    finish(procs)
    written = [read_stats(path)["closet/neo4j/outfits_written"] for path in stats]
    assert written == [len(outfits(ref.graph))] * 2
    assert dump_graph(driver) == ref.graph
