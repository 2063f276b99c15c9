"""The "My closet" tab: your pieces as a picture grid by category (remove, like, not for me on
each), the count of outfits you can wear now at the top, and the rest in tabs: add pieces
(search, describe, photo), wear now (today's outfit, the wearable outfits), the next piece to
buy and what it unlocks, a capsule, and complete the look.

It calls the closet API only (`demo.closet_calls.ClosetCalls`), never Neo4j. The closet id and
its secret token live in the browser (`gr.BrowserState`, local storage), and every write sends
the token. `build_closet_tab` lays the tab out one section at a time (`build_*`: each returns a
small frozen dataclass of its components, gathered in `ClosetTab`), then `wire_closet_events`
connects them to the `ClosetHandlers` methods. What the tab shows is `demo.closet_render`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import gradio as gr
from gradio.context import Context

from core.vocabulary import BIG_CATEGORIES, COLOR_FAMILIES, CORE_CATEGORIES
from demo.api_client import ApiClient, ApiError
from demo.closet_calls import ClosetCalls
from demo.closet_render import (
    NO_CLOSET,
    capsule_html,
    closet_grid,
    looks_html,
    next_html,
    outfits_html,
    owned_order,
    piece_name,
    today_html,
)
from demo.i18n import lang_of, say, translated, with_language
from demo.occasion import ANY, occasion_controls, occasion_of
from demo.render import search_tiles
from demo.tiles import empty, tile_gallery
from enrich.taxonomy import MID_CLASSES

EMPTY = {"person": "", "token": ""}
SEARCH_LIMIT = 12


def _error(exc: Exception) -> str:
    return f"⚠️ {exc}"


def _has_closet(st: dict[str, str] | None) -> bool:
    return bool(st and st.get("person"))


def _no_closet(lang: str) -> str:
    """The empty state of every closet answer before there is a closet."""
    return empty(say(lang, NO_CLOSET).replace("**", ""))


# ---------------------------------------------------------------------------- the tab's parts


@dataclass(frozen=True)
class HeaderRow:
    """The closet's status line (its outfit count first) and the New closet button."""

    status: gr.Markdown
    new: gr.Button


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
class OwnedSection:
    """The message line and the owned pieces as a grid (with the pieces in grid order)."""

    message: gr.Markdown
    grid: gr.HTML
    pieces: gr.State  # the owned items' ids, in the grid's order
    liked: gr.State  # the ids the closet liked


@dataclass(frozen=True)
class SearchSection:
    """Find a catalogue piece by search and add it."""

    query: gr.Textbox
    category: gr.Dropdown
    search: gr.Button
    message: gr.Markdown
    found: gr.HTML
    hits: gr.State  # the results' items, in grid order
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
class TodaySection:
    """Today's outfit from owned pieces, a piece to lock, and "Another one"."""

    lock: gr.Dropdown
    show: gr.Button
    another: gr.Button
    seed: gr.State
    out: gr.HTML


@dataclass(frozen=True)
class OutfitsSection:
    """The outfits the closet can wear now."""

    show: gr.Button
    outfits: gr.HTML


