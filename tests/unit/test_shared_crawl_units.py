"""The pieces of the shared crawl that need no server: the request serializer, the depth
claims, the key prefix and the settings that turn a crawl into a worker."""

from __future__ import annotations

import json

import pytest
from scrapy import Request

from scraper.distributed import serializer
from scraper.distributed.settings import check_prefix, redis_settings
from scraper.spiders.memory import Claim, decide


def test_requests_round_trip_through_json_not_pickle() -> None:
    request = Request(
        "http://127.0.0.1:1/api?x=1",
        method="POST",
        body=b"\x00\xffbinary",
        headers={"X-Test": "yes"},
        meta={"snap": {"id": "7", "tags": ["a", "b"]}, "hops": 2},
        priority=-2,
        dont_filter=True,
    )
    data = serializer.dumps(request.to_dict())
    assert json.loads(data)["url"] == "http://127.0.0.1:1/api?x=1"  # plain JSON text
    obj = serializer.loads(data)
    assert obj["body"] == b"\x00\xffbinary"
    assert obj["meta"] == {"snap": {"id": "7", "tags": ["a", "b"]}, "hops": 2}
    assert (obj["priority"], obj["dont_filter"], obj["method"]) == (-2, True, "POST")
    assert serializer.dumps(obj) == data  # the same request is the same text (queue member)


@pytest.mark.parametrize(
    ("known", "depth", "force", "budget_left", "claim"),
    [
        (None, 1, False, True, Claim.NEW),
        (None, 1, False, False, Claim.OVER_BUDGET),
        (1, 1, False, True, Claim.SKIP),
        (0, 1, True, True, Claim.SKIP),  # scheduled nearer: even a forced one is not needed
        (1, 1, True, True, Claim.AGAIN),
        (2, 1, False, False, Claim.NEARER),  # re-expanding a known snap spends no budget
    ],
)
def test_depth_claims(
    known: int | None, depth: int, force: bool, budget_left: bool, claim: Claim
) -> None:
    assert decide(known, depth, force, budget_left) is claim


def test_key_prefix_is_checked() -> None:
    assert check_prefix("closet:%(spider)s") == "closet:%(spider)s"
    assert check_prefix("team-a.crawl_2") == "team-a.crawl_2"
    for bad in ("a b", "x*", "%(other)s", "", "p%s"):
        with pytest.raises(ValueError, match="bad Redis key prefix"):
            check_prefix(bad)


def test_worker_settings_keep_the_project_pipelines_and_extensions() -> None:
    from scraper import settings as project

    got = redis_settings("redis://127.0.0.1:6379/0", "c:%(spider)s", heartbeat=5)
    assert got["SCHEDULER_QUEUE_KEY"] == "c:%(spider)s:requests"
    assert got["SCHEDULER_PERSIST"] is True
    assert set(project.ITEM_PIPELINES) < set(got["ITEM_PIPELINES"])
    order = sorted(got["ITEM_PIPELINES"], key=got["ITEM_PIPELINES"].get)
    assert (
        order.index("scraper.distributed.items.ItemQueue")
        == order.index("scraper.pipelines.Neo4jPipeline") - 1
    )  # queued after normalisation, before the Neo4j writes
    assert set(project.EXTENSIONS) < set(got["EXTENSIONS"])
    assert got["SCHEDULER_SERIALIZER"] == "scraper.distributed.serializer"
