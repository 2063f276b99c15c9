"""The snap importer: idempotent loads, rejected records with reasons, whole outfits only,
JSON and JSON-lines input, unreadable files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver

from core.errors import InputError
from graph.ingest.loader import load_catalog, load_files, read_records
from graph.ingest.writer import graph_counts
from tests.support.spine_data import ITEMS, OUTFITS, item_record, outfit_records, write_spine_files


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def outfit(outfit_id: Any, *items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"outfit_id": outfit_id, "gender": "FEMALE", "items": list(items), **extra}


def item(item_id: Any, category: str = "상의", name: str = "White Oxford Shirt", **extra: Any):
    return {"item_id": item_id, "category": category, "name": name, "price": 10000, **extra}


def item_ids(driver: Driver) -> set[str]:
    return {r["id"] for r in driver.execute_query("MATCH (i:Item) RETURN i.id AS id").records}


def outfit_ids(driver: Driver) -> set[str]:
    return {r["id"] for r in driver.execute_query("MATCH (o:Outfit) RETURN o.id AS id").records}


def test_loading_twice_changes_nothing(clean_graph: Driver, tmp_path: Path) -> None:
    outfits, _ = write_spine_files(tmp_path)
    first = load_files(clean_graph, [outfits], progress=False)
    assert first.outfits == len(OUTFITS)
    assert first.records == len(OUTFITS)
    assert first.items == sum(len(v) for v in OUTFITS.values())
    assert not first.rejected
    assert first.duplicates == 0
    created = first.created()
    assert created["Outfit"] == len(OUTFITS)
    assert created["Item"] == len(ITEMS) - 2  # P1 and Q1 are catalog only
    assert created["CONTAINS"] == first.items
    assert created["PAIRS_WITH"] == 9
    assert created["Tag"] == 2  # #spine #test
    pairs_before = clean_graph.execute_query(
        "MATCH (a)-[p:PAIRS_WITH]->(b) RETURN a.key AS a, b.key AS b, p.outfits AS n ORDER BY a, b"
    ).records

    second = load_files(clean_graph, [outfits], progress=False, batch_size=2)
    assert second.outfits == first.outfits
    assert second.counts_after == first.counts_after
    assert set(second.created().values()) == {0}
    pairs_after = clean_graph.execute_query(
        "MATCH (a)-[p:PAIRS_WITH]->(b) RETURN a.key AS a, b.key AS b, p.outfits AS n ORDER BY a, b"
    ).records
    assert [r.data() for r in pairs_after] == [r.data() for r in pairs_before]


def test_stored_properties(clean_graph: Driver, tmp_path: Path) -> None:
    outfits, catalog = write_spine_files(tmp_path)
    load_files(clean_graph, [outfits], progress=False)
    report = load_catalog(clean_graph, catalog)
    assert report.items == 2
    assert not report.rejected
    row = clean_graph.execute_query(
        "MATCH (o:Outfit {id: '9000001'})-[r:CONTAINS]->(i:Item {id: 'S1'})-[:IN_CLUSTER]->(c),"
        " (i)-[:MADE_BY]->(b:Brand), (o)-[:TAGGED]->(t:Tag)"
        " RETURN o {.*} AS o, r.position AS pos, i {.*} AS i, c {.*} AS c, b.name AS brand,"
        " collect(t.name) AS tags"
    ).records[0]
    assert row["o"]["gender"] == "men"
    assert row["o"]["season"] == "spring"
    assert row["o"]["style"] == "casual"
    assert row["pos"] == 1
    assert row["i"]["category"] == "top"
    assert row["i"]["price"] == 39000
    assert row["i"]["url"] == "https://example.test/goods/S1"
    assert row["c"]["key"] == "shirt|navy"
    assert row["c"]["color"] == "navy"
    assert row["c"]["items"] == 2
    assert row["c"]["outfits"] == 5
    assert row["brand"] == "Spine"
    assert sorted(row["tags"]) == ["spine", "test"]
    assert {"P1", "Q1"} <= item_ids(clean_graph)


def test_broken_records_are_rejected_with_reasons(clean_graph: Driver, tmp_path: Path) -> None:
    good = outfit(
        "100",
        item("1001", "상의", "Navy Oxford Shirt"),
        item("1002", "하의", "Beige Chino Pants"),
        item("1003", "액세서리", "Silver Necklace"),  # dropped, the outfit is kept
    )
    records = [
        good,
        outfit(101, item(1011, "아우터", "Navy Wool Blazer"), item(1012, "신발", "White Sneakers")),
        {"gender": "MALE", "items": [item("1020")]},  # no outfit id
        outfit("102", item("1021"), {"category": "하의", "name": "Chinos"}),  # item without id
        outfit("103", item("1031"), item("1032", "하의", "Beige Chinos", price="cheap")),
        outfit("104", item("1041", price=-5)),
        42,
        "an outfit",
        outfit("105"),  # no items
        outfit("100", item("1001", "상의", "Renamed Shirt")),  # duplicate id: first wins
        outfit("106", item("1061", "액세서리", "Silver Ring"), item("1062", "속옷", "Socks")),
        outfit("bad id!", item("1071")),
    ]
    path = write_json(tmp_path / "broken.json", records)

    report = load_files(clean_graph, [path], progress=False)

    assert report.records == len(records)
    assert report.outfits == 2
    assert report.duplicates == 1
    assert report.dropped_items == 3  # the necklace of 100, ring and socks of 106
    assert outfit_ids(clean_graph) == {"100", "101"}
    # no half-written outfit: the valid items of rejected outfits are not in the graph
    assert item_ids(clean_graph) == {"1001", "1002", "1011", "1012"}
    name = clean_graph.execute_query("MATCH (i:Item {id: '1001'}) RETURN i.name AS n").records
    assert name[0]["n"] == "Navy Oxford Shirt"

    by_field: dict[str, int] = {}
    for reason, count in report.rejected.items():
        by_field[reason.split(":")[0]] = by_field.get(reason.split(":")[0], 0) + count
    assert by_field == {
        "outfit_id": 2,  # missing; bad characters
        "items.item_id": 1,
        "items.price": 2,  # not a number; negative
        "record": 2,  # 42, "an outfit"
        "items": 2,  # empty list; only dropped categories
    }
    assert report.rejected["record: not a JSON object"] == 2
    assert report.rejected["items: no item in a kept category"] == 1
    assert any("at least 1" in reason for reason in report.rejected if reason.startswith("items:"))
    assert any("integer" in r for r in report.rejected if r.startswith("items.price"))
    # examples say where: file[index] and the outfit id
    assert "broken.json[6]" in report.examples["record: not a JSON object"]
    kept = report.examples["items: no item in a kept category"]
    assert kept == ["broken.json[10] id=106"]


def test_duplicates_across_files_first_wins(clean_graph: Driver, tmp_path: Path) -> None:
    first = write_json(tmp_path / "a.json", [outfit("200", item("2001", name="Navy Shirt"))])
    second = write_json(
        tmp_path / "b.json",
        [outfit("200", item("2002", name="Grey Hoodie")), outfit("201", item("2003"))],
    )
    report = load_files(clean_graph, [first, second], progress=False)
    assert (report.outfits, report.duplicates, report.records) == (2, 1, 3)
    assert item_ids(clean_graph) == {"2001", "2003"}


def test_json_lines_input(clean_graph: Driver, tmp_path: Path) -> None:
    path = tmp_path / "outfits.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in outfit_records()) + "\n\n",
        encoding="utf-8",
    )
    assert len(read_records(path)) == len(OUTFITS)
    report = load_files(clean_graph, [path], progress=False)
    assert report.outfits == len(OUTFITS)
    assert not report.rejected
    assert graph_counts(clean_graph)["PAIRS_WITH"] == 9


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not json", "not JSON"),
        ('[{"outfit_id": "1", ', "not JSON"),
        ("{broken\n[also broken", "no line parses"),
        ("[" * 100_000, "nested too deeply"),
        ("", "empty file"),
        ("   \n", "empty file"),
        ('{\n  "outfit_id": "1",\n  "items": []\n}\n', "expected a JSON list"),
    ],
)
def test_unreadable_files_raise_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_records(path)


def test_a_broken_json_line_is_rejected_alone_with_its_line_number(
    clean_graph: Driver, tmp_path: Path
) -> None:
    good = [json.dumps(r, ensure_ascii=False) for r in outfit_records()[:2]]
    path = tmp_path / "outfits.jsonl"
    path.write_text("\n".join([good[0], "{broken", "", good[1], "[" * 5000]) + "\n")
    report = load_files(clean_graph, [path], progress=False)
    assert report.outfits == 2
    assert sum(report.rejected.values()) == 2
    assert any(reason.startswith("line: not JSON") for reason in report.rejected)
    assert "line: JSON nested too deeply" in report.rejected
    examples = [e for found in report.examples.values() for e in found]
    assert "outfits.jsonl:2" in examples  # its true line number
    assert "outfits.jsonl:5" in examples
    assert not report.clean


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_records(tmp_path)


def test_top_level_object_is_not_a_list(tmp_path: Path) -> None:
    # a single JSON object on one line is read as JSON lines (one record)
    path = write_json(tmp_path / "one.json", outfit("1", item("2")))
    assert len(read_records(path)) == 1
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(InputError, match="cannot read"):
        read_records(binary)


def test_a_bad_file_writes_nothing(clean_graph: Driver, tmp_path: Path) -> None:
    outfits, _ = write_spine_files(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text("not json", encoding="utf-8")
    before = graph_counts(clean_graph)
    with pytest.raises(InputError):
        load_files(clean_graph, [outfits, bad], progress=False)
    assert graph_counts(clean_graph) == before


def test_catalog_rejects_and_drops(clean_graph: Driver, tmp_path: Path) -> None:
    path = write_json(
        tmp_path / "catalog.json",
        [
            item_record("P1"),
            {"item_id": "X1", "category": "상의"},  # no name
            item("X2", "액세서리", "Silver Ring"),
        ],
    )
    report = load_catalog(clean_graph, path)
    assert (report.records, report.items, report.dropped_items) == (3, 1, 1)
    assert sum(report.rejected.values()) == 1
    assert item_ids(clean_graph) == {"P1"}
