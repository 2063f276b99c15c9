"""`closet enrich`: fill in mid class and colour of the items in the graph, then recluster.

Items lacking a mid class or a colour are read from Neo4j page by page (bounded memory), each
is described by `enrich.describe` (name first, then its image when the name names no colour and
`image_url` is reachable: http(s) or file, with a timeout), in parallel over the cores for the
image work, and written back in batches with their new cluster. Then the co-occurrence
(`PAIRS_WITH`) and cluster counts are recomputed and empty clusters removed. Each item is
stamped with `enrich_version`, so a second run finds nothing to do (idempotent).
"""

from __future__ import annotations

import multiprocessing
import os
import urllib.parse
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from neo4j import Driver

from core.vocabulary import UNKNOWN_COLOR, cluster_key
from enrich.colors import color_from_name
from enrich.describe import combine_colors
from enrich.image import ImageError, default_masker, image_color, load_image
from enrich.taxonomy import mid_class
from graph.db.connection import read, run, run_batches
from graph.ingest.cooccurrence import refresh_cooccurrence

ENRICH_VERSION = 1
PAGE_SIZE = 500


@dataclass
class EnrichReport:
    """What a run did."""

    examined: int = 0
    changed: int = 0
    mid_filled: int = 0
    color_filled: int = 0
    sources: Counter[str] = field(default_factory=Counter)
    image_errors: int = 0
    image_skipped: int = 0
    masker: str = "none"
    imputed: dict[str, int] = field(default_factory=dict)
    pairs: int = 0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-friendly summary."""
        return {
            "examined": self.examined,
            "changed": self.changed,
            "mid_filled": self.mid_filled,
            "color_filled": self.color_filled,
            "color_sources": dict(self.sources),
            "image_errors": self.image_errors,
            "image_skipped": self.image_skipped,
            "masker": self.masker,
            "imputed": self.imputed,
            "pairs": self.pairs,
        }


# ------------------------------------------------------------------ per-item work (in workers)

_WORKER_MASKER: Any = None


def _init_worker(prefer: str) -> None:
    global _WORKER_MASKER

    _WORKER_MASKER = default_masker(prefer, threads=1)


def _image_family(url: str, prefer: str, timeout: float) -> tuple[str | None, str, str | None]:
    """(family, method, error) for one image URL, in a worker process."""
    global _WORKER_MASKER
    if _WORKER_MASKER is None:
        _init_worker(prefer)
    try:
        picture = load_image(url, timeout=timeout)
    except ImageError as error:
        return None, _WORKER_MASKER.name, str(error)
    found = image_color(picture, _WORKER_MASKER)
    return found.family, found.method, None


def _looks_fetchable(url: str | None) -> bool:
    return bool(url) and str(url).split(":", 1)[0].lower() in ("http", "https", "file")


def enrich_row(row: dict[str, Any], image: tuple[str | None, str, str | None] | None) -> dict:
    """The new values of one item (existing values are kept; only missing ones are filled)."""
    mid = row.get("mid_class") or mid_class(
        row.get("name") or "", row.get("category"), row.get("category_path")
    )
    color = row.get("color")
    source = None  # a colour already stored keeps its source
    if not color:
        from enrich.image import ImageColor

        found = None
        if image is not None and image[0] is not None:
            found = ImageColor((0, 0, 0), image[0], 0.0, image[1], 1.0)
        color, source = combine_colors(color_from_name(row.get("name") or ""), found)
    key = cluster_key(mid, color)
    return {
        "id": row["id"],
        "mid_class": mid,
        "color": color,
        "color_source": source,
        "cluster": key,
        "cluster_color": color or UNKNOWN_COLOR,
    }


# ------------------------------------------------------------------------------- the run


def _pages(driver: Driver, force: bool, limit: int | None) -> Iterator[list[dict[str, Any]]]:

    after = ""
    seen = 0
    while True:
        size = PAGE_SIZE if limit is None else min(PAGE_SIZE, limit - seen)
        if size <= 0:
            return
        rows = read(
            driver,
            "enrich/items_to_enrich",
            after=after,
            limit=size,
            force=force,
            version=ENRICH_VERSION,
        )
        if not rows:
            return
        yield rows
        seen += len(rows)
        after = rows[-1]["id"]


def count_pending(driver: Driver, force: bool = False) -> int:
    """How many items the next run would examine."""
    return sum(len(page) for page in _pages(driver, force, None))


def run_enrichment(
    driver: Driver,
    *,
    workers: int | None = None,
    prefer: str = "auto",
    use_images: bool = True,
    timeout: float = 5.0,
    force: bool = False,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> EnrichReport:
    """Enrich the items that need it, write them back, recompute clusters and co-occurrence.

    `progress(n)` is called after each written page with the number of items in it.
    """

    workers = workers or os.cpu_count() or 1
    report = EnrichReport()
    report.masker = default_masker(prefer).name if use_images else "none"
    executor: Executor | None = None
    hosts: dict[str, bool] = {}  # http(s) host -> reachable (learnt from the first images)
    try:
        for page in _pages(driver, force, limit):
            # force recomputes from scratch; otherwise stored values are kept
            rows = [{**r, "mid_class": None, "color": None} if force else r for r in page]
            needs_image = [
                r
                for r in rows
                if use_images
                and not r.get("color")
                and _looks_fetchable(r.get("image_url"))
                and color_from_name(r.get("name") or "") is None
            ]
            images: dict[str, tuple[str | None, str, str | None]] = {}
            if needs_image:
                if executor is None:
                    executor = _executor(workers, prefer)
                images = _fetch_colours(executor, needs_image, prefer, timeout, hosts, report)
            out = []
            for r in rows:
                new = enrich_row(r, images.get(r["id"]))
                original = next(p for p in page if p["id"] == r["id"])
                report.examined += 1
                report.sources[new["color_source"] or "stored"] += 1
                if new["mid_class"] and not original.get("mid_class"):
                    report.mid_filled += 1
                if new["color"] and not original.get("color"):
                    report.color_filled += 1
                if (new["mid_class"], new["color"]) != (
                    original.get("mid_class"),
                    original.get("color"),
                ):
                    report.changed += 1
                out.append(new)
            run_batches(
                driver, "enrich/write_items", out, batch_size=PAGE_SIZE, version=ENRICH_VERSION
            )
            if progress:
                progress(len(page))
    finally:
        if executor is not None:
            executor.shutdown()
    for name in ("likes", "views", "rating"):
        report.imputed[name] = int(run(driver, f"enrich/impute_{name}")[0]["imputed"])
    report.pairs = refresh_cooccurrence(driver)["pairs"]
    return report


PROBES_PER_HOST = 3


def _host(url: str) -> str | None:
    """The host of an http(s) URL (None for file: URLs, which fail one by one)."""
    parsed = urllib.parse.urlparse(url)
    return parsed.netloc.lower() if parsed.scheme.lower() in ("http", "https") else None


def _fetch_colours(
    executor: Any,
    rows: list[dict[str, Any]],
    prefer: str,
    timeout: float,
    hosts: dict[str, bool],
    report: EnrichReport,
) -> dict[str, tuple[str | None, str, str | None]]:
    """Image colours of rows, in the workers. A host whose first images all fail is taken as
    unreachable for the rest of the run: its other images are skipped, not each timed out."""

    def run(batch: list[dict[str, Any]]) -> None:
        urls = [r["image_url"] for r in batch]
        for r, result in zip(
            batch,
            executor.map(_image_family, urls, [prefer] * len(urls), [timeout] * len(urls)),
            strict=True,
        ):
            results[r["id"]] = result
            report.image_errors += result[2] is not None
            host = _host(r["image_url"])
            if host is not None:
                hosts[host] = hosts.get(host, False) or result[2] is None

    results: dict[str, tuple[str | None, str, str | None]] = {}
    unknown: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        host = _host(r["image_url"])
        if host is not None and host not in hosts:
            unknown.setdefault(host, []).append(r)
    probes = [r for group in unknown.values() for r in group[:PROBES_PER_HOST]]
    run(probes)
    probed = {r["id"] for r in probes}
    rest = []
    for r in rows:
        if r["id"] in probed:
            continue
        host = _host(r["image_url"])
        if host is not None and hosts.get(host) is False:
            report.image_skipped += 1
        else:
            rest.append(r)
    run(rest)
    return results


class _InlineExecutor:
    """Runs work in this process (one worker: no pool to start)."""

    def map(self, fn: Callable[..., Any], *iterables: Any) -> Iterator[Any]:
        return map(fn, *iterables)

    def shutdown(self) -> None:
        return None


def _executor(workers: int, prefer: str) -> Any:
    if workers <= 1:
        return _InlineExecutor()
    # spawn, not fork: the parent holds the Neo4j driver's threads and sockets
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(prefer,),
    )
