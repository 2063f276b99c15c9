"""The tile: one piece as every gallery of the demo shows it (search, recommendations, closet,
next piece, outfits), and the Gradio component that holds a grid of them.

A tile is the product photo (its `image_url`, loaded by the browser; the locally drawn
placeholder when the photo fails or the demo runs offline), the name on two lines, the brand
and price, an optional badge (the calibrated "goes with yours" percentage, "+3 outfits") and
an optional mark (yours, picked, similar, liked). Its explanation shows on hover, on keyboard
focus and once picked. A pickable tile is a `<button>` (Tab reaches it, Enter or Space picks
it); a tile with actions (remove, like, ...) is a plain box with one button per action.
`tile_gallery()` makes the `gr.HTML` that turns a click on any of those buttons into its
`.select` event: `evt.index` is the tile's position, `evt.value` the action ("pick", ...).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import gradio as gr

from api.schemas.items import Item
from core.vocabulary import COLOR_FAMILIES
from demo.i18n import say
from demo.placeholders import placeholder_data_uri

OFFLINE_ENV = "CLOSET_DEMO_OFFLINE"
TILE_PICTURE = 144  # px: the photo's box in a tile (fixed, so nothing moves while it loads)
SMALL_PICTURE = 64  # px: a piece inside an outfit card

# One delegated listener per grid: a click (or Enter / Space) on an action button becomes the
# grid's select event, and a picked tile stays marked until the grid is rendered again.
TILE_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('[data-action]');
  if (!button || !element.contains(button)) return;
  if (button.dataset.action === 'pick') {
    element.querySelectorAll('.tile.selected').forEach((t) => {
      t.classList.remove('selected');
      t.setAttribute('aria-pressed', 'false');
    });
    button.classList.add('selected');
    button.setAttribute('aria-pressed', 'true');
  }
  trigger('select', {index: Number(button.dataset.index), value: button.dataset.action});
});
"""

# The photo's error handler: show the placeholder. Not `this.onerror = null`: Gradio patches a
# re-rendered grid into the same <img> elements, and a nulled handler would then stay off.
FALLBACK_ON_ERROR = (
    "if (this.src !== this.dataset.fallback) {this.src = this.dataset.fallback; "
    "this.title = this.dataset.note; this.dataset.photo = 'fallback';}"
)

TILE_CSS = f"""
.tile-grid {{display: grid; grid-template-columns: repeat(auto-fill, minmax(156px, 1fr));
  gap: 10px; margin: 6px 0;}}
.tile {{position: relative; display: flex; flex-direction: column; gap: 2px; width: 100%;
  padding: 6px; text-align: left; font: inherit; color: inherit; cursor: default;
  border: 1px solid var(--border-color-primary); border-radius: 10px;
  background: var(--background-fill-primary);}}
button.tile {{cursor: pointer;}}
button.tile:hover, button.tile:focus-visible {{border-color: var(--color-accent);}}
.tile:focus-visible {{outline: 3px solid var(--color-accent); outline-offset: 2px;}}
.tile.selected {{border: 2px solid var(--color-accent); padding: 5px;}}
.tile-photo {{position: relative; display: block; width: 100%; aspect-ratio: 1 / 1;
  border-radius: 8px; overflow: hidden; background: #f3f4f6;}}
.tile-photo img {{width: 100%; height: 100%; object-fit: contain; display: block;}}
.tile-name {{display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
  overflow: hidden; line-height: 1.25em; height: 2.5em; font-weight: 600; font-size: 0.9em;}}
.tile-facts {{font-size: 0.8em; color: #4b5563; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis;}}
.dark .tile-facts {{color: #d1d5db;}}
.tile-badge {{position: absolute; top: 6px; right: 6px; background: #3730a3; color: #fff;
  font-weight: 700; font-size: 0.85em; border-radius: 999px; padding: 2px 8px;}}
.tile-mark {{position: absolute; top: 6px; left: 6px; color: #fff; font-size: 0.75em;
  border-radius: 6px; padding: 1px 6px; background: #374151;}}
.tile-mark.yours {{background: #3730a3;}} .tile-mark.picked {{background: #047857;}}
.tile-mark.liked {{background: #9f1239;}}
.tile-why {{position: absolute; left: 0; right: 0; bottom: 0; max-height: 100%; overflow: auto;
  padding: 6px; font-size: 0.78em; line-height: 1.3; color: #fff;
  background: rgba(17, 24, 39, 0.88); visibility: hidden;}}
.tile:hover .tile-why, .tile:focus-visible .tile-why, .tile:focus-within .tile-why,
.tile.selected .tile-why {{visibility: visible;}}
.tile-actions {{display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px;}}
.tile-actions button {{font: inherit; font-size: 0.78em; padding: 2px 8px; cursor: pointer;
  border-radius: 6px; border: 1px solid var(--border-color-primary);
  background: var(--background-fill-secondary); color: inherit;}}
.tile-actions button[aria-pressed="true"] {{background: #9f1239; color: #fff;}}
.tile-actions button:focus-visible {{outline: 3px solid var(--color-accent);}}
.tile.small {{flex-direction: row; align-items: center; gap: 8px; padding: 4px;}}
.tile.small .tile-photo {{width: {SMALL_PICTURE}px; height: {SMALL_PICTURE}px; flex: none;}}
.tile.small .tile-text {{min-width: 0;}}
.tile.small .tile-mark {{position: static; display: inline-block; margin-right: 4px;}}
.sr-only {{position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap;}}
"""


