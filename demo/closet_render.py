"""What the "My closet" tab shows, as HTML: the owned pieces as a grid by category, the outfits
you can wear now, the next pieces, the capsule, completed looks and today's outfit.

Pure functions from the closet API's JSON to escaped HTML; every piece is a `demo.tiles` tile,
and every empty answer says what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from api.schemas.items import Item
from core.vocabulary import BIG_CATEGORIES
from demo.i18n import say
from demo.render import CATEGORY_LABELS
from demo.tiles import Action, empty, grid, price_text, tile

NO_CLOSET = "No closet yet: press **New closet** (it lives in this browser)."
EMPTY_CLOSET = (
    "Your closet is empty. Open “Add pieces” below: search the catalogue, describe a piece "
    "or upload its photo."
)
NO_OUTFIT = (
    "No wearable outfit yet: add a top and a bottom that go together, or see which piece "
    "to buy in “Next piece”."
)


def item_of(data: dict[str, Any]) -> Item:
    """The API's item JSON as the demo's Item."""
    return Item.model_validate(data)


def piece_name(item: dict[str, Any]) -> str:
    """'Oxford Shirt — shirt · navy — ₩44,000': a piece in a choice list."""
    kind = (item.get("cluster") or "").replace("|", " · ")
    price = price_text(item.get("price"))
    return " — ".join(p for p in (item.get("name") or item["id"], kind, price) if p)


def owned_order(view: dict[str, Any]) -> list[dict[str, Any]]:
    """The owned pieces in the order the grid shows them (by category, then as added)."""
    order = {c: i for i, c in enumerate(BIG_CATEGORIES)}
    return sorted(view["items"], key=lambda o: order.get(o["item"]["category"], len(order)))


def closet_grid(view: dict[str, Any], liked: set[str], lang: str = "en") -> str:
    """The owned pieces as pictures grouped by category, each with remove, like and
    not-for-me; the tile index is its place in `owned_order(view)`."""
    if not view["items"]:
        return empty(say(lang, EMPTY_CLOSET))
    many = "You can wear {n} outfits now"
    if view["wearable_outfits"] == 1:
        many = "You can wear {n} outfit now"
    count = say(lang, many, n=view["wearable_outfits"])
    pieces, groups = owned_order(view), []
    for cat in BIG_CATEGORIES:
        tiles = []
        for index, owned in enumerate(pieces):
            item = owned["item"]
            if item["category"] != cat:
                continue
            is_liked = item["id"] in liked
            actions = (
                Action("remove", say(lang, "Remove")),
                Action("like", say(lang, "Like"), pressed=is_liked),
                Action("dismiss", say(lang, "Not for me")),
            )
            mark = "liked" if is_liked else ("described" if owned["owned_only"] else "")
            tiles.append(tile(item_of(item), index, mark=mark, actions=actions, lang=lang))
        if tiles:
            label = say(lang, CATEGORY_LABELS[cat])
            groups.append(
                f'<section class="closet-group"><h4>{escape(label)} · {len(tiles)}</h4>'
                f"{grid(tiles, label)}</section>"
            )
    parts = (
        f'<p class="closet-count" id="closet-wearable-count"><b>{escape(count)}</b></p>'
        f'<div class="closet-groups">{"".join(groups)}</div>'
    )
    return f'<div id="closet-list">{parts}</div>'


def _outfit_card(
    pieces: list[str],
    explanation: str,
    label: str,
    head: str = "",
    notes: Sequence[str] = (),
) -> str:
    """An outfit's pieces as small tiles, a heading, notes per piece and why it holds."""
    heading = f'<div class="outfit-head">{escape(head)}</div>' if head else ""
    listed = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return (
        f'<div class="outfit-card">{heading}{grid(pieces, label)}'
        + (f'<ul class="look-notes">{listed}</ul>' if listed else "")
        + f'<div class="outfit-desc">{escape(explanation)}</div></div>'
    )


def outfits_html(data: dict[str, Any], lang: str = "en") -> str:
    """The wearable outfits: the count, and each outfit's pieces and why it holds together."""
    many = "{n} wearable outfits" if data["count"] != 1 else "{n} wearable outfit"
    seen = say(lang, "({n} seen whole in real outfits)", n=data["real"])
    head = (
        f'<p class="closet-count"><b>{say(lang, many, n=data["count"])}</b> {seen}'
        f" — {escape(data['definition'])}</p>"
    )
    if not data["outfits"]:
        return head + empty(say(lang, NO_OUTFIT))
    label = say(lang, "Outfit")
    cards = [
        _outfit_card(
            [tile(item_of(i), small=True, lang=lang) for i in o["items"]],
            o["explanation"],
            label,
            f"{label} {n}",
        )
        for n, o in enumerate(data["outfits"], start=1)
    ]
    return head + f'<div class="outfit-grid">{"".join(cards)}</div>'


