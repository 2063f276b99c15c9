"""The importer against records that try to rewrite the graph or break the load: unknown
fields are dropped and counted, out-of-bounds values reject their record alone, conflicting
duplicates keep the first version, and a batch the database refuses is split until the
refused outfit is alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from neo4j import Driver
from typer.testing import CliRunner

from closet.cli import app
from graph.ingest.loader import load_files
from graph.ingest.normalize import ItemRow, OutfitRow
from graph.ingest.writer import GraphWriter, graph_counts

runner = CliRunner()


def item(item_id: str, category: str = "상의", name: str = "White Oxford Shirt", **extra: Any):
    return {"item_id": item_id, "category": category, "name": name, "price": 10000, **extra}


def outfit(outfit_id: str, *items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"outfit_id": outfit_id, "gender": "MALE", "items": list(items), **extra}


def pair(n: int, **shirt_extra: Any) -> dict[str, Any]:
    """Outfit n: a shirt and jeans of its own."""
    return outfit(
        str(500 + n),
        item(str(5000 + 2 * n), **shirt_extra),
        item(str(5001 + 2 * n), "하의", "Blue Denim Jeans"),
    )


def write(path: Path, records: list[Any]) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return path


def props(driver: Driver, label: str, key: str) -> dict[str, dict[str, Any]]:
    rows = driver.execute_query(
        "MATCH (n) WHERE $label IN labels(n) RETURN n {.*} AS p", label=label
    ).records
    return {r["p"][key]: r["p"] for r in rows}


def test_unknown_fields_never_reach_the_nodes(clean_graph: Driver, tmp_path: Path) -> None:
    hostile = pair(0, id="zzRENAMED", owned_only=True, popularity=999_999, huge="x" * 5_000_000)
    hostile["outfit_id_2"] = "x"
    hostile["owned_only"] = True
    report = load_files(clean_graph, [write(tmp_path / "a.json", [hostile])], progress=False)
    assert report.outfits == 1
    assert report.clean
    assert report.ignored_fields == {
        "id": 1,
        "owned_only": 2,
        "popularity": 1,
        "huge": 1,
        "outfit_id_2": 1,
    }
    items = props(clean_graph, "Item", "id")
    assert set(items) == {"5000", "5001"}  # not renamed
    shirt = items["5000"]
    assert "owned_only" not in shirt
    assert "huge" not in shirt
    assert shirt["popularity"] == 1  # computed from the outfits, not taken from the record
    outfits = props(clean_graph, "Outfit", "id")
    assert "owned_only" not in outfits["500"]
    contains = clean_graph.execute_query(
        "MATCH (:Outfit {id: '500'})-[:CONTAINS]->(i) RETURN count(i) AS n"
    ).records
    assert contains[0]["n"] == 2


def test_a_bad_record_is_rejected_alone_and_the_rest_loads(
    clean_graph: Driver, tmp_path: Path
) -> None:
    records = [pair(n) for n in range(12)]
    records[3] = pair(3, likes=2**64)  # above int64
    records[5] = pair(5, mid_class="m" * 20_000)
    records[7] = pair(7, brand={"name": "nested"})
    records[9]["likes"] = -1
    records[10]["items"][0]["item_id"] = "../../etc"
    report = load_files(clean_graph, [write(tmp_path / "b.json", records)], progress=False)
    assert report.outfits == 7
    assert sum(report.rejected.values()) == 5
    examples = " ".join(e for found in report.examples.values() for e in found)
    for n in (3, 5, 7, 9, 10):
        assert f"b.json[{n}]" in examples
    assert set(props(clean_graph, "Outfit", "id")) == {
        str(500 + n) for n in range(12) if n not in (3, 5, 7, 9, 10)
    }
    assert graph_counts(clean_graph)["PAIRS_WITH"] > 0  # co-occurrence of what loaded

    result = runner.invoke(app, ["load", str(tmp_path / "b.json")], env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output  # some records rejected
    assert "Traceback" not in result.output
    assert "b.json[3]" in result.output


def test_conflicting_duplicates_keep_the_first_version(clean_graph: Driver, tmp_path: Path) -> None:
    first = outfit("600", item("6000", name="Navy Oxford Shirt"), item("6001", "하의", "Jeans"))
    again = outfit(
        "601", item("6000", name="Renamed Shirt", price=1), item("6002", "하의", "Chino")
    )
    report = load_files(clean_graph, [write(tmp_path / "c.json", [first, again])], progress=False)
    assert report.outfits == 2
    assert report.conflict_count == 1
    assert "Navy Oxford Shirt" in report.conflicts[0]
    assert "Renamed Shirt" in report.conflicts[0]
    shirt = props(clean_graph, "Item", "id")["6000"]
    assert (shirt["name"], shirt["price"]) == ("Navy Oxford Shirt", 10000)
    linked = clean_graph.execute_query(
        "MATCH (o:Outfit)-[:CONTAINS]->(:Item {id: '6000'}) RETURN count(o) AS n"
    ).records
    assert linked[0]["n"] == 2  # both outfits still wear it


def test_a_refused_batch_is_split_until_the_bad_outfit_is_alone(clean_graph: Driver) -> None:
    def row(n: int, extra: dict[str, Any] | None = None) -> OutfitRow:
        shirt = ItemRow(id=f"70{n}", name="Shirt", category="top", extra=extra or {})
        return OutfitRow(id=f"7{n}", items=[shirt], positions=[1])

    refused: list[tuple[str, str]] = []
    writer = GraphWriter(clean_graph, 100, on_reject=lambda i, why: refused.append((i, why)))
    for n in range(9):
        # a map is no property value: only the database can refuse it
        writer.add_outfit(row(n, {"bad": {"nested": 1}} if n == 6 else None))
    writer.close()
    assert [i for i, _ in refused] == ["76"]
    assert refused[0][1]
    assert writer.written_outfits == 8
    assert set(props(clean_graph, "Outfit", "id")) == {f"7{n}" for n in range(9) if n != 6}


def test_cli_exit_codes(clean_graph: Driver, tmp_path: Path) -> None:
    good = write(tmp_path / "good.json", [pair(20), pair(21)])
    assert runner.invoke(app, ["load", str(good)]).exit_code == 0
    folder = runner.invoke(app, ["load", str(tmp_path)])
    assert folder.exit_code == 2
    assert "is a directory" in folder.output
    obj = tmp_path / "object.json"
    obj.write_text('{\n  "outfits": []\n}\n')
    bad = runner.invoke(app, ["load", str(obj)])
    assert bad.exit_code == 2
    assert "expected a JSON list" in bad.output
