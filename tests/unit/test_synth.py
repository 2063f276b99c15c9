"""`closet synth` reproduces the aggregate statistics of the real catalog it was calibrated on
(measured again on its own output), deterministically, with names that read back as the
intended mid class and colour."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.records import SnapOutfit
from core.settings import shared_snap_files
from graph.ingest.normalize import normalize_outfit
from graph.ingest.synth import generate, read_jsonl
from graph.ingest.synth_profile import Profile, default_profile, measure


def total_variation(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(abs(a.get(k, 0.0) - b.get(k, 0.0)) for k in set(a) | set(b)) / 2


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Profile]:
    folder = tmp_path_factory.mktemp("synth")
    report = generate(8000, 2400, seed=5, out=folder)
    assert (report.items, report.outfits) == (8000, 2400)
    rows = [normalize_outfit(SnapOutfit.model_validate(r)) for r in read_jsonl(report.outfits_file)]
    return folder, measure(rows)


def test_it_reproduces_the_real_catalogs_shape(synthetic: tuple[Path, Profile]) -> None:
    real, made = default_profile(), synthetic[1]
    assert made.outfits == 2400
    assert total_variation(real.categories, made.categories) < 0.05
    assert total_variation(real.category_sets, made.category_sets) < 0.05
    assert total_variation(real.outfit_sizes, made.outfit_sizes) < 0.05
    for category, mids in real.mid_classes.items():
        assert total_variation(mids, made.mid_classes[category]) < 0.08, category
    assert abs(made.same_brand_pairs - real.same_brand_pairs) < 0.04  # brand shoots: 34%
    assert abs(made.recurrence["1"] - real.recurrence["1"]) < 0.05  # the long tail worn once
    assert made.recurrence.get("6+", 0) > 0  # ... and a few pieces worn often
    assert abs(made.top_pair_share - real.top_pair_share) < 0.1  # cluster pairs as concentrated
    assert set(made.styles) == set(real.styles)
    assert total_variation(real.seasons, made.seasons) < 0.05


def test_names_read_back_as_their_mid_class_and_colour(synthetic: tuple[Path, Profile]) -> None:
    folder, _ = synthetic
    items = [item for outfit in read_jsonl(folder / "outfits.jsonl") for item in outfit["items"]]
    rows = [
        it
        for outfit in read_jsonl(folder / "outfits.jsonl")
        for it in normalize_outfit(SnapOutfit.model_validate(outfit)).items
    ]
    with_mid = sum(1 for r in rows if r.mid_class) / len(rows)
    with_color = sum(1 for r in rows if r.color) / len(rows)
    real = default_profile()
    colourless = sum(
        real.categories[c] * share * real.colors[m].get("none", 0.0)
        for c, mids in real.mid_classes.items()
        for m, share in mids.items()
    )
    assert with_mid > 0.99
    assert abs(with_color - (1 - colourless)) < 0.03  # as often colourless as real names
    assert len({i["name"] for i in items}) > 200  # templates, not one name per class
    assert all(i["brand"] and i["price"] > 0 for i in items)


def test_the_same_item_is_the_same_record_everywhere(synthetic: tuple[Path, Profile]) -> None:
    folder, _ = synthetic
    seen: dict[str, dict] = {}
    for outfit in read_jsonl(folder / "outfits.jsonl"):
        for item in outfit["items"]:
            record = {k: v for k, v in item.items() if k != "position"}
            assert seen.setdefault(item["item_id"], record) == record
    catalog = {r["item_id"] for r in read_jsonl(folder / "catalog.jsonl")}
    assert not catalog & set(seen)  # the catalog file holds only items worn in no outfit
    assert len(catalog) + len(seen) == 8000


def test_even_a_tiny_catalog_gives_whole_outfits(tmp_path: Path) -> None:
    report = generate(30, 40, seed=3, out=tmp_path)  # most mid classes have no item at all
    sizes = [len(o["items"]) for o in read_jsonl(report.outfits_file)]
    assert len(sizes) == 40
    assert min(sizes) >= 1


def test_a_seed_gives_the_same_catalog(tmp_path: Path) -> None:
    one = generate(500, 150, seed=9, out=tmp_path / "a")
    two = generate(500, 150, seed=9, out=tmp_path / "b")
    other = generate(500, 150, seed=10, out=tmp_path / "c")
    text = one.outfits_file.read_bytes()
    assert text == two.outfits_file.read_bytes()
    assert text != other.outfits_file.read_bytes()


def test_images_are_rendered_when_asked(tmp_path: Path) -> None:
    images = tmp_path / "images"
    images.mkdir()
    report = generate(40, 10, seed=1, out=tmp_path, images=images)
    urls = [i["image_url"] for o in read_jsonl(report.outfits_file) for i in o["items"]]
    urls += [i["image_url"] for i in read_jsonl(report.catalog_file)]
    assert len(urls) >= 40
    assert all(u.startswith("file://") for u in urls)
    assert len(list(images.glob("*.png"))) == 40


def test_the_shipped_profile_is_the_real_datas(tmp_path: Path) -> None:
    files = shared_snap_files()
    if not all(f.is_file() for f in files):
        pytest.skip(f"real data not found at {files[0].parent} (clone with ../shared beside it)")
    rows = [
        normalize_outfit(SnapOutfit.model_validate(r))
        for f in files
        for r in json.loads(f.read_text(encoding="utf-8"))
    ]
    assert json.loads(measure(rows).to_json()) == json.loads(default_profile().to_json())
