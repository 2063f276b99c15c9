"""Hostile strings in every string parameter of every operation (path, query and body, read from
the app's own OpenAPI schema) leave the catalogue unchanged: the same nodes, relationships and
properties, checked by a checksum. Every answer is a success or a declared 4xx with the one
error body, never a 5xx.

Each request is otherwise valid (a real closet with its token, real item ids), so the hostile
value is the only thing wrong with it and reaches as deep as validation lets it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from neo4j import Driver

from core.settings import Settings
from tests.support.api_server import client, serve_api
from tests.support.catalogue import catalogue
from tests.support.spine_data import load_spine_graph

pytestmark = pytest.mark.slow

HOSTILE = [
    # Cypher injection
    "' OR 1=1 //",
    "S1'}) MATCH (n) DETACH DELETE n //",
    '"}) DETACH DELETE n WITH 1 AS x MATCH (y) SET y.name = "pwned" //',
    "S1` SET i.price = 0 //",
    "$item_id",
    "{id: 'S1'}",
    "S1\nMATCH (n) DETACH DELETE n",
    # Lucene syntax and escapes
    "*:*",
    "name:* OR brand:*",
    "((((",
    '"unterminated',
    "a~~~^^^!!",
    "AND OR NOT",
    "\\",
    "/regex.*/",
    # control, bidi, NUL, escapes
    "\x00",
    "S1\x00",
    "\x1b[31mred\x1b[0m",
    "\u202eevil\u202c",
    "\u200b\ufeff",
    "%00",
    "%2e%2e%2f",
    "../../etc/passwd",
    # other interpreters, numbers, empty, big
    "{{7*7}}",
    "${jndi:ldap://127.0.0.1/x}",
    "<script>alert(1)</script>",
    "NaN",
    "-1",
    "1e309",
    "null",
    "",
    " ",
    "옷" * 200,
    "a" * 10_000,
]

# A valid body for every operation that takes one; the hostile value replaces one string in it.
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/closets"): {"label": "mine"},
    ("put", "/closets/{person}/items/{item_id}"): {"since": "2024-03-01"},
    ("post", "/closets/{person}/items"): {
        "category": "top",
        "mid_class": "shirt",
        "color": "navy",
        "name": "my shirt",
        "since": "2024-03-01",
    },
    ("post", "/closets/{person}/complete"): {"items": ["S1"], "categories": ["bottom"]},
    ("post", "/closets/{person}/feedback"): {"item_id": "B1", "kind": "like"},
    ("post", "/closet/recommendations"): {"items": ["S1"]},
}
VALID = {"item_id": "S1", "owned": "S1", "picked": "B1", "kind": "like", "q": "navy"}


@pytest.fixture(scope="module")
def served(
    driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    load_spine_graph(driver, Path(tmp_path_factory.mktemp("hostile")))
    settings = replace(neo4j_settings, closets_per_minute=10**6, writes_per_minute=10**6)
    with serve_api(settings) as url, client(url) as http:
        yield http


def _is_text(schema: dict[str, Any]) -> bool:
    """A free string (not an enum), or a list of them."""
    if schema.get("type") == "array":
        return _is_text(schema.get("items", {}))
    options = schema.get("anyOf", [schema])
    return any(o.get("type") == "string" and "enum" not in o for o in options)


def _body_fields(spec: dict[str, Any], operation: dict[str, Any]) -> dict[str, dict]:
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    schema = body.get("schema", {})
    schema = next(iter(schema.get("oneOf", [])), schema)  # one variant speaks for the union
    schema = next((s for s in schema.get("anyOf", [schema]) if "$ref" in s), schema)
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema.get("properties", {})


def string_targets(spec: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(method, path, where, name) of every free-string parameter and body field."""
    targets = []
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for p in operation.get("parameters", []):
                if _is_text(p["schema"]):
                    targets.append((method, path, p["in"], p["name"]))
            for name, field in _body_fields(spec, operation).items():
                if _is_text(field):
                    targets.append((method, path, "body", name))
    return targets


def request(
    http: httpx.Client,
    closet: dict[str, str],
    target: tuple[str, str, str, str],
    value: str,
) -> httpx.Response:
    """The operation with valid values everywhere but `value` in the target parameter."""
    method, path, where, name = target
    values = {**VALID, "person": closet["person"]}
    body = BODIES.get((method, path))
    params: dict[str, Any] = {}
    if where == "path":
        values[name] = value
    elif where == "query":
        params[name] = value
    elif body is not None:
        body = {**body, name: [value] if isinstance(body.get(name), list) else value}
    url = path.format(**{k: quote(v, safe="") for k, v in values.items()})
    for p in ("owned", "picked"):
        if path == "/outfits" and p not in params:
            params[p] = VALID[p]
    headers = {"Authorization": f"Bearer {closet['token']}"}
    return http.request(method, url, params=params, json=body, headers=headers)


def test_every_string_parameter_takes_hostile_strings_without_changing_the_catalogue(
    served: httpx.Client, driver: Driver
) -> None:
    http = served
    spec = http.get("/openapi.json").json()
    targets = string_targets(spec)
    assert {t[1] for t in targets if t[2] == "body"} >= {p for _, p in BODIES}, targets
    made = http.post("/closets", json={"label": "hostile"}).json()
    for item_id in ("S1", "J1"):
        http.put(f"/closets/{made['person']}/items/{item_id}", headers=auth(made))
    before = catalogue(driver)

    statuses: Counter[int] = Counter()
    for target in targets:
        for value in HOSTILE:
            answer = request(http, made, target, value)
            statuses[answer.status_code] += 1
            assert answer.status_code < 500, (target, value, answer.text[:300])
            if answer.status_code >= 400:
                assert isinstance(answer.json()["detail"], str), (target, value)

    assert catalogue(driver) == before  # counts and the checksum of every property
    assert sum(statuses.values()) == len(targets) * len(HOSTILE)
    assert len(targets) >= 20, targets  # every operation's strings, not a few
    assert statuses[200] + statuses[201] + statuses[204] > 0  # some reached the logic
    shown = http.get(f"/closets/{made['person']}").json()
    assert all("\x00" not in i["item"]["name"] for i in shown["items"])


def auth(made: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {made['token']}"}