@dataclass(frozen=True)
class Action:
    """A button on a tile: what it does (the select event's value), its label, and whether it
    is a toggle that is on (aria-pressed)."""

    kind: str
    label: str
    pressed: bool | None = None


def offline() -> bool:
    """True when the demo must not load remote photos (CLOSET_DEMO_OFFLINE=1, `closet ui
    --offline`): every tile shows its placeholder."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def photo_url(item: Item) -> str | None:
    """The photo the browser should load for `item`: its http(s) `image_url` (not when
    offline) or a data: thumbnail kept from an uploaded photo; None for the placeholder."""
    url = (item.image_url or "").strip()
    if url.startswith("data:image/"):
        return url
    if url.startswith(("http://", "https://")) and not offline():
        return url
    return None


def kind_text(item: Item) -> str:
    """'navy shirt': the item's colour family and mid class."""
    color = item.color if item.color and item.color != "unknown" else ""
    return " ".join(p for p in (color, item.mid_class or item.category) if p)


def alt_text(item: Item) -> str:
    """The picture's alt text: it names the piece ('Oxford Shirt — MUJI, navy shirt')."""
    about = ", ".join(p for p in (item.brand, kind_text(item)) if p)
    return f"{item.name} — {about}" if about else item.name


def drawn_note(item: Item, lang: str = "en") -> str:
    """What a placeholder is, on hover: drawn from the kind and colour, with a "?" when the
    colour is not known."""
    if item.color not in COLOR_FAMILIES:
        return say(lang, "No photo, and its colour is not known: hence the question mark.")
    return say(lang, "No photo: drawn from its kind and colour ({kind}).", kind=kind_text(item))


def picture(item: Item, size: int = TILE_PICTURE, lang: str = "en") -> str:
    """The `<img>` of `item`: its photo with the placeholder as the fallback on error (or the
    placeholder alone, saying so on hover), fixed in size, named by its alt text."""
    fallback = placeholder_data_uri(item.category, item.mid_class, item.color, size)
    note = escape(drawn_note(item, lang))
    photo = photo_url(item)
    common = f'alt="{escape(alt_text(item))}" width="{size}" height="{size}"'
    if photo is None:
        return f'<img src="{fallback}" {common} title="{note}" data-photo="placeholder">'
    return (
        f'<img src="{escape(photo)}" {common} loading="lazy" data-photo="remote" '
        f'data-fallback="{fallback}" data-note="{note}" '
        f'onerror="{FALLBACK_ON_ERROR}">'
    )


