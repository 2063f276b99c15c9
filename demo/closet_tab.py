"""The "My closet" tab: add pieces (search or describe), the outfits you can wear now, the next
piece to buy and what it unlocks, a capsule, a complete-the-look builder, like/dismiss/bought.

It calls the closet API only (through `demo.api_client.ApiClient`), never Neo4j. The closet id
and its secret token live in the browser (`gr.BrowserState`, local storage), and every write
sends the token as `Authorization: Bearer`.

`build_closet_tab` lays the tab out one section at a time (`build_header_row`, `build_*_section`:
each returns a small frozen dataclass of its components, gathered in `ClosetTab`), then
`wire_closet_events` connects them to the `ClosetHandlers` methods.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr
from gradio.context import Context

from core.vocabulary import BIG_CATEGORIES, COLOR_FAMILIES, CORE_CATEGORIES
from demo.api_client import ApiClient, ApiError
from demo.i18n import lang_of, say, translated, with_language
from demo.occasion import ANY, Occasion, occasion_controls, occasion_of
from demo.render import CATEGORY_LABELS, price_text, search_entry
from enrich.taxonomy import MID_CLASSES

EMPTY = {"person": "", "token": ""}
RESULT_COLUMNS = 6  # pictures per row in the "Add pieces" results
NO_CLOSET = "No closet yet: press **New closet** (it lives in this browser)."


class ClosetCalls:
    """The closet endpoints over the demo's API client (token sent on writes)."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api

    def _write(self, method: str, path: str, token: str, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {token}"}
        kwargs: dict[str, Any] = {"headers": headers}
        if body is not None:
            kwargs["json"] = body
        return self.api.request(method, path, **kwargs)

    def create(self) -> dict[str, str]:
        return self.api.post("/closets", {"label": "demo"})

    def view(self, person: str) -> dict[str, Any]:
        return self.api.get(f"/closets/{person}")

    def own(self, person: str, token: str, item_id: str) -> Any:
        return self._write("PUT", f"/closets/{person}/items/{item_id}", token)

    def describe(self, person: str, token: str, body: dict[str, Any]) -> Any:
        return self._write("POST", f"/closets/{person}/items", token, body)

    def disown(self, person: str, token: str, item_id: str) -> Any:
        return self._write("DELETE", f"/closets/{person}/items/{item_id}", token)

    def feedback(self, person: str, token: str, item_id: str, kind: str) -> Any:
        body = {"item_id": item_id, "kind": kind}
        return self._write("POST", f"/closets/{person}/feedback", token, body)

    def photo(self, person: str, token: str, path: str, form: dict[str, str]) -> dict[str, Any]:
        """Describe (and, with category and mid class, add) the photo at `path`."""
        with open(path, "rb") as fh:
            files = {"photo": (Path(path).name, fh.read())}
        return self.api.request(
            "POST",
            f"/closets/{person}/items/photo",
            headers={"Authorization": f"Bearer {token}"},
            files=files,
            data=form,
        )

    def outfits(self, person: str, occasion: Occasion, limit: int = 12) -> dict[str, Any]:
        return self.api.get(f"/closets/{person}/outfits", limit=limit, **occasion)

    def next(
        self, person: str, budget: int | None, category: str | None, occasion: Occasion
    ) -> dict[str, Any]:
        return self.api.get(
            f"/closets/{person}/next",
            budget=budget,
            category=category,
            limit=8,
            per_cluster=1,
            **occasion,
        )

    def today(self, person: str, occasion: Occasion, lock: str | None, seed: int) -> dict[str, Any]:
        return self.api.get(f"/closets/{person}/today", lock=lock, seed=seed, **occasion)

    def capsule(self, person: str, k: int, budget: int | None, lang: str = "en") -> dict[str, Any]:
        return self.api.get(f"/closets/{person}/capsule", k=k, budget=budget, lang=lang)

    def complete(
        self, person: str, items: list[str], fill: list[str], occasion: Occasion
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"items": items, "limit": 3}
        if fill:
            body["categories"] = fill
        query = {k: v for k, v in occasion.items() if v}
        return self.api.request("POST", f"/closets/{person}/complete", json=body, params=query)


# ---------------------------------------------------------------------------- rendering


def _name(item: dict[str, Any]) -> str:
    kind = (item.get("cluster") or "").replace("|", " · ")
    price = price_text(item.get("price"))
    return " — ".join(p for p in (item.get("name") or item["id"], kind, price) if p)


def _chip(item: dict[str, Any], note: str = "") -> str:
    extra = f' <span class="closet-note">{escape(note)}</span>' if note else ""
    return (
        f'<li data-item-id="{escape(item["id"])}"><b>{escape(item.get("name") or item["id"])}</b>'
        f" <small>{escape((item.get('cluster') or '').replace('|', ' '))}"
        f" {escape(price_text(item.get('price')))}</small>{extra}</li>"
    )


def closet_html(view: dict[str, Any], lang: str = "en") -> str:
    """The owned pieces per category."""
    if not view["items"]:
        return f'<p class="empty-note">{say(lang, "Your closet is empty: add pieces above.")}</p>'
    parts = []
    for cat in BIG_CATEGORIES:
        pieces = [o for o in view["items"] if o["item"]["category"] == cat]
        if pieces:
            chips = "".join(
                _chip(o["item"], say(lang, "described") if o["owned_only"] else "") for o in pieces
            )
            parts.append(f"<h5>{escape(say(lang, CATEGORY_LABELS[cat]))}</h5><ul>{chips}</ul>")
    return f'<div id="closet-list">{"".join(parts)}</div>'


def outfits_html(data: dict[str, Any], lang: str = "en") -> str:
    """The wearable outfits, with the count and why each holds together."""
    many = "{n} wearable outfits" if data["count"] != 1 else "{n} wearable outfit"
    seen = say(lang, "({n} seen whole in real outfits)", n=data["real"])
    head = (
        f'<p class="closet-count"><b>{say(lang, many, n=data["count"])}</b> {seen}'
        f" — {escape(data['definition'])}</p>"
    )
    rows = [
        "<li>"
        + " + ".join(escape(i["name"]) for i in o["items"])
        + f"<br><small>{escape(o['explanation'])}</small></li>"
        for o in data["outfits"]
    ]
    return head + f"<ol>{''.join(rows)}</ol>"


def next_html(data: dict[str, Any], lang: str = "en") -> str:
    """The next pieces, the outfits each unlocks and why."""
    if not data["items"]:
        none = say(lang, "No piece adds an outfit yet: add a top or a bottom.")
        return f'<p class="empty-note">{none}</p>'
    rows = []
    for n in data["items"]:
        gained = "+{n} outfits" if n["new_outfits"] != 1 else "+{n} outfit"
        unlocks = "".join(
            "<li>" + " + ".join(escape(i["name"]) for i in o["items"]) + "</li>"
            for o in n["unlocks"]
        )
        rows.append(
            f'<li data-item-id="{escape(n["item"]["id"])}"><b>{escape(_name(n["item"]))}</b>'
            f" — <b>{say(lang, gained, n=n['new_outfits'])}</b>"
            f"<br><small>{escape(n['explanation'])}</small><ul>{unlocks}</ul></li>"
        )
    head = say(
        lang,
        "<p>You can wear <b>{n}</b> outfits now (ranked by the {model} model).</p>",
        n=data["current_outfits"],
        model=escape(data["model"]),
    )
    return head + f'<ol id="closet-next-list">{"".join(rows)}</ol>'


def capsule_html(data: dict[str, Any], lang: str = "en") -> str:
    """The capsule's purchases, step by step."""
    rows = "".join(
        f"<li><b>{escape(s['piece']['item']['name'])}</b> +{s['piece']['new_outfits']} → "
        + say(lang, "{n} outfits", n=s["total_outfits"])
        + f"<br><small>{escape(s['piece']['explanation'])}</small></li>"
        for s in data["steps"]
    )
    span = say(
        lang,
        "<p>From {a} to <b>{b}</b> outfits.</p>",
        a=data["start_outfits"],
        b=data["end_outfits"],
    )
    return f"{span}<ol>{rows}</ol><p><small>{escape(data['method'])}</small></p>"


def looks_html(data: dict[str, Any], lang: str = "en") -> str:
    """The completed looks, each piece with its role and why."""
    if not data["looks"]:
        none = data.get("note") or say(lang, "No look found.")
        return f'<p class="empty-note">{escape(none)}</p>'
    looks = []
    for look in data["looks"]:
        pieces = "".join(
            f"<li><b>{escape(p['item']['name'])}</b> <small>({say(lang, p['role'])})"
            f" {escape(p['explanation'])}</small></li>"
            for p in look["items"]
        )
        looks.append(f"<li><ul>{pieces}</ul><small>{escape(look['explanation'])}</small></li>")
    return f'<ol id="closet-looks-list">{"".join(looks)}</ol>'


def today_html(data: dict[str, Any], lang: str = "en") -> str:
    """Today's outfit (pieces, shoes, why) or what is missing and where to shop for it."""
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
    return (
        f'<p id="closet-today-outfit">{names}</p><p><small>{escape(data["explanation"])}'
        f"</small></p><p><small>{which}</small></p>" + (f"<ul>{notes}</ul>" if notes else "")
    )


def _error(exc: Exception) -> str:
    return f"⚠️ {exc}"


# ---------------------------------------------------------------------------- the tab's parts


@dataclass(frozen=True)
class HeaderRow:
    """The closet's status line and the New closet button."""

    status: gr.Markdown
    new: gr.Button


@dataclass(frozen=True)
class SearchSection:
    """Find a catalogue piece by search and add it."""

    query: gr.Textbox
    category: gr.Dropdown
    search: gr.Button
    message: gr.Markdown
    found: gr.Gallery
    hits: gr.State  # the results' items, in gallery order
    picked: gr.State  # the id of the clicked result
    add: gr.Button


@dataclass(frozen=True)
class DescribeSection:
    """Add a piece that is not in the catalogue by describing it."""

    category: gr.Dropdown
    mid: gr.Dropdown
    color: gr.Dropdown
    name: gr.Textbox
    describe: gr.Button


@dataclass(frozen=True)
class PhotoSection:
    """Add a piece of your own from a photo: describe it, confirm, add."""

    image: gr.Image
    name: gr.Textbox
    describe: gr.Button
    message: gr.Markdown
    category: gr.Dropdown
    mid: gr.Dropdown
    thumbnail: gr.Checkbox
    add: gr.Button


@dataclass(frozen=True)
class OccasionRow:
    """What you are dressing for: style, season, gender (each "any" by default)."""

    style: gr.Dropdown
    season: gr.Dropdown
    gender: gr.Radio

    @property
    def inputs(self) -> list[Any]:
        return [self.style, self.season, self.gender]


@dataclass(frozen=True)
class TodaySection:
    """Today's outfit from owned pieces, a piece to lock, and "Another one"."""

    lock: gr.Dropdown
    show: gr.Button
    another: gr.Button
    seed: gr.State
    out: gr.HTML


@dataclass(frozen=True)
class OwnedSection:
    """The message line, the owned pieces and the remove control."""

    message: gr.Markdown
    owned: gr.HTML
    remove_choice: gr.Dropdown
    remove: gr.Button


@dataclass(frozen=True)
class OutfitsSection:
    """The outfits the closet can wear now."""

    show: gr.Button
    outfits: gr.HTML


@dataclass(frozen=True)
class NextSection:
    """The next piece to buy and the like / dismiss / bought buttons."""

    budget: gr.Number
    category: gr.Radio
    find: gr.Button
    suggestions: gr.HTML
    choice: gr.Radio
    like: gr.Button
    dismiss: gr.Button
    bought: gr.Button


@dataclass(frozen=True)
class CapsuleSection:
    """The capsule planner: the best few purchases together."""

    k: gr.Slider
    plan: gr.Button
    out: gr.HTML


@dataclass(frozen=True)
class LookSection:
    """Complete a look from owned pieces."""

    items: gr.CheckboxGroup
    fill: gr.CheckboxGroup
    complete: gr.Button
    looks: gr.HTML


@dataclass(frozen=True)
class ClosetTab:
    """Every component of the tab, by section."""

    state: gr.BrowserState
    header: HeaderRow
    occasion: OccasionRow
    search: SearchSection
    describe: DescribeSection
    photo: PhotoSection
    owned: OwnedSection
    today: TodaySection
    outfits: OutfitsSection
    next_piece: NextSection
    capsule: CapsuleSection
    look: LookSection

    @property
    def closet_outputs(self) -> list[Any]:
        """What `ClosetHandlers.refresh` fills: status, pieces, remove and look choices, note."""
        return [
            self.header.status,
            self.owned.owned,
            self.owned.remove_choice,
            self.look.items,
            self.today.lock,
            self.owned.message,
        ]


# ---------------------------------------------------------------------------- layout


def build_header_row() -> HeaderRow:
    """The status line and the New closet button."""
    with gr.Row(equal_height=True):
        status = translated(gr.Markdown(NO_CLOSET, elem_id="closet-status"), dynamic=True)
        new = translated(gr.Button("New closet", elem_id="closet-new", scale=0))
    return HeaderRow(status, new)


def build_search_section() -> SearchSection:
    """The "Add pieces" heading, the catalogue search, its results and the add button."""
    translated(gr.Markdown("### Add pieces"))
    with gr.Row(equal_height=True):
        query = translated(
            gr.Textbox(label="Search the catalogue", elem_id="closet-search", scale=4)
        )
        search_cat = translated(
            gr.Dropdown(["any", *BIG_CATEGORIES], value="any", label="Category", scale=1)
        )
        search = translated(gr.Button("Search", elem_id="closet-search-button", scale=0))
    message = translated(
        gr.Markdown("Search, then click the piece you own.", elem_id="closet-search-message"),
        dynamic=True,
    )
    found = gr.Gallery(
        show_label=False,
        columns=RESULT_COLUMNS,
        height="auto",
        allow_preview=False,
        fit_columns=False,
        object_fit="contain",
        elem_id="closet-search-results",
        buttons=[],
        visible=False,
    )
    hits, picked = gr.State([]), gr.State(None)
    add = translated(gr.Button("Add to my closet", variant="primary", elem_id="closet-add"))
    return SearchSection(query, search_cat, search, message, found, hits, picked, add)


def build_describe_section() -> DescribeSection:
    """The accordion to describe a piece that is not in the catalogue."""
    with translated(gr.Accordion("Not in the catalogue? Describe it", open=False)):
        with gr.Row():
            d_cat = translated(gr.Dropdown(list(BIG_CATEGORIES), value="top", label="Category"))
            d_mid = translated(
                gr.Dropdown(
                    [m.name for m in MID_CLASSES if "top" in m.bigs], value="shirt", label="Kind"
                )
            )
            d_color = translated(gr.Dropdown(list(COLOR_FAMILIES), value="navy", label="Colour"))
            d_name = translated(gr.Textbox(label="Name (optional)"))
        describe = translated(gr.Button("Add this piece", elem_id="closet-describe-add"))
    return DescribeSection(d_cat, d_mid, d_color, d_name, describe)


def build_occasion_row() -> OccasionRow:
    """The "Dressing for" row: style, season and gender, used by every closet answer."""
    with gr.Row(equal_height=True):
        style, season, gender = occasion_controls("closet")
    return OccasionRow(style, season, gender)


def build_photo_section() -> PhotoSection:
    """The accordion to add a piece of your own from its photo."""
    with translated(gr.Accordion("Add from a photo", open=False, elem_id="closet-photo-section")):
        with gr.Row():
            image = translated(
                gr.Image(
                    type="filepath",
                    sources=["upload"],
                    label="A photo of your piece (JPEG, PNG or WebP, up to 10 MB)",
                    elem_id="closet-photo",
                    height=220,
                )
            )
            with gr.Column():
                name = translated(gr.Textbox(label="Name (optional)", elem_id="closet-photo-name"))
                describe = translated(
                    gr.Button("Describe the photo", elem_id="closet-photo-describe")
                )
                message = translated(
                    gr.Markdown(
                        "Upload a photo: its colour is found, and a category suggested for you to "
                        "confirm. The photo is not kept.",
                        elem_id="closet-photo-message",
                    ),
                    dynamic=True,
                )
        with gr.Row():
            category = translated(
                gr.Dropdown(
                    list(BIG_CATEGORIES),
                    value="top",
                    label="Category",
                    elem_id="closet-photo-category",
                )
            )
            mid = translated(
                gr.Dropdown(
                    [m.name for m in MID_CLASSES if "top" in m.bigs],
                    value="t-shirt",
                    label="Kind",
                    elem_id="closet-photo-kind",
                )
            )
            thumbnail = translated(
                gr.Checkbox(label="Keep a small thumbnail as its picture", value=False)
            )
        add = translated(gr.Button("Add this piece", elem_id="closet-photo-add"))
    return PhotoSection(image, name, describe, message, category, mid, thumbnail, add)


def build_today_section() -> TodaySection:
    """The "Today's outfit" heading, the piece to lock, the buttons and the outfit."""
    translated(gr.Markdown("### Today's outfit"))
    with gr.Row(equal_height=True):
        lock = translated(
            gr.Dropdown([], label="Keep this piece (optional)", elem_id="closet-today-lock")
        )
        show = translated(
            gr.Button("Today's outfit", variant="primary", elem_id="closet-today-button")
        )
        another = translated(gr.Button("Another one", elem_id="closet-today-another"))
    return TodaySection(lock, show, another, gr.State(0), gr.HTML(elem_id="closet-today"))


def build_owned_section() -> OwnedSection:
    """The message line, the owned pieces and the remove control."""
    message = translated(gr.Markdown("", elem_id="closet-message"))
    owned = gr.HTML(elem_id="closet-items")
    with gr.Row(equal_height=True):
        remove_choice = translated(gr.Dropdown([], label="Remove a piece", scale=3))
        remove = translated(gr.Button("Remove", elem_id="closet-remove", scale=0))
    return OwnedSection(message, owned, remove_choice, remove)


def build_outfits_section() -> OutfitsSection:
    """The "Outfits you can wear now" heading, button and list."""
    translated(gr.Markdown("### Outfits you can wear now"))
    show_outfits = translated(gr.Button("Show my outfits", elem_id="closet-outfits-button"))
    outfits = gr.HTML(elem_id="closet-outfits")
    return OutfitsSection(show_outfits, outfits)


def build_next_section() -> NextSection:
    """The "next piece to buy" heading, its filters, suggestions and feedback buttons."""
    translated(gr.Markdown("### The next piece to buy"))
    with gr.Row(equal_height=True):
        budget = translated(gr.Number(label="Budget (₩, 0 = any)", value=0, precision=0, minimum=0))
        next_cat = translated(gr.Radio(["any", *CORE_CATEGORIES], value="any", label="Category"))
        find_next = translated(
            gr.Button("Find the next piece", variant="primary", elem_id="closet-next-button")
        )
    suggestions = gr.HTML(elem_id="closet-next")
    choice = translated(
        gr.Radio([], label="Your take on a suggestion", elem_id="closet-next-choice")
    )
    with gr.Row():
        like = translated(gr.Button("👍 Like", elem_id="closet-like"))
        dismiss = translated(gr.Button("✕ Not for me", elem_id="closet-dismiss"))
        bought = translated(gr.Button("🛍 Bought it", elem_id="closet-pick"))
    return NextSection(budget, next_cat, find_next, suggestions, choice, like, dismiss, bought)


def build_capsule_section() -> CapsuleSection:
    """The capsule size slider, its button and the plan."""
    with gr.Row(equal_height=True):
        k = translated(gr.Slider(1, 6, value=3, step=1, label="Capsule: best purchases together"))
        capsule = translated(gr.Button("Plan a capsule", elem_id="closet-capsule-button"))
    capsule_out = gr.HTML(elem_id="closet-capsule")
    return CapsuleSection(k, capsule, capsule_out)


def build_look_section() -> LookSection:
    """The "Complete the look" heading, the start and fill choices, button and looks."""
    translated(gr.Markdown("### Complete the look"))
    look_items = translated(gr.CheckboxGroup([], label="Start from", elem_id="closet-look-items"))
    look_fill = translated(
        gr.CheckboxGroup(
            list(BIG_CATEGORIES),
            label="Fill (default: the missing top or bottom)",
            elem_id="closet-look-fill",
        )
    )
    complete = translated(gr.Button("Complete the look", elem_id="closet-look-button"))
    looks = gr.HTML(elem_id="closet-looks")
    return LookSection(look_items, look_fill, complete, looks)


# ---------------------------------------------------------------------------- handlers


class ClosetHandlers:
    """The tab's event handlers over the closet API (the method names are the Gradio api names)."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api
        self.calls = ClosetCalls(api)

    def refresh(self, st: dict[str, str], note: str = "", lang: str = "en") -> tuple[Any, ...]:
        """The closet's status, pieces, remove and look choices, and `note`."""
        empty = gr.update(choices=[])
        none = say(lang, NO_CLOSET)
        if not st or not st.get("person"):
            return none, "", empty, empty, empty, note
        try:
            view = self.calls.view(st["person"])
        except ApiError as exc:
            return none, "", empty, empty, empty, _error(exc)
        head = say(
            lang,
            "Closet `{person}` — {count} pieces, **{outfits} wearable outfits**",
            person=view["person"],
            count=view["count"],
            outfits=view["wearable_outfits"],
        )
        pieces = [(_name(o["item"]), o["item"]["id"]) for o in view["items"]]
        return (
            head,
            closet_html(view, lang),
            gr.update(choices=pieces, value=None),
            gr.update(choices=pieces, value=[]),
            gr.update(choices=pieces, value=None),
            note,
        )

    def create(self, st: dict[str, str], lang: str = "en") -> tuple[Any, ...]:
        """Make a new closet and keep its id and token in the browser."""
        try:
            made = self.calls.create()
        except ApiError as exc:
            return (st, *self.refresh(st, _error(exc), lang))
        st = {"person": made["person"], "token": made["token"]}
        return (st, *self.refresh(st, say(lang, "A new closet, kept in this browser."), lang))

    def do_search(
        self, q: str, cat: str, lang: str = "en"
    ) -> tuple[Any, str, list[dict[str, Any]], None]:
        """Search the catalogue; the hits become a gallery of pictures to click."""
        try:
            res = self.api.search(q=q or "", category=None if cat == "any" else cat, limit=12)
        except ApiError as exc:
            return gr.update(value=[], visible=False), _error(exc), [], None
        items = [h.item for h in res.items]
        if not items:
            nothing = say(lang, "Nothing matches: try other words.")
            return gr.update(value=[], visible=False), nothing, [], None
        gallery = gr.update(
            value=[search_entry(i) for i in items], visible=True, selected_index=None
        )
        message = say(lang, "**{n}** results: click the piece you own, then add it.", n=len(items))
        return gallery, message, [i.model_dump() for i in items], None

    def pick_result(
        self, hits: list[dict[str, Any]], evt: gr.SelectData, request: gr.Request
    ) -> tuple[str, Any]:
        """A clicked result: remember its id and name it."""
        lang = lang_of(request)
        if evt.index is None or not hits or int(evt.index) >= len(hits):
            return say(lang, "Search, then click the piece you own."), None
        item = hits[int(evt.index)]
        return say(lang, "Picked: **{name}**", name=_name(item)), item["id"]

    def guarded(self, action: Callable[..., str]) -> Callable[..., tuple[Any, ...]]:
        """`action(st, *args)` run only with a closet, then the closet refreshed with its note."""

        def run(st: dict[str, str], *args: Any, lang: str = "en") -> tuple[Any, ...]:
            if not st or not st.get("person"):
                return self.refresh(st, say(lang, "Press **New closet** first."), lang)
            try:
                note = action(st, *args, lang=lang)
            except ApiError as exc:
                return self.refresh(st, _error(exc), lang)
            return self.refresh(st, note, lang)

        return run

    def add_item(self, st: dict[str, str], item_id: str | None, lang: str = "en") -> str:
        """Own the picked search result."""
        if not item_id:
            return say(lang, "Pick a search result first.")
        self.calls.own(st["person"], st["token"], item_id)
        return say(lang, "Added.")

    def add_described(
        self, st: dict[str, str], cat: str, mid: str, color: str, name: str, lang: str = "en"
    ) -> str:
        """Own a described piece."""
        body = {"category": cat, "mid_class": mid, "color": color, "name": name or None}
        self.calls.describe(st["person"], st["token"], body)
        return say(lang, "Added a {color} {mid}.", color=color, mid=mid)

    def describe_photo(
        self, st: dict[str, str], path: str | None, name: str, lang: str = "en"
    ) -> tuple[Any, ...]:
        """What the photo shows, with the suggested category and kind set for confirming."""
        if not st or not st.get("person"):
            return say(lang, "Press **New closet** first."), gr.update(), gr.update()
        if not path:
            return say(lang, "Upload a photo first."), gr.update(), gr.update()
        try:
            found = self.calls.photo(st["person"], st["token"], path, _form(name))
        except ApiError as exc:
            return _error(exc), gr.update(), gr.update()
        d = found["description"]
        kinds = [m.name for m in MID_CLASSES if d["category"] in m.bigs]
        note = say(
            lang,
            "A **{color}** piece; it looks like a **{category}** ({mid}, from its {source}). "
            "Check the category and kind, then add it.",
            color=d["color"],
            category=say(lang, d["category"]),
            mid=d["mid_class"],
            source=say(lang, d["suggested_from"]),
        )
        return (
            note,
            gr.update(value=d["category"]),
            gr.update(choices=kinds, value=d["mid_class"]),
        )

    def add_photo(
        self,
        st: dict[str, str],
        path: str | None,
        name: str,
        cat: str,
        mid: str,
        thumbnail: bool,
        lang: str = "en",
    ) -> str:
        """Add the photographed piece as confirmed (the photo itself is not kept)."""
        if not path:
            return say(lang, "Upload a photo first.")
        form = {**_form(name), "category": cat, "mid_class": mid, "thumbnail": str(thumbnail)}
        found = self.calls.photo(st["person"], st["token"], path, form)
        item = found["added"]["item"]
        kept = say(lang, " (with its thumbnail)") if found["thumbnail_kept"] else ""
        return say(
            lang,
            "Added **{name}** ({color} {mid}){kept}.",
            name=item["name"],
            color=item["color"],
            mid=item["mid_class"],
            kept=kept,
        )

    def remove_item(self, st: dict[str, str], item_id: str | None, lang: str = "en") -> str:
        """Disown the picked piece."""
        if not item_id:
            return say(lang, "Pick a piece to remove.")
        self.calls.disown(st["person"], st["token"], item_id)
        return say(lang, "Removed.")

    @staticmethod
    def kinds_for(cat: str, current: str | None = None) -> Any:
        """The kinds (mid classes) of a category: `current` kept when it is one, else the first."""
        names = [m.name for m in MID_CLASSES if cat in m.bigs]
        keep = current if current in names else (names[0] if names else None)
        return gr.update(choices=names, value=keep)

    def show(
        self, st: dict[str, str], style: str, season: str, gender: str, lang: str = "en"
    ) -> str:
        """The outfits the closet can wear now (for the occasion)."""
        if not st or not st.get("person"):
            return say(lang, NO_CLOSET)
        try:
            occasion = {**occasion_of(style, season, gender), "lang": lang}
            return outfits_html(self.calls.outfits(st["person"], occasion), lang)
        except ApiError as exc:
            return _error(exc)

    def today(
        self,
        st: dict[str, str],
        lock: str | None,
        seed: int,
        style: str,
        season: str,
        gender: str,
        lang: str = "en",
    ) -> tuple[str, int]:
        """Today's outfit number `seed` (and the seed "Another one" asks for next)."""
        if not st or not st.get("person"):
            return say(lang, NO_CLOSET), 0
        try:
            occasion = {**occasion_of(style, season, gender), "lang": lang}
            data = self.calls.today(st["person"], occasion, lock or None, int(seed))
        except ApiError as exc:
            return _error(exc), 0
        return today_html(data, lang), data["next_seed"]

    def suggest(
        self,
        st: dict[str, str],
        money: float | None,
        cat: str,
        style: str = ANY,
        season: str = ANY,
        gender: str = ANY,
        lang: str = "en",
    ) -> tuple[Any, Any]:
        """The next pieces to buy, and the same pieces as feedback choices."""
        if not st or not st.get("person"):
            return say(lang, NO_CLOSET), gr.update(choices=[])
        try:
            data = self.calls.next(
                st["person"],
                int(money) if money else None,
                None if cat == "any" else cat,
                {**occasion_of(style, season, gender), "lang": lang},
            )
        except ApiError as exc:
            return _error(exc), gr.update(choices=[])
        choices = [(_name(n["item"]), n["item"]["id"]) for n in data["items"]]
        return next_html(data, lang), gr.update(choices=choices, value=None)

    def react(self, kind: str) -> Callable[..., tuple[Any, Any, str]]:
        """Send `kind` feedback on the picked suggestion (and own it on "pick"), then re-suggest."""

        def run(
            st: dict[str, str],
            item_id: str | None,
            money: float | None,
            cat: str,
            *occasion: str,
            lang: str = "en",
        ) -> tuple[Any, Any, str]:
            if not st or not st.get("person") or not item_id:
                html, radio = self.suggest(st, money, cat, *occasion, lang=lang)
                return html, radio, say(lang, "Pick a suggestion first.")
            try:
                self.calls.feedback(st["person"], st["token"], item_id, kind)
                if kind == "pick":
                    self.calls.own(st["person"], st["token"], item_id)
            except ApiError as exc:
                html, radio = self.suggest(st, money, cat, *occasion, lang=lang)
                return html, radio, _error(exc)
            html, radio = self.suggest(st, money, cat, *occasion, lang=lang)
            done = {
                "like": "Liked.",
                "dismiss": "Dismissed: not shown again.",
                "pick": "Added to your closet.",
            }
            return html, radio, say(lang, done[kind])

        return run

    def plan(self, st: dict[str, str], size: float, money: float | None, lang: str = "en") -> str:
        """The capsule: the best `size` purchases together."""
        if not st or not st.get("person"):
            return say(lang, NO_CLOSET)
        try:
            budget = int(money) if money else None
            return capsule_html(self.calls.capsule(st["person"], int(size), budget, lang), lang)
        except ApiError as exc:
            return _error(exc)

    def build_look(
        self,
        st: dict[str, str],
        items: list[str],
        fill: list[str],
        style: str = ANY,
        season: str = ANY,
        gender: str = ANY,
        lang: str = "en",
    ) -> str:
        """Looks completing the ticked owned pieces (for the occasion)."""
        if not st or not st.get("person"):
            return say(lang, NO_CLOSET)
        if not items:
            return f'<p class="empty-note">{say(lang, "Tick the owned pieces to start from.")}</p>'
        try:
            occasion = {**occasion_of(style, season, gender), "lang": lang}
            return looks_html(self.calls.complete(st["person"], items, fill, occasion), lang)
        except ApiError as exc:
            return _error(exc)


def _form(name: str | None) -> dict[str, str]:
    return {"name": name.strip()} if name and name.strip() else {}


# ---------------------------------------------------------------------------- wiring


def wire_closet_events(tab: ClosetTab, h: ClosetHandlers) -> None:
    """Connect the tab's components to the handlers (this order fixes the api names); each
    handler writes in the page's language (demo.i18n.with_language)."""
    state, closet_outputs = tab.state, tab.closet_outputs
    search, described, owned = tab.search, tab.describe, tab.owned
    nxt = tab.next_piece

    def on(event: Callable[..., Any], fn: Callable[..., Any], inputs: list, outputs: list) -> None:
        event(with_language(fn, len(inputs)), inputs, outputs)

    on(tab.header.new.click, h.create, [state], [state, *closet_outputs])
    results = [search.found, search.message, search.hits, search.picked]
    on(search.search.click, h.do_search, [search.query, search.category], results)
    on(search.query.submit, h.do_search, [search.query, search.category], results)
    search.found.select(h.pick_result, [search.hits], [search.message, search.picked])
    on(search.add.click, h.guarded(h.add_item), [state, search.picked], closet_outputs)
    described.category.change(h.kinds_for, [described.category], [described.mid])
    on(
        described.describe.click,
        h.guarded(h.add_described),
        [state, described.category, described.mid, described.color, described.name],
        closet_outputs,
    )
    photo = tab.photo
    on(
        photo.describe.click,
        h.describe_photo,
        [state, photo.image, photo.name],
        [photo.message, photo.category, photo.mid],
    )
    photo.category.change(h.kinds_for, [photo.category, photo.mid], [photo.mid])
    on(
        photo.add.click,
        h.guarded(h.add_photo),
        [state, photo.image, photo.name, photo.category, photo.mid, photo.thumbnail],
        closet_outputs,
    )
    on(owned.remove.click, h.guarded(h.remove_item), [state, owned.remove_choice], closet_outputs)
    occasion = tab.occasion.inputs
    today = tab.today
    on(
        today.show.click,
        h.today,
        [state, today.lock, gr.State(0), *occasion],
        [today.out, today.seed],
    )
    on(
        today.another.click,
        h.today,
        [state, today.lock, today.seed, *occasion],
        [today.out, today.seed],
    )
    on(tab.outfits.show.click, h.show, [state, *occasion], [tab.outfits.outfits])
    on(
        nxt.find.click,
        h.suggest,
        [state, nxt.budget, nxt.category, *occasion],
        [nxt.suggestions, nxt.choice],
    )
    for button, kind in ((nxt.like, "like"), (nxt.dismiss, "dismiss"), (nxt.bought, "pick")):
        on(
            button.click,
            h.react(kind),
            [state, nxt.choice, nxt.budget, nxt.category, *occasion],
            [nxt.suggestions, nxt.choice, owned.message],
        )

    def bought(st: dict[str, str], lang: str = "en") -> tuple[Any, ...]:
        return h.refresh(st, say(lang, "Added to your closet."), lang)

    on(nxt.bought.click, bought, [state], closet_outputs)
    on(tab.capsule.plan.click, h.plan, [state, tab.capsule.k, nxt.budget], [tab.capsule.out])
    on(
        tab.look.complete.click,
        h.build_look,
        [state, tab.look.items, tab.look.fill, *occasion],
        [tab.look.looks],
    )
    root = Context.root_block
    if root is not None:  # show the closet kept in this browser when the page opens
        on(root.load, lambda st, lang="en": h.refresh(st, lang=lang), [state], closet_outputs)


def build_closet_tab(api: ApiClient) -> None:
    """Build the "My closet" tab inside the current Blocks context."""
    state = gr.BrowserState(dict(EMPTY), storage_key="closet-demo-closet")
    header = build_header_row()
    occasion = build_occasion_row()
    search = build_search_section()
    describe = build_describe_section()
    photo = build_photo_section()
    owned = build_owned_section()
    today = build_today_section()
    outfits = build_outfits_section()
    next_piece = build_next_section()
    capsule = build_capsule_section()
    look = build_look_section()
    tab = ClosetTab(
        state,
        header,
        occasion,
        search,
        describe,
        photo,
        owned,
        today,
        outfits,
        next_piece,
        capsule,
        look,
    )
    wire_closet_events(tab, ClosetHandlers(api))
