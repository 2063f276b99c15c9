"""The bundled sample catalog: reproducible, in the snap format, offline, and rich enough that
every category gets recommendations once it is loaded into a real Neo4j."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from neo4j import Driver
from typer.testing import CliRunner

from closet.cli import app
from closet.sample.generate import SAMPLE_PATH, generate, render
from core.records import SnapOutfit
from core.vocabulary import BIG_CATEGORIES
from graph.db.connection import read
from graph.ingest.normalize import normalize_outfit
from graph.recommend.outfits import outfits_with
from graph.recommend.rule import recommend_for_item


def _records() -> list[dict]:
    return json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))


def test_sample_file_is_what_the_seeded_generator_writes() -> None:
    assert SAMPLE_PATH.read_text(encoding="utf-8") == render(generate()), (
        "closet/sample/outfits.json is stale: run `python -m closet.sample.generate`"
    )


def test_sample_is_snap_format_in_every_category_with_shared_items() -> None:
    records = _records()
    assert 90 <= len(records) <= 150
    assert len({r["outfit_id"] for r in records}) == len(records)
    outfits = [normalize_outfit(SnapOutfit.model_validate(r)) for r in records]
    items = {item.id: item for outfit in outfits for item in outfit.items}
    assert 200 <= len(items) <= 400
    per_category = Counter(item.category for item in items.values())
    assert set(per_category) == set(BIG_CATEGORIES), per_category
    assert min(per_category.values()) >= 15
    assert all(item.mid_class and item.color for item in items.values())
    worn = Counter(item.id for outfit in outfits for item in outfit.items)
    assert sum(1 for n in worn.values() if n >= 2) >= 50  # items shared across outfits
    assert all(2 <= len(o.items) <= 5 for o in outfits)
    # nothing reachable: every URL is on a reserved .invalid host
    for record in records:
        for url in (record["detail_url"], record["image_url"]):
            assert ".example.invalid/" in url
        for item in record["items"]:
            assert ".example.invalid/" in item["image_url"]
            assert ".example.invalid/" in item["purchase_url"]
            assert item["item_id"].isdigit()
            assert record["outfit_id"].isdigit()


def test_sample_path_command_prints_the_bundled_file() -> None:
    result = CliRunner().invoke(app, ["sample-path"], env={"COLUMNS": "20"})  # no wrapping
    assert result.exit_code == 0
    assert Path(result.output.strip()) == SAMPLE_PATH


def test_sample_loads_without_rejects_and_every_category_gets_recommendations(
    clean_graph: Driver,
) -> None:
    result = CliRunner().invoke(app, ["load", str(SAMPLE_PATH)])
    assert result.exit_code == 0, result.output
    records = _records()
    output = " ".join(result.output.split())  # rich wraps long lines
    assert f"read {len(records)} records" in output
    assert f"{len(records)} outfits" in output
    assert "0 records rejected" in output
    assert "0 duplicate outfit ids" in output

    counts = read(clean_graph, "explore/graph_counts")[0]
    distinct = {i["item_id"] for r in records for i in r["items"]}
    assert counts["Outfit"] == len(records)
    assert counts["Item"] == len(distinct)
    assert counts["PAIRS_WITH"] > 0

    ids_by_category = {  # most worn first
        category: [
            row["item"]["id"]
            for row in read(clean_graph, "items/browse", category=category, color=None, limit=500)
        ]
        for category in BIG_CATEGORIES
    }
    assert sum(len(ids) for ids in ids_by_category.values()) == len(distinct)

    # the most worn piece of each category gets recommendations in all five other categories
    for category, ids in ids_by_category.items():
        recs = recommend_for_item(clean_graph, ids[0], per_category=5)
        others = set(BIG_CATEGORIES) - {category}
        assert set(recs.per_category) == others, (category, ids[0], set(recs.per_category))
        for candidates in recs.per_category.values():
            assert candidates
            assert all(c.strength >= 1 for c in candidates)
        # and a recommendation leads to real outfits (same items, or same clusters)
        first = next(iter(recs.per_category.values()))[0]
        matched = outfits_with(clean_graph, ids[0], first.item["id"])
        match, rows = matched.match, matched.outfits
        assert match in ("items", "clusters")
        assert rows

    # items across the popularity range get recommendations in at least three other categories
    thin = []
    for ids in ids_by_category.values():
        for item_id in ids[::5]:
            if len(recommend_for_item(clean_graph, item_id, per_category=1).per_category) < 3:
                thin.append(item_id)
    assert not thin, f"items with recommendations in fewer than 3 categories: {thin}"
