"""Placeholder pictures and page text of the demo (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from api.schemas.items import Item, OutfitsResponse
from core.vocabulary import COLOR_FAMILIES
from demo import placeholders, render
from enrich.colors import family_rgb


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOSET_PLACEHOLDER_DIR", str(tmp_path))
    placeholders._cached_file.cache_clear()


def _center_colour(path: Path) -> tuple[int, int, int]:
    with Image.open(path) as image:
        return image.convert("RGB").getpixel((image.width // 2, int(image.height * 0.62)))


@pytest.mark.parametrize("family", sorted(COLOR_FAMILIES))
def test_placeholder_is_filled_with_the_colour_family(family: str) -> None:
    path = placeholders.placeholder_path("top", "t-shirt", family)
    assert path.is_file()
    assert path.suffix == ".png"
    assert _center_colour(path) == family_rgb(family)


def test_shapes_differ_by_category_and_files_are_reused(tmp_path: Path) -> None:
    pants = placeholders.placeholder_path("bottom", "jeans", "blue")
    tee = placeholders.placeholder_path("top", "t-shirt", "blue")
    assert pants != tee
    assert pants.read_bytes() != tee.read_bytes()
    assert placeholders.placeholder_path("bottom", "slacks", "blue") == pants  # same shape
    assert pants.parent == tmp_path
    before = pants.stat().st_mtime_ns
    placeholders._cached_file.cache_clear()
    assert placeholders.placeholder_path("bottom", "jeans", "blue").stat().st_mtime_ns == before
    # unknown colour and unknown class still draw something (neutral, with a question mark)
    odd = placeholders.placeholder_path("bag", "no-such-class", None)
    assert odd.name == "tote-unknown.png"
    assert odd.is_file()
    for category in ("top", "bottom", "outer", "shoes", "bag", "hat"):
        assert placeholders.shape_for(category, None) != "unknown"


def test_data_uri_is_a_small_png() -> None:
    uri = placeholders.placeholder_data_uri("hat", "cap", "red", 64)
    assert uri.startswith("data:image/png;base64,")
    assert len(uri) < 20_000


def test_outfit_text_says_which_match_and_escapes_names() -> None:
    owned = Item(id="1", name="<b>Tee</b>", category="top", mid_class="t-shirt", color="navy")
    picked = Item(
        id="2",
        name="Jeans",
        category="bottom",
        mid_class="jeans",
        color="blue",
        url="https://shop.example.invalid/goods/2",
    )
    both = OutfitsResponse(
        owned="1",
        picked="2",
        match="items",
        count=1,
        outfits=[{"id": "9", "items": [owned, picked], "style": "casual"}],
    )
    text = render.match_text(both, owned, picked)
    assert "1 real outfit wears both pieces" in text
    html = render.outfit_cards(both, owned, picked)
    assert 'data-match="items"' in html
    assert "<b>Tee</b>" not in html
    assert "&lt;b&gt;" in html
    assert 'href="https://shop.example.invalid/goods/2" target="_blank"' in html
    assert "http" not in html.replace("https://shop.example.invalid/goods/2", "")  # no images
    similar = both.model_copy(update={"match": "clusters"})
    assert "same kinds and colours" in render.match_text(similar, owned, picked)
    assert "navy t-shirt with blue jeans" in render.match_text(similar, owned, picked)
    none = OutfitsResponse(owned="1", picked="2", match="none", count=0, outfits=[])
    assert "No outfit combines" in render.match_text(none, owned, picked)
