"""The API keeps its OpenAPI contract: schemathesis generates requests for every operation from
the app's own schema (`schemathesis.openapi.from_asgi`) and runs all of its checks (statuses,
bodies, headers, content types, Allow, valid data accepted, invalid data rejected, auth) against
the real app and the test Neo4j. Zero failures of any kind, not only zero 5xx.

Two runs of every phase (examples, coverage, fuzzing, stateful sequences along the schema's
links): one with every parameter generated and no token, one on a real closet with its token,
so the generated requests reach the closet logic. The run goes through schemathesis' engine, as
its CLI does (its lazy pytest loader fails on pytest 9.2: `'Function' object has no attribute
'_nodeid'`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from neo4j import Driver
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import events, from_schema

from api.app import create_app
from core.settings import Settings
from graph import wardrobe as store
from tests.support.spine_data import load_spine_graph

pytestmark = pytest.mark.slow
EXAMPLES = 25  # per operation, phase and run
# A photo is `format: binary` in the schema, which cannot say "a JPEG, PNG or WebP": for that one
# operation, valid-by-schema bytes may be refused as not a photo (415), damaged (422) or too big.
PHOTO = {
    "include-path": "/closets/{person}/items/photo",
    "checks": {
        "positive_data_acceptance": {
            "expected-statuses": ["2xx", "401", "403", "404", "413", "415", "422"]
        }
    },
}


@pytest.fixture(scope="module")
def contract_app(
    driver: Driver, neo4j_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> FastAPI:
    """The real app on the spine graph; the in-process client's host is trusted, and the rate
    limits are out of the way (their 429 is declared and tested in test_api_edges.py)."""
    load_spine_graph(driver, Path(tmp_path_factory.mktemp("contract")))
    settings = replace(
        neo4j_settings,
        allowed_hosts=(*neo4j_settings.allowed_hosts, "testserver"),
        closets_per_minute=1_000_000,
        writes_per_minute=1_000_000,
    )
    return create_app(settings)


@pytest.fixture(scope="module")
def closet(driver: Driver, contract_app: FastAPI) -> dict[str, str]:
    """A closet owning a shirt and jeans of the spine graph, with its token."""
    made = store.create_closet(driver, "contract")
    for item_id in ("S1", "J1"):
        store.own_item(driver, made.person, item_id)
    return {"person": made.person, "token": made.token}


def _run(app: FastAPI, **project: Any) -> Counter[str]:
    """All of schemathesis' phases (examples, coverage, fuzzing, stateful) and all its checks on
    the app's schema, in process; the count of each phase's scenarios and every failure."""
    config = SchemathesisConfig.from_dict(
        {
            "workers": 1,
            "checks": {"enabled": True},
            "generation": {"max-examples": EXAMPLES},
            "phases": {"stateful": {"max-steps": 6}},
            "operations": [PHOTO],
            **project,
        }
    )
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=config)
    tally: Counter[str] = Counter()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            tally[f"{event.phase.name.lower()} {event.status.value}"] += 1
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.failure_info is not None:
                        tally[f"FAILED {event.label}: {check.name} ({case_id})"] += 1
        elif isinstance(event, events.NonFatalError | events.FatalError):
            tally[f"ERROR {getattr(event, 'label', '')}: {event}"] += 1
    return tally


def _failures(tally: Counter[str]) -> list[str]:
    return [k for k in tally if k.startswith(("FAILED", "ERROR")) or k.endswith(" failure")]


def test_every_operation_keeps_the_contract_for_anyone(contract_app: FastAPI) -> None:
    tally = _run(contract_app)
    assert not _failures(tally), tally
    assert tally["fuzzing success"] >= 19, tally  # every operation was fuzzed
    assert tally["coverage success"] >= 19, tally


def test_every_operation_keeps_the_contract_for_the_owner(
    contract_app: FastAPI, closet: dict[str, str]
) -> None:
    """With a real closet and its token, the generated requests reach the closet logic."""
    tally = _run(
        contract_app,
        parameters={"path.person": closet["person"]},
        headers={"Authorization": f"Bearer {closet['token']}"},
    )
    assert not _failures(tally), tally
    assert tally["fuzzing success"] >= 19, tally
    assert tally["stateful_testing success"] >= 1, tally


def test_the_contract_has_one_error_model(contract_app: FastAPI) -> None:
    """Every declared error status of every operation answers an ErrorBody; FastAPI's own
    validation-error schema is gone."""
    spec = contract_app.openapi()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    errors = 0
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            for status, answer in operation["responses"].items():
                if int(status) >= 400:
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorBody"), (method, path, status)
                    errors += 1
            assert {"400", "503"} <= set(operation["responses"]), (method, path)
    assert errors >= 19 * 2