def next_html(data: dict[str, Any], liked: set[str], lang: str = "en") -> str:
    """The next pieces as tiles (the outfits each adds as the badge; like, not for me, bought
    it), then what each one unlocks."""
    if not data["items"]:
        return empty(say(lang, "No piece adds an outfit yet: add a top or a bottom."))
    tiles, unlocks = [], []
    for index, n in enumerate(data["items"]):
        gained = "+{n} outfits" if n["new_outfits"] != 1 else "+{n} outfit"
        actions = (
            Action("like", say(lang, "Like"), pressed=n["item"]["id"] in liked),
            Action("dismiss", say(lang, "Not for me")),
            Action("pick", say(lang, "Bought it")),
        )
        tiles.append(
            tile(
                item_of(n["item"]),
                index,
                badge=f"+{n['new_outfits']}",
                badge_label=say(lang, gained, n=n["new_outfits"]),
                why=n["explanation"],
                actions=actions,
                lang=lang,
            )
        )
        outfits = "".join(
            "<li>" + " + ".join(escape(i["name"]) for i in o["items"]) + "</li>"
            for o in n["unlocks"]
        )
        unlocks.append(
            f'<li data-item-id="{escape(n["item"]["id"])}"><b>{escape(n["item"]["name"])}</b>'
            f" — <b>{say(lang, gained, n=n['new_outfits'])}</b>"
            f"<br><small>{escape(n['explanation'])}</small><ul>{outfits}</ul></li>"
        )
    head = say(
        lang,
        "<p>You can wear <b>{n}</b> outfits now (ranked by the {model} model).</p>",
        n=data["current_outfits"],
        model=escape(data["model"]),
    )
    details = (
        f'<details class="why"><summary>{escape(say(lang, "What each one unlocks"))}</summary>'
        f'<ol id="closet-next-list">{"".join(unlocks)}</ol></details>'
    )
    return head + grid(tiles, say(lang, "The next piece to buy")) + details


def capsule_html(data: dict[str, Any], lang: str = "en") -> str:
    """The capsule's purchases, step by step, as tiles (each with the outfits it adds)."""
    if not data["steps"]:
        return empty(say(lang, "No piece adds an outfit yet: add a top or a bottom."))
    tiles = []
    for step in data["steps"]:
        piece = step["piece"]
        total = say(lang, "{n} outfits", n=step["total_outfits"])
        tiles.append(
            tile(
                item_of(piece["item"]),
                badge=f"+{piece['new_outfits']}",
                badge_label=f"→ {total}",
                why=f"→ {total}. {piece['explanation']}",
                lang=lang,
            )
        )
    span = say(
        lang,
        "<p>From {a} to <b>{b}</b> outfits.</p>",
        a=data["start_outfits"],
        b=data["end_outfits"],
    )
    label = say(lang, "Capsule: best purchases together")
    return f"{span}{grid(tiles, label)}<p><small>{escape(data['method'])}</small></p>"


def looks_html(data: dict[str, Any], lang: str = "en") -> str:
    """The completed looks, each piece with its role (given, closet, catalog) and why."""
    if not data["looks"]:
        return empty(data.get("note") or say(lang, "No look found."))
    label = say(lang, "Complete the look")
    looks = []
    for look in data["looks"]:
        pieces = [
            tile(item_of(p["item"]), mark=p["role"], why=p["explanation"], small=True, lang=lang)
            for p in look["items"]
        ]
        notes = [
            f"{p['item']['name']}: {p['explanation']}" for p in look["items"] if p["explanation"]
        ]
        looks.append(_outfit_card(pieces, look["explanation"], label, notes=notes))
    return f'<div class="outfit-grid" id="closet-looks-list">{"".join(looks)}</div>'


def today_html(data: dict[str, Any], lang: str = "en") -> str:
    """Today's outfit as tiles (pieces, shoes, why) or what is missing and where to shop."""
    notes = "".join(f"<li>{escape(n)}</li>" for n in data["notes"])
    if data["outfit"] is None:
        links = "".join(
            f'<li><a href="#closet-next" data-next="{escape(link)}">'
            + say(
                lang,
                "find the next {what}",
                what=escape(say(lang, link.split("category=")[1].split("&")[0])),
            )
            + "</a></li>"
            for link in data["next_piece"]
        )
        return f'<div class="empty-note"><ul>{notes}{links}</ul></div>'
    pieces = [*data["outfit"]["items"], *([data["shoes"]] if data["shoes"] else [])]
    names = " + ".join(f"<b>{escape(i['name'])}</b>" for i in pieces)
    which = say(
        lang,
        "outfit {n} of {total}",
        n=data["seed"] % max(data["options"], 1) + 1,
        total=data["options"],
    )
    tiles = [tile(item_of(i), lang=lang) for i in pieces]
    return (
        f'<p id="closet-today-outfit">{names}</p>'
        + grid(tiles, say(lang, "Today's outfit"))
        + f"<p><small>{escape(data['explanation'])}</small></p><p><small>{which}</small></p>"
        + (f"<ul>{notes}</ul>" if notes else "")
    )