@dataclass(frozen=True)
class NextSection:
    """The next piece to buy: filters, and the suggestions as tiles with like / not for me /
    bought it."""

    budget: gr.Number
    category: gr.Radio
    find: gr.Button
    suggestions: gr.HTML
    shown: gr.State  # the suggested items' ids, in grid order
    message: gr.Markdown


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
    owned: OwnedSection
    search: SearchSection
    describe: DescribeSection
    photo: PhotoSection
    today: TodaySection
    outfits: OutfitsSection
    next_piece: NextSection
    capsule: CapsuleSection
    look: LookSection

    @property
    def closet_outputs(self) -> list[Any]:
        """What `ClosetHandlers.refresh` fills: status, grid, its pieces and likes, the look's
        and today's choices, the message."""
        return [
            self.header.status,
            self.owned.grid,
            self.owned.pieces,
            self.owned.liked,
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


def build_occasion_row() -> OccasionRow:
    """The "Dressing for" row: style, season and gender, used by every closet answer."""
    with gr.Row(equal_height=True):
        style, season, gender = occasion_controls("closet")
    return OccasionRow(style, season, gender)


def build_owned_section() -> OwnedSection:
    """The message line and the grid of owned pieces."""
    message = translated(gr.Markdown("", elem_id="closet-message"))
    translated(gr.Markdown("### Your pieces"))
    grid = tile_gallery("closet-items", _no_closet("en"))
    return OwnedSection(message, grid, gr.State([]), gr.State([]))


def build_search_section() -> SearchSection:
    """The catalogue search, its results as tiles and the add button."""
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
    found = tile_gallery("closet-search-results", visible=False)
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
    out = translated(
        gr.HTML(
            empty("Press “Today's outfit” for an outfit of your own pieces."),
            elem_id="closet-today",
        ),
        dynamic=True,
    )
    return TodaySection(lock, show, another, gr.State(0), out)


def build_outfits_section() -> OutfitsSection:
    """The "Outfits you can wear now" heading, button and list."""
    translated(gr.Markdown("### Outfits you can wear now"))
    show_outfits = translated(gr.Button("Show my outfits", elem_id="closet-outfits-button"))
    outfits = translated(
        gr.HTML(
            empty("Press “Show my outfits” to see every outfit your pieces make."),
            elem_id="closet-outfits",
        ),
        dynamic=True,
    )
    return OutfitsSection(show_outfits, outfits)


def build_next_section() -> NextSection:
    """The next piece's filters, the suggestions as tiles and the feedback line."""
    with gr.Row(equal_height=True):
        budget = translated(gr.Number(label="Budget (₩, 0 = any)", value=0, precision=0, minimum=0))
        next_cat = translated(gr.Radio(["any", *CORE_CATEGORIES], value="any", label="Category"))
        find_next = translated(
            gr.Button("Find the next piece", variant="primary", elem_id="closet-next-button")
        )
    message = gr.Markdown("", elem_id="closet-next-message")
    suggestions = translated(
        tile_gallery(
            "closet-next",
            empty("Press “Find the next piece”: the piece that adds the most outfits comes first."),
        ),
        dynamic=True,
    )
    return NextSection(budget, next_cat, find_next, suggestions, gr.State([]), message)


def build_capsule_section() -> CapsuleSection:
    """The capsule size slider, its button and the plan."""
    with gr.Row(equal_height=True):
        k = translated(gr.Slider(1, 6, value=3, step=1, label="Capsule: best purchases together"))
        capsule = translated(gr.Button("Plan a capsule", elem_id="closet-capsule-button"))
    capsule_out = translated(
        gr.HTML(
            empty("Press “Plan a capsule”: the few purchases that add the most outfits together."),
            elem_id="closet-capsule",
        ),
        dynamic=True,
    )
    return CapsuleSection(k, capsule, capsule_out)


def build_look_section() -> LookSection:
    """The start and fill choices, the button and the completed looks."""
    look_items = translated(gr.CheckboxGroup([], label="Start from", elem_id="closet-look-items"))
    look_fill = translated(
        gr.CheckboxGroup(
            list(BIG_CATEGORIES),
            label="Fill (default: the missing top or bottom)",
            elem_id="closet-look-fill",
        )
    )
    complete = translated(gr.Button("Complete the look", elem_id="closet-look-button"))
    looks = translated(
        gr.HTML(
            empty("Tick the owned pieces to start from, then press “Complete the look”."),
            elem_id="closet-looks",
        ),
        dynamic=True,
    )
    return LookSection(look_items, look_fill, complete, looks)


def build_sections() -> tuple[
    SearchSection,
    DescribeSection,
    PhotoSection,
    TodaySection,
    OutfitsSection,
    NextSection,
    CapsuleSection,
    LookSection,
]:
    """The closet's sections as tabs: add pieces, wear now, next piece, capsule, the look."""
    with gr.Tabs(elem_id="closet-sections"):
        with translated(gr.Tab("Add pieces", id="closet-add-tab", elem_id="closet-add-tab")):
            search = build_search_section()
            describe = build_describe_section()
            photo = build_photo_section()
        with translated(gr.Tab("Wear now", id="closet-wear-tab", elem_id="closet-wear-tab")):
            today = build_today_section()
            outfits = build_outfits_section()
        with translated(gr.Tab("Next piece", id="closet-next-tab", elem_id="closet-next-tab")):
            next_piece = build_next_section()
        with translated(gr.Tab("Capsule", id="closet-capsule-tab", elem_id="closet-capsule-tab")):
            capsule = build_capsule_section()
        with translated(
            gr.Tab("Complete the look", id="closet-look-tab", elem_id="closet-look-tab")
        ):
            look = build_look_section()
    return search, describe, photo, today, outfits, next_piece, capsule, look


# ---------------------------------------------------------------------------- handlers


class ClosetHandlers:
    """The tab's event handlers over the closet API (the method names are the Gradio api names)."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api
        self.calls = ClosetCalls(api)

    def refresh(self, st: dict[str, str], note: str = "", lang: str = "en") -> tuple[Any, ...]:
        """The closet's status, grid (and its pieces and likes), look and lock choices, `note`."""
        return self._refresh(st, note, lang, None)

    def _refresh(
        self, st: dict[str, str], note: str, lang: str, liked: set[str] | None
    ) -> tuple[Any, ...]:
        """`refresh`, with the likes already read (None: read them)."""
        empty_choices = gr.update(choices=[])
        none, nothing = say(lang, NO_CLOSET), _no_closet(lang)
        if not _has_closet(st):
            return none, nothing, [], [], empty_choices, empty_choices, note
        try:
            view = self.calls.view(st["person"])
            if liked is None:
                liked = self.calls.liked(st["person"])
        except ApiError as exc:
            return none, nothing, [], [], empty_choices, empty_choices, _error(exc)
        many = (
            "**{outfits} wearable outfits**"
            if view["wearable_outfits"] != 1
            else ("**{outfits} wearable outfit**")
        )
        head = say(lang, many, outfits=view["wearable_outfits"]) + say(
            lang,
            " from {count} pieces — closet `{person}`",
            count=view["count"],
            person=view["person"],
        )
        ordered = owned_order(view)
        choices = [(piece_name(o["item"]), o["item"]["id"]) for o in ordered]
        return (
            head,
            closet_grid(view, liked, lang),
            [o["item"]["id"] for o in ordered],
            sorted(liked),
            gr.update(choices=choices, value=[]),
            gr.update(choices=choices, value=None),
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
        """Search the catalogue; the hits become tiles to click."""
        try:
            res = self.api.search(
                q=q or "", category=None if cat == "any" else cat, limit=SEARCH_LIMIT
            )
        except ApiError as exc:
            return gr.update(value="", visible=False), _error(exc), [], None
        items = [h.item for h in res.items]
        if not items:
            nothing = say(lang, "Nothing matches: try other words.")
            return gr.update(value="", visible=False), nothing, [], None
        tiles = gr.update(value=search_tiles(items, lang), visible=True)
        message = say(lang, "**{n}** results: click the piece you own, then add it.", n=len(items))
        return tiles, message, [i.model_dump() for i in items], None

    def pick_result(
        self, hits: list[dict[str, Any]], evt: gr.SelectData, request: gr.Request
    ) -> tuple[str, Any]:
        """A clicked result: remember its id and name it."""
        lang = lang_of(request)
        if evt.index is None or not hits or int(evt.index) >= len(hits):
            return say(lang, "Search, then click the piece you own."), None
        item = hits[int(evt.index)]
        return say(lang, "Picked: **{name}**", name=piece_name(item)), item["id"]

    def guarded(self, action: Callable[..., str]) -> Callable[..., tuple[Any, ...]]:
        """`action(st, *args)` run only with a closet, then the closet refreshed with its note."""

        def run(st: dict[str, str], *args: Any, lang: str = "en") -> tuple[Any, ...]:
            if not _has_closet(st):
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
        if not _has_closet(st):
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

    def act_on_owned(
        self,
        st: dict[str, str],
        pieces: list[str],
        liked: list[str],
        evt: gr.SelectData,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        """An action on an owned tile: remove it, like it (again: unlike), or not for me
        (removed and never suggested again)."""
        lang = lang_of(request)
        index = int(evt.index) if evt.index is not None else -1
        if not _has_closet(st) or not 0 <= index < len(pieces):
            return self.refresh(st, "", lang)
        item_id, person, token = pieces[index], st["person"], st["token"]
        try:
            if evt.value == "like" and item_id in liked:
                self.calls.unfeedback(person, token, item_id, "like")
                note = say(lang, "Not liked any more.")
            elif evt.value == "like":
                self.calls.feedback(person, token, item_id, "like")
                note = say(lang, "Liked.")
            elif evt.value == "dismiss":
                self.calls.feedback(person, token, item_id, "dismiss")
                self.calls.disown(person, token, item_id)
                note = say(lang, "Removed, and not suggested again.")
            elif evt.value == "remove":
                self.calls.disown(person, token, item_id)
                note = say(lang, "Removed.")
            else:  # not an action of these tiles: nothing is changed
                note = ""
        except ApiError as exc:
            return self.refresh(st, _error(exc), lang)
        return self.refresh(st, note, lang)

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
        if not _has_closet(st):
            return _no_closet(lang)
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
        if not _has_closet(st):
            return _no_closet(lang), 0
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
    ) -> tuple[str, list[str]]:
        """The next pieces to buy as tiles, and their ids in grid order."""
        html, ids, _ = self._suggest(st, money, cat, occasion_of(style, season, gender), lang)
        return html, ids

    def _suggest(
        self,
        st: dict[str, str],
        money: float | None,
        cat: str,
        occasion: dict[str, str],
        lang: str,
    ) -> tuple[str, list[str], set[str] | None]:
        """`suggest`, and the likes it read (None when it could not)."""
        if not _has_closet(st):
            return _no_closet(lang), [], None
        try:
            data = self.calls.next(
                st["person"],
                int(money) if money else None,
                None if cat == "any" else cat,
                {**occasion, "lang": lang},
            )
            liked = self.calls.liked(st["person"])
        except ApiError as exc:
            return _error(exc), [], None
        return next_html(data, liked, lang), [n["item"]["id"] for n in data["items"]], liked

    def react(
        self,
        st: dict[str, str],
        shown: list[str],
        money: float | None,
        cat: str,
        style: str,
        season: str,
        gender: str,
        evt: gr.SelectData,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        """An action on a suggested tile: like, not for me (never shown again) or bought it
        (owned); then the suggestions and the closet again."""
        lang = lang_of(request)
        index = int(evt.index) if evt.index is not None else -1
        done = {
            "like": "Liked.",
            "dismiss": "Dismissed: not shown again.",
            "pick": "Added to your closet.",
        }
        note = ""
        if _has_closet(st) and 0 <= index < len(shown) and evt.value in done:
            item_id, person, token = shown[index], st["person"], st["token"]
            try:
                self.calls.feedback(person, token, item_id, str(evt.value))
                if evt.value == "pick":
                    self.calls.own(person, token, item_id)
                note = say(lang, done[str(evt.value)])
            except ApiError as exc:
                note = _error(exc)
        occasion = occasion_of(style, season, gender)
        html, ids, liked = self._suggest(st, money, cat, occasion, lang)
        return (html, ids, note, *self._refresh(st, note, lang, liked))  # likes read once

    def plan(self, st: dict[str, str], size: float, money: float | None, lang: str = "en") -> str:
        """The capsule: the best `size` purchases together."""
        if not _has_closet(st):
            return _no_closet(lang)
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
        if not _has_closet(st):
            return _no_closet(lang)
        if not items:
            return empty(say(lang, "Tick the owned pieces to start from."))
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
    owned.grid.select(h.act_on_owned, [state, owned.pieces, owned.liked], closet_outputs)
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
        [nxt.suggestions, nxt.shown],
    )
    nxt.suggestions.select(
        h.react,
        [state, nxt.shown, nxt.budget, nxt.category, *occasion],
        [nxt.suggestions, nxt.shown, nxt.message, *closet_outputs],
    )
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
    owned = build_owned_section()
    search, describe, photo, today, outfits, next_piece, capsule, look = build_sections()
    tab = ClosetTab(
        state,
        header,
        occasion,
        owned,
        search,
        describe,
        photo,
        today,
        outfits,
        next_piece,
        capsule,
        look,
    )
    wire_closet_events(tab, ClosetHandlers(api))
