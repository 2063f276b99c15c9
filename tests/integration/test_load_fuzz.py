"""Fuzzing the importer over record shapes (hypothesis): whatever the records hold, after a load
no node carries a property outside the schema, the outfits in the graph are exactly the valid
distinct records, and loading the same file again changes nothing."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver
from pydantic import ValidationError

from core.records import ITEM_EXTRAS, OUTFIT_EXTRAS, SnapOutfit
from core.vocabulary import BIG_CATEGORIES
from graph.ingest.loader import load_files
from graph.ingest.normalize import normalize_outfit
from tests.support.neo4j import wipe

ITEM_PROPS = {
    "id", "name", "brand", "price", "category", "mid_class", "color", "url", "image_url",
    "popularity", "worn_by", *ITEM_EXTRAS,
}  # fmt: skip
OUTFIT_PROPS = {
    "id", "style", "season", "gender", "url", "image_url", "description", *OUTFIT_EXTRAS,
}  # fmt: skip
OTHER_PROPS = {
    # the counts and the best items per category (the rule's lists) of the co-occurrence refresh
    "Cluster": {"key", "mid_class", "color", "items", "outfits", "top_k"}
    | {f"top_{category}" for category in BIG_CATEGORIES},
    "Brand": {"name"},
    "Tag": {"name"},
    "Generation": {"name", "stamp"},  # the refresh's stamp, which retires cached answers
    "Style": {"name"},  # the outfits' labels as nodes, made by the refresh
    "Season": {"name"},
}

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
# field names: the model's own (to overwrite them with anything) and arbitrary ones
field_names = st.sampled_from(
    ["id", "owned_only", "popularity", "likes", "mid_class", "color", "brand", "price", "tags",
     "items", "name", "model_height", "category", "image_urls"]
) | st.text(min_size=1, max_size=12)  # fmt: skip


@st.composite
def records(draw: st.DrawFn) -> list[Any]:
    """A few outfit records: valid ones, and ones with fields added or replaced by anything."""
    out: list[Any] = []
    for n in range(draw(st.integers(1, 5))):
        outfit_id = str(draw(st.integers(900, 905)))  # collisions on purpose
        items = [
            {"item_id": str(9000 + 10 * n + k), "category": cat, "name": f"{name} {n}",
             "brand": draw(st.sampled_from(["a lab", "b co", None])), "price": 30000}
            for k, (cat, name) in enumerate([("상의", "Oxford Shirt"), ("하의", "Denim Jeans")])
        ]  # fmt: skip
        for item in items:
            item.update(draw(st.dictionaries(field_names, json_values, max_size=2)))
        record: Any = {"outfit_id": outfit_id, "gender": "MALE", "items": items}
        record.update(draw(st.dictionaries(field_names, json_values, max_size=2)))
        out.append(record if draw(st.integers(0, 3)) else draw(json_values))  # 1 in 4: anything
    return out


def expected_outfits(data: list[Any]) -> set[str]:
    """The ids the importer must load: valid records with a kept item, first of each id."""
    seen: set[str] = set()
    for record in data:
        if not isinstance(record, dict):
            continue
        try:
            outfit = SnapOutfit.model_validate(record)
        except ValidationError:
            continue
        if outfit.outfit_id not in seen and normalize_outfit(outfit).items:
            seen.add(outfit.outfit_id)
    return seen


def snapshot(driver: Driver) -> str:
    """A checksum of every node's labels and properties and every relationship (without the
    co-occurrence refresh's run stamps, on PAIRS_WITH and the catalog's Generation, which mark
    each run by design)."""
    nodes = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS l, n {.*, stamp: null} AS p ORDER BY elementId(n)"
    ).records
    rels = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, r {.*, stamp: null} AS p, "
        "coalesce(a.id, a.key, a.name) AS a, coalesce(b.id, b.key, b.name) AS b"
    ).records
    rows = sorted(json.dumps([r["l"], r["p"]], sort_keys=True, default=str) for r in nodes)
    rows += sorted(json.dumps([r["t"], r["p"], r["a"], r["b"]], sort_keys=True) for r in rels)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=records())
def test_no_record_shape_rewrites_the_graph(
    clean_graph: Driver, tmp_path: Path, data: list[Any]
) -> None:
    wipe(clean_graph)
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    load_files(clean_graph, [path], progress=False)

    outfits = clean_graph.execute_query("MATCH (o:Outfit) RETURN o.id AS id").records
    assert {r["id"] for r in outfits} == expected_outfits(data)
    nodes = clean_graph.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, keys(n) AS keys"
    ).records
    for node in nodes:
        (label,) = node["labels"]
        allowed = {"Item": ITEM_PROPS, "Outfit": OUTFIT_PROPS}.get(label) or OTHER_PROPS[label]
        assert set(node["keys"]) <= allowed, (label, node["keys"])

    before = snapshot(clean_graph)
    load_files(clean_graph, [path], progress=False)
    assert snapshot(clean_graph) == before  # idempotent
