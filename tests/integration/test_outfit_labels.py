"""What the outfits say about their items, recomputed by the co-occurrence refresh: style and
season nodes, each item's SUITS affinity (its share of outfits of each label) and `worn_by`
(the gender of its outfits, unisex when mixed), checked against the bundled sample counted
here in Python."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

import pytest
from neo4j import Driver

from closet.sample.generate import SAMPLE_PATH
from core.vocabulary import outfit_labels
from graph.ingest.cooccurrence import refresh_cooccurrence
from graph.ingest.loader import load_files


def expected() -> tuple[dict[str, dict[str, str]], dict[str, set[str]], dict[str, Counter]]:
    """Per outfit its labels; per item its outfits' genders and its (kind, label) counts."""
    outfits = json.loads(SAMPLE_PATH.read_text(encoding="utf-8"))
    labels: dict[str, dict[str, str]] = {}
    genders: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, Counter] = defaultdict(Counter)
    for outfit in outfits:
        mine = outfit_labels(outfit.get("style"), outfit.get("season"), outfit.get("gender"))
        labels[outfit["outfit_id"]] = mine
        for item in {str(i["item_id"]) for i in outfit["items"]}:
            genders[item].add(mine["gender"])
            counts[item]["Style", mine["style"]] += 1
            counts[item]["Season", mine["season"]] += 1
    return labels, genders, counts


@pytest.fixture(scope="module")
def sample(driver: Driver) -> Driver:
    from tests.support.neo4j import wipe

    wipe(driver)
    load_files(driver, [SAMPLE_PATH], progress=False)
    return driver


def rows(driver: Driver, query: str, **params: Any) -> list[dict[str, Any]]:
    return [r.data() for r in driver.execute_query(query, params).records]


def test_each_outfit_links_to_its_style_and_season(sample: Driver) -> None:
    labels, _, _ = expected()
    found = rows(
        sample,
        "MATCH (o:Outfit) OPTIONAL MATCH (o)-[:IN_STYLE]->(s:Style) "
        "OPTIONAL MATCH (o)-[:IN_SEASON]->(n:Season) "
        "RETURN o.id AS id, collect(DISTINCT s.name) AS styles, "
        "collect(DISTINCT n.name) AS seasons",
    )
    assert len(found) == len(labels)
    for row in found:
        assert row["styles"] == [labels[row["id"]]["style"]]
        assert row["seasons"] == [labels[row["id"]]["season"]]
    names = rows(sample, "MATCH (s:Style) RETURN s.name AS name")
    assert {r["name"] for r in names} == {"casual", "street", "minimal", "sporty"}


def test_items_know_the_share_of_their_outfits_per_label_and_who_wears_them(
    sample: Driver,
) -> None:
    _, genders, counts = expected()
    found = rows(
        sample,
        "MATCH (i:Item)-[s:SUITS]->(l) RETURN i.id AS id, labels(l)[0] AS kind, l.name AS name, "
        "s.outfits AS n, s.share AS share",
    )
    got: dict[str, Counter] = defaultdict(Counter)
    for row in found:
        got[row["id"]][row["kind"], row["name"]] = row["n"]
        total = sum(v for (kind, _), v in counts[row["id"]].items() if kind == row["kind"])
        assert row["share"] == pytest.approx(row["n"] / total)
    assert got == counts
    worn = {
        r["id"]: r["g"] for r in rows(sample, "MATCH (i:Item) RETURN i.id AS id, i.worn_by AS g")
    }
    for item, seen in genders.items():
        assert worn[item] == (next(iter(seen)) if len(seen) == 1 else "unisex")
    assert "unisex" in worn.values()  # the sample has items worn by men and women


def test_the_labels_follow_an_outfit_that_changed_and_stay_put_otherwise(sample: Driver) -> None:
    def state() -> list[dict[str, Any]]:
        return rows(
            sample,
            "MATCH (a)-[r:IN_STYLE|IN_SEASON|SUITS]->(b) RETURN coalesce(a.id, a.name) AS a, "
            "type(r) AS t, b.name AS b, r.outfits AS n, r.share AS share ORDER BY a, t, b",
        )

    before = state()
    refresh_cooccurrence(sample)
    assert state() == before  # idempotent
    outfit = rows(sample, "MATCH (o:Outfit {style: 'casual'}) RETURN o.id AS id LIMIT 1")[0]["id"]
    sample.execute_query("MATCH (o:Outfit {id: $id}) SET o.style = 'street'", id=outfit)
    refresh_cooccurrence(sample)
    styles = rows(
        sample, "MATCH (:Outfit {id: $id})-[:IN_STYLE]->(s) RETURN s.name AS name", id=outfit
    )
    assert styles == [{"name": "street"}]
    sample.execute_query("MATCH (o:Outfit {id: $id}) SET o.style = 'casual'", id=outfit)
    refresh_cooccurrence(sample)
    assert state() == before


def test_the_browser_query_lists_the_items_of_a_style(sample: Driver) -> None:
    from graph.db.connection import read

    _, _, counts = expected()
    found = read(sample, "explore/items_for_style", style="street")
    assert 0 < len(found) <= 25
    assert found[0]["outfits"] == max(c["Style", "street"] for c in counts.values())
    assert [r["outfits"] for r in found] == sorted((r["outfits"] for r in found), reverse=True)
    assert all(0 < r["share"] <= 1 for r in found)
