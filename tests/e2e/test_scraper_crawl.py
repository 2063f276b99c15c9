"""Crawling the fixture MUSINSA site into a real Neo4j: the exact graph, idempotence, faults,
relation depth, robots.txt, and a crawl killed midway and resumed from its JOBDIR."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from neo4j import Driver

from graph.ingest.loader import load_files
from tests.fixtures.musinsa_site.catalog import small_catalog
from tests.fixtures.musinsa_site.harness import (
    CORE_PROPERTIES,
    dump_graph,
    ids,
    interrupt,
    props_of,
    read_stats,
    run_crawl,
    start_crawl,
    wipe,
)
from tests.fixtures.musinsa_site.server import FixtureSite

pytestmark = pytest.mark.slow

# What the small catalog must give at the default depth 2 (see catalog.small_catalog):
# seeds 1001-1003 (the other listed snaps are faulty), 1004 and 1007 at depth 1, 1005 at
# depth 2; 1006 is three hops away. Beauty (5005) is dropped by normalisation.
EXPECTED_OUTFITS = {"1001", "1002", "1003", "1004", "1005", "1007"}
EXPECTED_ITEMS = {"5001", "5002", "5003", "5004", "5006", "5007", "5008", "5009", "5011", "5012"}
EXPECTED_CONTAINS = {
    ("1001", "5001"),
    ("1001", "5002"),
    ("1001", "5003"),
    ("1002", "5002"),
    ("1002", "5004"),
    ("1003", "5006"),
    ("1003", "5007"),
    ("1004", "5003"),
    ("1004", "5008"),
    ("1005", "5008"),
    ("1005", "5009"),
    ("1007", "5006"),
    ("1007", "5011"),
    ("1007", "5012"),
}
# the hanging endpoint answers after 4 s: a 2 s timeout, no retry, makes it one counted failure
FAULTS = {"DOWNLOAD_TIMEOUT": "2", "RETRY_TIMES": "0"}
EXPECTED_TAGS = {"데일리룩", "셔츠코디", "출근룩", "여름코디", "스니커즈", "후드", "항공점퍼"}


@pytest.fixture
def site():
    with FixtureSite(small_catalog(), hang=4.0) as s:
        yield s


@pytest.fixture
def quick_site():
    """The small catalog without the hanging endpoint (snap 1009 is then a valid seed)."""
    catalog = small_catalog()
    del catalog["faults"]["snap_goods_hang"]
    with FixtureSite(catalog) as s:
        yield s


def rels(driver: Driver, rel_type: str) -> set[tuple[str, str]]:
    return {(s, t) for ty, s, t, _ in dump_graph(driver)["relationships"] if ty == rel_type}


def test_crawl_builds_the_expected_graph_and_is_idempotent(
    clean_graph: Driver, site: FixtureSite, tmp_path: Path
) -> None:
    out = tmp_path / "snaps.json"
    first = run_crawl(site.base, ["snaps", "-O", str(out)], tmp_path, **FAULTS)
    assert first.returncode == 0, first.stderr[-3000:]
    stats = first.stats
    assert stats["finish_reason"] == "finished"

    # exactly the expected nodes and relationships
    assert ids(clean_graph, "Outfit") == EXPECTED_OUTFITS
    assert ids(clean_graph, "Item") == EXPECTED_ITEMS
    assert rels(clean_graph, "CONTAINS") == EXPECTED_CONTAINS
    assert ids(clean_graph, "Tag") == EXPECTED_TAGS
    catalog = small_catalog()["goods"]
    assert ids(clean_graph, "Brand") == {catalog[g]["brand_name"] for g in EXPECTED_ITEMS}
    assert rels(clean_graph, "MADE_BY") == {(g, catalog[g]["brand_name"]) for g in EXPECTED_ITEMS}
    in_cluster = rels(clean_graph, "IN_CLUSTER")
    assert {item for item, _ in in_cluster} <= EXPECTED_ITEMS
    assert ids(clean_graph, "Cluster") == {cluster for _, cluster in in_cluster}
    assert rels(clean_graph, "PAIRS_WITH"), "co-occurrence was not refreshed"

    # extra properties from the snap API and the product pages
    outfit = props_of(clean_graph, "Outfit", "1001")
    assert (outfit["likes"], outfit["views"], outfit["model_height"]) == (120, 5400, 175)
    assert (outfit["style"], outfit["season"], outfit["gender"]) == ("casual", "spring", "men")
    item = props_of(clean_graph, "Item", "5001")
    assert (item["normal_price"], item["sale_price"], item["price"]) == (55000, 44000, 44000)
    assert item["rating"] == 4.5
    assert item["review_count"] == 10
    assert item["likes"] == 100
    assert item["color_options"] == ("스카이블루", "화이트")
    assert item["category_mid"] == "셔츠/블라우스"
    assert len(item["images"]) == 2
    for failed_page in ("5004", "5011", "5012"):  # 500, broken JSON, no name: base data only
        assert "rating" not in props_of(clean_graph, "Item", failed_page)

    # every fault was counted and skipped; the crawl finished
    assert stats["closet/request_failed/http_500"] == 2  # snap 1008 detail, product 5004
    assert stats["closet/request_failed/DownloadTimeoutError"] == 1  # snap 1009 goods
    assert stats["closet/page_error/broken_json"] == 2  # snap 1010 detail, product 5011
    assert stats["closet/page_error/missing_goods"] == 1  # snap 1013
    assert stats["closet/dropped/invalid_items.name"] == 1  # snap 1011
    assert stats["closet/dropped/invalid_name"] == 1  # product 5012
    assert stats["closet/dropped/no_kept_items"] == 1  # snap 1012
    assert (stats["closet/snaps/depth_0"], stats["closet/snaps/depth_1"]) == (5, 2)
    assert stats["closet/snaps/depth_2"] == 1
    assert stats["closet/neo4j/outfits_written"] == len(EXPECTED_OUTFITS)
    assert "scheduler/unserializable" not in stats

    # crawling again changes nothing
    crawled = dump_graph(clean_graph)
    again = run_crawl(site.base, ["snaps"], tmp_path, **FAULTS)
    assert again.returncode == 0, again.stderr[-3000:]
    assert dump_graph(clean_graph) == crawled

    # the crawl's graph is the importer's graph of the records it wrote to -O (same
    # validation and normalisation: clusters, co-occurrence, popularity)
    wipe(clean_graph)
    report = load_files(clean_graph, [out], progress=False)
    assert report.outfits == len(EXPECTED_OUTFITS)
    assert not report.rejected
    core = dump_graph(clean_graph, core_only=True)
    wipe(clean_graph)
    assert core == core_of(crawled)


def core_of(dump: dict) -> dict:
    """A full dump reduced to the graph model's own properties (as dump_graph(core_only))."""
    keep = CORE_PROPERTIES
    nodes = [
        (label, key, tuple(p for p in props if label not in keep or p[0] in keep[label]))
        for label, key, props in dump["nodes"]
    ]
    return {"nodes": sorted(nodes), "relationships": dump["relationships"]}


