"""The graph schema (cypher/schema/constraints.cypher) is applied idempotently."""

from __future__ import annotations

from neo4j import Driver

from graph.db.schema import apply_schema


def test_schema_is_applied_idempotently(clean_graph: Driver) -> None:
    def schema() -> tuple[set, set]:
        constraints = {
            (r["name"], r["type"], tuple(r["labelsOrTypes"]), tuple(r["properties"]))
            for r in clean_graph.execute_query("SHOW CONSTRAINTS").records
        }
        indexes = {
            (r["name"], r["type"], tuple(r["labelsOrTypes"] or ()), tuple(r["properties"] or ()))
            for r in clean_graph.execute_query("SHOW INDEXES").records
        }
        return constraints, indexes

    apply_schema(clean_graph)
    first = schema()
    apply_schema(clean_graph)
    apply_schema(clean_graph)
    assert schema() == first
    constraints, indexes = first
    names = {c[0] for c in constraints}
    assert {"outfit_id", "item_id", "cluster_key", "brand_name", "tag_name"} <= names
    assert ("item_id", "UNIQUENESS", ("Item",), ("id",)) in constraints
    by_name = {i[0]: i for i in indexes}
    assert by_name["item_text"][1] == "FULLTEXT"
    assert set(by_name["item_text"][3]) == {"name", "brand", "mid_class", "color"}
    assert by_name["item_category"][1] == "RANGE"
    online = clean_graph.execute_query(
        "SHOW INDEXES YIELD name, state WHERE state <> 'ONLINE' RETURN name"
    ).records
    assert online == []
