"""The in-process catalog cache: one generation at a time, bounded, computing only what it lacks."""

from __future__ import annotations

import threading

from graph.recommend.catalog_cache import CatalogCache


def test_an_answer_is_kept_for_its_generation_only() -> None:
    cache: CatalogCache[int] = CatalogCache("test", entries=10)
    calls: list[str] = []

    def compute(value: int) -> int:
        calls.append(str(value))
        return value

    assert cache.get(1, "a", lambda: compute(10)) == 10
    assert cache.get(1, "a", lambda: compute(11)) == 10  # kept
    assert (cache.hits, cache.misses) == (1, 1)
    assert cache.get(2, "a", lambda: compute(12)) == 12  # a new generation retires it
    assert cache.get(2, "a", lambda: compute(13)) == 12
    assert calls == ["10", "12"]


def test_no_generation_is_never_cached() -> None:
    cache: CatalogCache[int] = CatalogCache("test", entries=10)
    answers = iter(range(5))
    assert [cache.get(None, "a", lambda: next(answers)) for _ in range(3)] == [0, 1, 2]
    assert len(cache) == 0


def test_zero_entries_turns_caching_off() -> None:
    cache: CatalogCache[int] = CatalogCache("test", entries=0)
    answers = iter(range(5))
    assert [cache.get(1, "a", lambda: next(answers)) for _ in range(2)] == [0, 1]


def test_the_least_recently_used_answer_goes_first() -> None:
    cache: CatalogCache[str] = CatalogCache("test", entries=2)
    cache.get(1, "a", lambda: "A")
    cache.get(1, "b", lambda: "B")
    cache.get(1, "a", lambda: "A2")  # a used again: b is now the oldest
    cache.get(1, "c", lambda: "C")
    assert len(cache) == 2
    assert cache.get(1, "a", lambda: "A3") == "A"
    assert cache.get(1, "b", lambda: "B2") == "B2"  # evicted, read again


def test_get_many_computes_only_the_missing_keys_in_one_call() -> None:
    cache: CatalogCache[int] = CatalogCache("test", entries=10)
    asked: list[list[str]] = []

    def compute(keys: list[str]) -> dict[str, int]:
        asked.append(keys)
        return {k: len(k) for k in keys}

    assert cache.get_many(1, ["a", "bb"], compute) == {"a": 1, "bb": 2}
    assert cache.get_many(1, ["bb", "ccc", "a", "ccc"], compute) == {"bb": 2, "ccc": 3, "a": 1}
    assert asked == [["a", "bb"], ["ccc"]]
    assert cache.get_many(1, [], compute) == {}
    assert len(asked) == 2


def test_an_answer_computed_under_a_retired_generation_is_not_kept() -> None:
    cache: CatalogCache[str] = CatalogCache("test", entries=10)

    def slow() -> str:
        cache.get(2, "other", lambda: "new")  # the catalog changed while this was read
        return "old"

    assert cache.get(1, "a", slow) == "old"
    assert cache.get(2, "a", lambda: "fresh") == "fresh"


def test_concurrent_readers_agree() -> None:
    cache: CatalogCache[int] = CatalogCache("test", entries=100)
    seen: list[int] = []

    def reader() -> None:
        for k in range(200):
            seen.append(cache.get(7, k % 50, lambda k=k: k % 50))

    threads = [threading.Thread(target=reader) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 1600
    assert sorted(set(seen)) == list(range(50))
    assert cache.hits + cache.misses == 1600
    assert len(cache) == 50


def test_a_cache_no_longer_used_is_not_listed() -> None:
    import gc

    from graph.recommend.catalog_cache import CACHES

    cache: CatalogCache[int] = CatalogCache("short-lived", entries=1)
    assert cache in CACHES
    del cache
    gc.collect()
    assert "short-lived" not in {c.name for c in CACHES}
