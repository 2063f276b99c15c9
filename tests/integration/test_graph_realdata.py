"""The real MUSINSA snap data (../shared/data/musinsa-snap-2025) loaded into the test server:
every outfit loads, duplicates are skipped, and a real item gets recommendations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from neo4j import Driver

from graph.db.connection import run
from graph.db.schema import apply_schema
from graph.ingest.loader import load_files
from graph.recommend.outfits import outfits_with
from graph.recommend.rule import recommend_for_item

pytestmark = [pytest.mark.realdata, pytest.mark.slow]


def distinct_outfit_ids(paths: list[Path]) -> int:
    ids: set[str] = set()
    for path in paths:
        ids.update(str(o["outfit_id"]) for o in json.loads(path.read_text(encoding="utf-8")))
    return len(ids)


def test_real_snap_data_loads_and_recommends(shared_data: Path, driver: Driver) -> None:
    folder = shared_data / "musinsa-snap-2025"
    paths = [folder / "men.json", folder / "women.json"]
    run(driver, "maintenance/wipe")
    apply_schema(driver)

    report = load_files(driver, paths, progress=False)

    expected = distinct_outfit_ids(paths)
    assert 2700 <= expected <= 2800
    assert report.records == 1568 + 1235
    assert sum(report.rejected.values()) == 0, report.rejected
    assert report.outfits == expected  # every distinct outfit, once
    assert report.duplicates == report.records - expected
    counts = report.counts_after
    assert counts["Outfit"] == expected
    assert counts["Item"] > 5000
    assert counts["PAIRS_WITH"] > 1000
    # tops, bottoms and outers only in this crawl
    rows = driver.execute_query("MATCH (i:Item) RETURN DISTINCT i.category AS c").records
    categories = {r["c"] for r in rows}
    assert categories == {"top", "bottom", "outer"}

    # 5072529 "데이시즌 스몰체크셔츠 스카이블루" (a shirt) is worn with 5025673
    # "TOWN CHINO PANTS Beige" in outfit 1382633382875558464
    recs = recommend_for_item(driver, "5072529", per_category=5)
    assert recs.item["category"] == "top"
    assert recs.item["mid_class"] == "shirt"
    assert set(recs.per_category) == {"bottom", "outer"}
    for category, candidates in recs.per_category.items():
        assert 1 <= len(candidates) <= 5
        assert all(c.item["category"] == category for c in candidates)
        strengths = [c.strength for c in candidates]
        assert strengths == sorted(strengths, reverse=True)
        assert strengths[0] >= 1
    matched = outfits_with(driver, "5072529", "5025673")
    match, rows = matched.match, matched.outfits
    assert match == "items"
    assert "1382633382875558464" in {r["outfit"]["id"] for r in rows}
