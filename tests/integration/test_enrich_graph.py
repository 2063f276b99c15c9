"""`closet enrich` and `closet stats` against a real Neo4j: colours from names and images,
reclustering, co-occurrence, imputation, idempotency."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from enrich.synthetic import render
from graph.db.connection import read
from graph.db.server import free_port
from graph.ingest.enrichment import EnrichReport, _fetch_colours, _InlineExecutor, run_enrichment
from graph.ingest.loader import load_files
from graph.ingest.stats import collect_stats, cooccurrence_matrix


def _image(tmp_path: Path, name: str, kind: str, family: str, background: str) -> str:
    picture = render(kind, family, background, np.random.default_rng(len(name)), shadow=True)
    path = tmp_path / f"{name}.png"
    picture.save(path)
    return path.as_uri()


def _item(item_id: str, category: str, name: str, image_url: str | None = None, **extra):
    return {
        "item_id": item_id,
        "category": category,
        "name": name,
        "brand": "test",
        "price": 10000,
        "image_url": image_url,
        "purchase_url": None,
        "image_urls": [],
        **extra,
    }


@pytest.fixture
def loaded(clean_graph, tmp_path: Path):
    """Four outfits whose items need enrichment in different ways."""
    dead = f"http://127.0.0.1:{free_port()}/nothing.jpg"  # refused at once, never external
    tee = _item("901", "상의", "Plain Cotton Tee", _image(tmp_path, "tee", "top", "red", "white"))
    jacket = _item(
        "902",
        "아우터",
        "Mystery Work Jacket",
        _image(tmp_path, "jacket", "outer", "navy", "gradient"),
        rating=3.0,
    )
    jeans = _item("903", "하의", "Wide Denim Pants Black", None, likes=5, rating=4.0)
    sweat = _item("904", "상의", "Graphic Sweatshirt", dead)
    nothing = _item("905", "상의", "김씨네과일 복숭아", None)
    skirt = _item(
        "906",
        "하의",
        "Pleated Midi Skirt",
        _image(tmp_path, "skirt", "trousers", "green", "textured"),
    )
    outfits = [
        {"outfit_id": "801", "items": [tee, jeans], "views": 100},
        {"outfit_id": "802", "items": [jacket, jeans, sweat], "views": 40},
        {"outfit_id": "803", "items": [tee, skirt, nothing]},
        {"outfit_id": "804", "items": [jacket, skirt], "likes": 7},
    ]
    path = tmp_path / "outfits.json"
    path.write_text(json.dumps(outfits, ensure_ascii=False), encoding="utf-8")
    report = load_files(clean_graph, [path])
    assert report.outfits == 4
    return clean_graph


def _items(driver) -> dict[str, dict]:
    ids = ["901", "902", "903", "904", "905", "906"]
    return {r["id"]: r for r in read(driver, "enrich/item_state", ids=ids)}


def _expected_pairs(driver) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for row in read(driver, "enrich/outfit_clusters"):
        for a, b in combinations(sorted(set(row["clusters"])), 2):
            counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts


def test_enrich_fills_colours_reclusters_and_is_idempotent(loaded) -> None:
    before = _items(loaded)
    assert before["901"]["clusters"] == ["t-shirt|unknown"]
    assert before["903"]["color"] == "black"  # the importer already read the name

    report = run_enrichment(loaded, workers=2, prefer="fallback", timeout=2.0)
    after = _items(loaded)
    assert report.examined == 5  # all but the jeans, which had mid class and colour
    assert report.masker == "fallback"
    assert report.image_errors == 1  # the refused URL
    assert after["901"]["color"] == "red"
    assert after["901"]["color_source"] == "image/fallback"
    assert after["901"]["clusters"] == ["t-shirt|red"]
    assert after["902"]["color"] == "navy"
    assert after["902"]["clusters"] == ["jacket|navy"]
    assert after["906"]["clusters"] == ["skirt|green"]
    assert after["904"]["color"] is None
    assert after["904"]["color_source"] == "none"
    assert after["904"]["clusters"] == ["sweatshirt|unknown"]
    assert after["905"]["mid_class"] is None
    assert after["905"]["clusters"] == []
    # old clusters left without items are gone; PAIRS_WITH equals a recomputation
    assert read(loaded, "enrich/orphan_clusters") == []
    stored = {(r["a"], r["b"]): r["outfits"] for r in read(loaded, "enrich/stats_pairs")}
    assert stored == _expected_pairs(loaded)
    assert stored[("jacket|navy", "skirt|green")] == 1
    assert stored[("jeans|black", "t-shirt|red")] == 1

    again = run_enrichment(loaded, workers=2, prefer="fallback", timeout=2.0)
    assert again.examined == 0
    assert _items(loaded) == after
    assert {(r["a"], r["b"]): r["outfits"] for r in read(loaded, "enrich/stats_pairs")} == stored


def test_imputation_marks_what_it_filled(loaded) -> None:
    run_enrichment(loaded, workers=1, prefer="fallback", use_images=False)
    items = _items(loaded)
    assert items["903"]["likes"] == 5
    assert "likes" not in (items["903"]["imputed"] or [])
    assert items["901"]["likes"] == 0
    assert "likes" in items["901"]["imputed"]
    # views: from the outfit wearing it (the most viewed one)
    assert items["901"]["views"] == 100
    assert "views" in items["901"]["imputed"]
    assert items["903"]["views"] == 100
    assert items["902"]["views"] == 40
    assert items["906"]["views"] is None  # its outfits have no views
    # rating: the mean of crawled ratings (3.0 and 4.0)
    assert items["905"]["rating"] == pytest.approx(3.5)
    assert "rating" in items["905"]["imputed"]
    assert items["902"]["rating"] == 3.0
    assert "rating" not in (items["902"]["imputed"] or [])
    outfits = {
        r["id"]: r for r in read(loaded, "enrich/outfit_state", ids=["801", "802", "803", "804"])
    }
    assert outfits["804"]["likes"] == 7
    assert outfits["804"]["imputed"] is None
    assert outfits["801"]["likes"] == 0
    assert outfits["801"]["imputed"] == ["likes"]
    # a second run recomputes nothing new and leaves the markers as they are
    run_enrichment(loaded, workers=1, prefer="fallback", use_images=False, force=True)
    assert _items(loaded)["901"]["imputed"] == items["901"]["imputed"]


def test_stats_and_plot(loaded, tmp_path: Path) -> None:
    run_enrichment(loaded, workers=1, prefer="fallback")
    stats = collect_stats(loaded)
    assert stats.items == 6
    assert stats.outfits == 4
    assert stats.by_category == {"top": 3, "bottom": 2, "outer": 1}
    assert stats.by_color["red"] == 1
    assert stats.by_color["(none)"] == 2
    assert stats.by_color_source == {"image/fallback": 3, "none": 2, "import": 1}
    assert stats.clustered_items == 5
    assert stats.paired_items == 5  # every cluster here is worn with another one
    pairs = len(_expected_pairs(loaded))
    assert stats.pairs == pairs
    assert stats.pair_sparsity == pytest.approx(
        1 - pairs / (stats.clusters * (stats.clusters - 1) / 2)
    )
    keys, matrix = cooccurrence_matrix(loaded)
    assert (matrix == matrix.T).all()
    assert matrix.sum() == 2 * sum(_expected_pairs(loaded).values())
    assert len(keys) == stats.clusters

    png = tmp_path / "plot" / "cooc.png"
    done = subprocess.run(
        [sys.executable, "-m", "closet", "stats", "--json", "--plot", str(png)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout[: done.stdout.rindex("}") + 1])
    assert printed["items"] == 6
    assert printed["clusters"] == stats.clusters
    with Image.open(png) as picture:
        assert picture.format == "PNG"
        assert picture.width > 200


def test_enrich_cli_reports_and_is_idempotent(loaded) -> None:
    command = [
        sys.executable,
        "-m",
        "closet",
        "enrich",
        "--json",
        "--workers",
        "1",
        "--masker",
        "fallback",
        "--timeout",
        "2",
    ]
    first = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["examined"] == 5
    assert report["color_sources"]["image/fallback"] == 3
    second = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert json.loads(second.stdout)["examined"] == 0
    bad = subprocess.run(
        [*command[:-4], "--masker", "magic"], capture_output=True, text=True, timeout=120
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


def test_unreachable_host_is_probed_then_skipped(tmp_path: Path) -> None:
    """After its first images fail, a host's other images are skipped, not each timed out."""
    port = free_port()  # nothing listens: connections are refused at once
    rows = [{"id": str(n), "image_url": f"http://127.0.0.1:{port}/{n}.jpg"} for n in range(7)]
    good = tmp_path / "ok.png"
    render("top", "red", "white", np.random.default_rng(1)).save(good)
    rows.append({"id": "file", "image_url": good.as_uri()})
    report, hosts = EnrichReport(), {}
    found = _fetch_colours(_InlineExecutor(), rows, "fallback", 2.0, hosts, report)
    assert report.image_errors == 3
    assert report.image_skipped == 4
    assert hosts == {f"127.0.0.1:{port}": False}
    assert found["file"][0] == "red"
    assert found["0"][2] is not None
    assert "6" not in found
