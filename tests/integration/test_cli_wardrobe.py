"""`closet wardrobe outfits|next` (and its old name `closet closet`) on the hand-built graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import Driver
from typer.testing import CliRunner

from closet.cli import app, output
from graph import wardrobe as store
from tests.support.closet_data import OWNED, load_closet_graph

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables fit the terminal; fix its width so that no assertion depends on the runner's."""
    monkeypatch.setattr(output.out, "width", 200)


@pytest.fixture(scope="module")
def person(driver: Driver, tmp_path_factory: pytest.TempPathFactory) -> str:
    load_closet_graph(driver, Path(tmp_path_factory.mktemp("closet-cli")))
    person = store.create_closet(driver, "cli").person
    for item_id in OWNED:
        store.own_item(driver, person, item_id)
    return person


@pytest.mark.parametrize("group", ["wardrobe", "closet"])
def test_outfits_lists_the_three_wearable_outfits(person: str, group: str) -> None:
    result = runner.invoke(app, [group, "outfits", person])
    assert result.exit_code == 0, result.output
    assert "3 wearable outfits" in result.output
    assert "worn exactly like this in 1 real outfit" in result.output  # CT1 + CB1 is real


def test_next_ranks_the_white_tee_first(person: str) -> None:
    result = runner.invoke(
        app, ["wardrobe", "next", person, "--limit", "3"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "3 wearable outfits now; ranked by rule" in result.output
    rows = [line for line in result.output.splitlines() if "T-Shirt" in line or "Jeans" in line]
    assert rows
    assert "White" in rows[0]
    assert "T-Shirt" in rows[0]


def test_bad_ids_exit_with_a_message(person: str) -> None:
    bad = runner.invoke(app, ["wardrobe", "outfits", "not-an-id"])
    assert bad.exit_code == 2
    assert "is not a closet id" in bad.output
    unknown = runner.invoke(app, ["wardrobe", "next", "0" * 32])
    assert unknown.exit_code == 1
    assert f"no closet with id {'0' * 32}" in unknown.output
    wrong = runner.invoke(app, ["wardrobe", "next", person, "--category", "shoes"])
    assert wrong.exit_code == 2
    assert "category must be one of top, bottom, outer" in wrong.output
    assert "Traceback" not in bad.output + unknown.output + wrong.output
