"""The demo's tile (no server needed): which photo the browser is told to load, the
placeholder fallback, alt text, badges, actions and escaping."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from api.schemas.items import Item
from demo import placeholders, tiles


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLOSET_PLACEHOLDER_DIR", str(tmp_path))
    monkeypatch.delenv(tiles.OFFLINE_ENV, raising=False)
    placeholders._cached_file.cache_clear()


class Elements(HTMLParser):
    """Every start tag of a fragment, with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.found if t == tag]


def shirt(**given: object) -> Item:
    fields = {
        "id": "7",
        "name": "Oxford Shirt",
        "brand": "MUJI",
        "price": 39000,
        "category": "top",
        "mid_class": "shirt",
        "color": "navy",
        "image_url": "https://image.msscdn.net/goods/7_500.jpg",
    }
    return Item.model_validate({**fields, **given})


def test_the_browser_loads_the_photo_with_the_placeholder_as_its_fallback() -> None:
    img = Elements(tiles.picture(shirt())).all("img")[0]
    assert img["src"] == "https://image.msscdn.net/goods/7_500.jpg"
    assert img["data-photo"] == "remote"
    assert (img["data-fallback"] or "").startswith("data:image/png;base64,")
    assert img["onerror"] == tiles.FALLBACK_ON_ERROR
    assert img["data-note"] == "No photo: drawn from its kind and colour (navy shirt)."
    assert (img["width"], img["height"]) == ("144", "144")  # fixed: nothing moves on load
    assert img["alt"] == "Oxford Shirt — MUJI, navy shirt"


@pytest.mark.parametrize(
    "url",
    [None, "", "javascript:alert(1)", "file:///etc/passwd", "//cdn.example/x.jpg", "ftp://x/y"],
)
def test_anything_but_an_http_photo_or_a_data_thumbnail_shows_the_placeholder(
    url: str | None,
) -> None:
    img = Elements(tiles.picture(shirt(image_url=url))).all("img")[0]
    assert (img["src"] or "").startswith("data:image/png;base64,")
    assert img["data-photo"] == "placeholder"
    assert "onerror" not in img
    assert img["title"] == "No photo: drawn from its kind and colour (navy shirt)."


def test_a_question_mark_says_why_on_hover_in_both_languages() -> None:
    odd = shirt(image_url=None, category="bag", mid_class="no-such-class", color=None)
    img = Elements(tiles.picture(odd)).all("img")[0]
    assert img["title"] == "No photo, and its colour is not known: hence the question mark."
    korean = Elements(tiles.picture(odd, lang="ko")).all("img")[0]
    assert korean["title"] == "사진이 없고 색도 알 수 없어 물음표로 표시했어요."


def test_offline_the_photo_is_never_requested_but_a_kept_thumbnail_still_shows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(tiles.OFFLINE_ENV, "1")
    assert tiles.photo_url(shirt()) is None
    assert "msscdn" not in tiles.picture(shirt())
    thumbnail = "data:image/jpeg;base64,/9j/4AAQ"
    assert tiles.photo_url(shirt(image_url=thumbnail)) == thumbnail


def test_a_pickable_tile_is_a_button_with_name_brand_price_badge_and_why() -> None:
    html = tiles.tile(shirt(), 3, badge="87%", badge_label="87% goes with yours", why="worn with")
    button = Elements(html).all("button")
    assert len(button) == 1
    assert button[0]["data-action"] == "pick"
    assert button[0]["data-index"] == "3"
    assert button[0]["aria-pressed"] == "false"
    assert '<span class="tile-name">Oxford Shirt</span>' in html
    assert "MUJI · ₩39,000" in html
    assert 'title="87% goes with yours">87%<span class="sr-only"> 87% goes with yours' in html
    assert '<span class="tile-why">worn with</span>' in html


def test_a_tile_with_actions_has_one_labelled_button_each_and_a_toggle_state() -> None:
    actions = (tiles.Action("remove", "Remove"), tiles.Action("like", "Like", pressed=True))
    html = tiles.tile(shirt(), 0, actions=actions, mark="liked")
    found = Elements(html)
    assert found.found[0] == ("div", {"class": "tile", "data-item-id": "7", "role": "listitem"})
    buttons = found.all("button")
    assert [b["data-action"] for b in buttons] == ["remove", "like"]
    assert [b["aria-label"] for b in buttons] == ["Remove: Oxford Shirt", "Like: Oxford Shirt"]
    assert "aria-pressed" not in buttons[0]
    assert buttons[1]["aria-pressed"] == "true"
    assert 'class="tile-mark liked"' in html


def test_names_brands_and_urls_are_escaped() -> None:
    odd = shirt(
        name='<img src=x onerror="alert(1)">',
        brand="A&B",
        image_url='https://x.example/a.jpg" onload="alert(2)',
        url="https://shop.example/7",
    )
    html = tiles.tile(odd, small=True)
    found = Elements(html)
    assert len(found.all("img")) == 1
    img = found.all("img")[0]
    assert img["src"] == 'https://x.example/a.jpg" onload="alert(2)'  # one attribute, inert
    assert "onload" not in img
    assert "A&amp;B" in html
    assert found.all("a")[0]["href"] == "https://shop.example/7"  # a plain tile links the shop


def test_grids_say_what_they_hold() -> None:
    picks = [tiles.tile(shirt(), 0)]
    assert 'role="group" aria-label="Search results"' in tiles.grid(picks, "Search results")
    boxes = [tiles.tile(shirt(), small=True)]
    assert 'role="list" aria-label="Outfit"' in tiles.grid(boxes, "Outfit")
    assert tiles.empty("Add a piece's photo") == ('<p class="empty-note">Add a piece\'s photo</p>')