def price_text(price: int | None) -> str:
    """'₩44,000' (empty when unknown)."""
    return f"₩{price:,}" if price is not None else ""


def tile(
    item: Item,
    index: int | None = None,
    *,
    badge: str = "",
    badge_label: str = "",
    mark: str = "",
    why: str = "",
    actions: Sequence[Action] = (),
    small: bool = False,
    lang: str = "en",
) -> str:
    """One piece as a tile (HTML). With `index` and no `actions` it is a button that picks it;
    with `actions`, one button each. `badge` is short ('87%'), `badge_label` says it in words
    for screen readers and on hover; `mark` is 'yours', 'picked', 'similar', 'liked' or
    'described'; `why` is the explanation."""
    size = SMALL_PICTURE if small else TILE_PICTURE
    facts = " · ".join(p for p in (escape(item.brand or ""), price_text(item.price)) if p)
    name = escape(item.name)
    if item.url and index is None:
        name = f'<a href="{escape(item.url)}" target="_blank" rel="noopener">{name}</a>'
    badge_html = ""
    if badge:
        spoken = f'<span class="sr-only"> {escape(badge_label)}</span>' if badge_label else ""
        title = f' title="{escape(badge_label)}"' if badge_label else ""
        badge_html = f'<span class="tile-badge"{title}>{escape(badge)}{spoken}</span>'
    mark_html = (
        f'<span class="tile-mark {escape(mark)}">{escape(say(lang, mark))}</span>' if mark else ""
    )
    why_html = f'<span class="tile-why">{escape(why)}</span>' if why else ""
    photo = (
        f'<span class="tile-photo">{picture(item, size, lang)}{"" if small else why_html}</span>'
    )
    text = (
        f'<span class="tile-text">{mark_html if small else ""}'
        f'<span class="tile-name">{name}</span><span class="tile-facts">{facts}</span></span>'
    )
    inner = photo + ("" if small else mark_html) + badge_html + text
    if small and why:
        inner += f'<span class="sr-only">{escape(why)}</span>'
    classes = "tile small" if small else "tile"
    data = f'data-item-id="{escape(item.id)}"'
    if index is not None and not actions:
        return (
            f'<button type="button" class="{classes}" {data} data-action="pick" '
            f'data-index="{index}" aria-pressed="false">{inner}</button>'
        )
    if actions and index is not None:
        buttons = "".join(_action_button(a, index, item) for a in actions)
        inner += f'<span class="tile-actions">{buttons}</span>'
    return f'<div class="{classes}" {data} role="listitem">{inner}</div>'


def _action_button(action: Action, index: int, item: Item) -> str:
    pressed = "" if action.pressed is None else f' aria-pressed="{str(action.pressed).lower()}"'
    return (
        f'<button type="button" data-action="{escape(action.kind)}" data-index="{index}"'
        f'{pressed} aria-label="{escape(action.label)}: {escape(item.name)}">'
        f"{escape(action.label)}</button>"
    )


def grid(tiles: Sequence[str], label: str) -> str:
    """Tiles in a grid that wraps to the page's width, labelled for screen readers: a group
    of buttons to pick from, or a list of pieces."""
    pickable = bool(tiles) and all(t.startswith("<button") for t in tiles)
    role = "group" if pickable else "list"
    return (
        f'<div class="tile-grid" role="{role}" aria-label="{escape(label)}">{"".join(tiles)}</div>'
    )


def empty(message: str) -> str:
    """A grid's empty state: what to do next."""
    return f'<p class="empty-note">{escape(message, quote=False)}</p>'


def tile_gallery(elem_id: str, value: str = "", **kwargs: Any) -> gr.HTML:
    """A `gr.HTML` holding tiles; its `.select` fires with the clicked tile's index and action."""
    return gr.HTML(value, js_on_load=TILE_JS, elem_id=elem_id, **kwargs)