def test_depth_bounds_the_crawl(
    clean_graph: Driver, quick_site: FixtureSite, tmp_path: Path
) -> None:
    result = run_crawl(quick_site.base, ["snaps", "--depth", "3"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert ids(clean_graph, "Outfit") == EXPECTED_OUTFITS | {"1006", "1009"}
    assert result.stats["closet/snaps/depth_3"] == 1


def test_goods_spider_follows_products_to_their_outfits(
    clean_graph: Driver, quick_site: FixtureSite, tmp_path: Path
) -> None:
    result = run_crawl(quick_site.base, ["goods", "--goods", "5009", "--depth", "1"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert ids(clean_graph, "Outfit") == {"1005", "1006"}
    assert ids(clean_graph, "Item") == {"5008", "5009", "5010"}
    assert props_of(clean_graph, "Item", "5009")["gender"] == "women"


def test_robots_txt_disallow_stops_the_spider(clean_graph: Driver, tmp_path: Path) -> None:
    with FixtureSite(small_catalog(), robots="disallow") as site:
        result = run_crawl(site.base, ["snaps"], tmp_path)
        hits = dict(site.hits)
    assert result.returncode == 3
    assert "robots.txt" in result.stderr
    assert "permission" in result.stderr
    assert result.stats["finish_reason"] == "robotstxt_forbidden"
    assert hits == {"/robots.txt": 1}  # nothing else was fetched
    assert ids(clean_graph, "Outfit") == set()


def test_killed_crawl_resumes_to_the_same_graph(clean_graph: Driver, tmp_path: Path) -> None:
    catalog = small_catalog()
    del catalog["faults"]["snap_goods_hang"]
    jobdir, out = tmp_path / "job", tmp_path / "snaps.jsonl"
    args = ["snaps", "--jobdir", str(jobdir), "-O", str(out)]
    slow = {"CONCURRENT_REQUESTS": "2", "CLOSET_NEO4J_BATCH": "1"}
    with FixtureSite(catalog) as site:
        reference = run_crawl(site.base, ["snaps"], tmp_path)
        assert reference.returncode == 0, reference.stderr[-3000:]
        expected = dump_graph(clean_graph)
        reference_hits = sum(site.hits.values())
        wipe(clean_graph)

        site.delay = 0.2  # slow enough to interrupt midway
        # SIGTERM (what a process manager sends); Scrapy handles SIGINT the same way
        stats_file = tmp_path / "stats-interrupted.json"
        proc = start_crawl(site.base, args, stats_file, **slow)
        deadline = time.monotonic() + 60
        while sum(site.hits.values()) < reference_hits + 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        code, err = interrupt(proc, signal.SIGTERM)
        assert code == 130, err[-3000:]
        stats = read_stats(stats_file)
        assert stats["finish_reason"] == "shutdown"
        assert "scheduler/unserializable" not in stats
        partial = ids(clean_graph, "Outfit")
        assert partial < set(outfit_ids(expected))  # really interrupted midway
        assert read_stats(stats_file)["item_scraped_count"] >= 1  # ... and not at the start
        site.delay = 0.02
        final = run_crawl(site.base, args, tmp_path, **slow)
    assert final.returncode == 0, final.stderr[-3000:]
    assert final.stats["finish_reason"] == "finished"
    assert dump_graph(clean_graph) == expected

    # the appended snap file holds each outfit exactly once, across both runs
    wipe(clean_graph)
    report = load_files(clean_graph, [out], progress=False)
    assert (report.outfits, report.duplicates) == (len(outfit_ids(expected)), 0)


def outfit_ids(dump: dict) -> list[str]:
    return [key for label, key, _ in dump["nodes"] if label == "Outfit"]
