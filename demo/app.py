"""The Gradio demo: find the piece you own, see what goes with it, and the outfits that prove it.

It calls the closet API over HTTP only (`demo.api_client.ApiClient`), never Neo4j, and shows
local placeholder pictures, so it works offline. `build_app(api_url)` makes the Blocks;
`launch(api_url, host, port)` serves them (`closet ui`). When `demo/closet_tab.py` exists and
exposes `build_closet_tab(api)`, a "My closet" tab is added.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Callable, Iterator
from html import escape
from typing import Any

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from api.schemas.items import Item, Recommendation
from core.vocabulary import COLOR_FAMILIES
from demo import render
from demo.api_client import ApiClient, ApiError
from demo.i18n import lang_of, language_switch, say, translated, translating, wire_switch
from demo.occasion import occasion_controls, occasion_of
from demo.tiles import TILE_CSS, kind_text, tile_gallery

CATEGORIES = tuple(render.CATEGORY_LABELS)
ANY = ""
CATEGORY_CHOICES = [("any category", ANY)] + [(v, k) for k, v in render.CATEGORY_LABELS.items()]
COLOR_CHOICES = [("any colour", ANY)] + [(c, c) for c in COLOR_FAMILIES]
MODEL_CHOICES = [
    ("best available", ANY),
    ("rule", "rule"),
    ("LightGCN", "lightgcn"),
    ("hybrid", "hybrid"),
    ("learned ranker", "ranker"),
]
SEARCH_LIMIT = 24

CSS = (
    """
.gradio-container {max-width: 1180px !important; margin: auto;}
#api-status p {margin: 0;}
.api-error {color: #b42318; font-weight: 600;}
.item-card {display: flex; gap: 14px; align-items: center; padding: 10px;
  border: 1px solid var(--border-color-primary); border-radius: 10px;
  background: var(--background-fill-secondary);}
.item-card img {border-radius: 8px; flex: none;}
.card-name {font-weight: 600; font-size: 1.05em;}
.card-facts {color: var(--body-text-color-subdued); font-size: 0.92em; margin-top: 4px;}
.card-note {margin-top: 6px; font-size: 0.92em;}
.why summary {cursor: pointer; color: var(--body-text-color-subdued); font-size: 0.9em;}
.why table {font-size: 0.85em; margin-top: 6px; width: 100%;}
.why td, .why th {padding: 3px 6px; vertical-align: top;}
.rec-block {border-top: 1px solid var(--border-color-primary); padding-top: 6px;}
.rec-block h4 {margin: 4px 0 !important;}
.empty-note {color: var(--body-text-color-subdued); font-style: italic;}
.outfit-grid {display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
  gap: 12px;}
.outfit-card {border: 1px solid var(--border-color-primary); border-radius: 10px;
  padding: 10px; background: var(--background-fill-secondary);}
.outfit-head {font-weight: 600; margin-bottom: 6px;}
.outfit-card .tile-grid {grid-template-columns: 1fr; gap: 4px;}
.closet-count {font-size: 1.15em; margin: 4px 0 8px;}
.closet-groups {display: flex; flex-wrap: wrap; gap: 8px 28px; align-items: flex-start;}
.closet-group {flex: 0 1 auto; max-width: 100%;}
.closet-group h4 {margin: 4px 0 !important;}
.closet-group .tile-grid {display: flex; flex-wrap: wrap; gap: 10px;}
.closet-group .tile {width: 164px;}
.outfit-desc {font-size: 0.85em; color: var(--body-text-color-subdued); margin-top: 6px;}
.snap-link {font-size: 0.85em;}
.badge {font-size: 0.75em; border-radius: 6px; padding: 1px 6px; margin-right: 6px;
  color: white;}
.badge.owned {background: #4f46e5;} .badge.picked {background: #059669;}
.badge.similar {background: #9ca3af;}
"""
    + TILE_CSS
)


def _error(message: str) -> str:
    return f'<span class="api-error">⚠ {escape(message)}</span>'


def _items(data: list[dict[str, Any]]) -> list[Item]:
    return [Item.model_validate(d) for d in data]


# ---------------------------------------------------------------------------- handlers


class Handlers:
    """The demo's event handlers, bound to one API client."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api
        self._stocked: tuple[float, set[str]] | None = None

    def status(self, request: gr.Request) -> str:
        """The banner: is the API up, and how much data does it serve?"""
        lang = lang_of(request)
        try:
            health = self.api.health()
        except ApiError as exc:
            return _error(str(exc))
        count = (
            say(lang, "{n} items", n=f"{health.items:,}")
            if health.items is not None
            else say(lang, "its items")
        )
        return say(
            lang,
            "Connected to the closet API at `{url}`: {count} in the graph.",
            url=self.api.base_url,
            count=count,
        )

    def stocked(self) -> set[str] | None:
        """The big categories the catalogue has items in (cached a minute; None if unknown)."""
        now = time.monotonic()
        if self._stocked is None or now - self._stocked[0] > 60:
            try:
                found = {c.category for c in self.api.categories() if c.items}
            except ApiError:
                return None
            self._stocked = (now, found)
        return self._stocked[1]

    def search(
        self, query: str, category: str, color: str, request: gr.Request
    ) -> tuple[Any, str, list[dict]]:
        """Search (or browse the most worn pieces when the query is empty)."""
        lang = lang_of(request)
        query = (query or "").strip()
        try:
            response = self.api.search(query, category or None, color or None, SEARCH_LIMIT)
        except ApiError as exc:
            return gr.update(value="", visible=False), _error(str(exc)), []
        items = [hit.item for hit in response.items]
        filters = _filters_text(category, color, lang)
        if not items:
            what = f"“{query}”" if query else say(lang, "the filters")
            message = say(
                lang,
                "Nothing matches {what}{filters}. Try fewer or other words (Korean or English "
                "names and brands work), another colour, or clear the filters.",
                what=what,
                filters=filters,
            )
            return gr.update(value="", visible=False), message, []
        if query:
            many = "**{n}** matches for “{q}”" if len(items) != 1 else "**{n}** match for “{q}”"
            head = say(lang, many, n=len(items), q=query)
        else:
            head = say(lang, "The most worn pieces")
        message = head + filters + say(lang, ". Click the one most like yours.")
        gallery = gr.update(value=render.search_tiles(items, lang), visible=True)
        return gallery, message, [i.model_dump() for i in items]

    def pick_owned(
        self,
        results: list[dict],
        per_category: int,
        model: str,
        mix_brands: bool,
        style: str,
        season: str,
        gender: str,
        evt: gr.SelectData,
        request: gr.Request,
    ) -> Iterator[tuple]:
        """The item clicked in the search results becomes 'yours': recommend for it."""
        if evt.index is None or not results or evt.index >= len(results):
            return
        owned = results[int(evt.index)]
        yield from self.rerank(
            owned, per_category, model, mix_brands, style, season, gender, request
        )

    def rerank(
        self,
        owned: dict | None,
        per_category: int,
        model: str,
        mix_brands: bool,
        style: str,
        season: str,
        gender: str,
        request: gr.Request,
    ) -> Iterator[tuple]:
        """Ranking options or the occasion changed: recommend again for the same item."""
        if not owned:
            return
        yield from self._recommend(
            Item.model_validate(owned),
            per_category,
            model,
            mix_brands,
            lang_of(request),
            occasion_of(style, season, gender),
        )

    def _recommend(
        self,
        owned: Item,
        per_category: int,
        model: str,
        mix_brands: bool = False,
        lang: str = "en",
        occasion: dict[str, str | None] | None = None,
    ) -> Iterator[tuple]:
        card = render.item_card(owned, elem_class="item-card owned-card", lang=lang)
        hidden = _category_updates({}, owned.category, loading=True)
        cleared = (render.pick_a_recommendation(lang), "", "", None)
        loading = say(lang, "Looking for pieces that go with **{name}** …", name=owned.name)
        yield (card, loading, {}, owned.model_dump(), *hidden, *cleared)
        try:
            response = self.api.recommendations(
                owned.id,
                per_category=int(per_category),
                model=model or None,
                brands="other" if mix_brands else None,
                lang=lang,
                occasion=occasion,
            )
        except ApiError as exc:
            yield (card, _error(str(exc)), {}, owned.model_dump(), *hidden, *cleared)
            return
        groups = {g.category: g.items for g in response.categories if g.items}
        if groups:
            message = render.recommendations_summary(response, lang)
        else:
            message = say(
                lang,
                "No real outfit in the data pairs a {kind} with anything yet, nor one of its "
                "kind or colour, so there is nothing to recommend. Pick another piece.",
                kind=kind_text(owned),
            )
            if response.note:
                message += f"\n\n> {response.note}"
        state = {c: [r.model_dump() for r in recs] for c, recs in groups.items()}
        updates = _category_updates(groups, owned.category, stocked=self.stocked(), lang=lang)
        yield (card, message, state, owned.model_dump(), *updates, *cleared)

    def recommendation_picker(self, category: str) -> Callable[..., Iterator[tuple]]:
        """The select handler of one category's gallery."""

        def pick(
            recs: dict,
            owned: dict | None,
            style: str,
            season: str,
            gender: str,
            evt: gr.SelectData,
            request: gr.Request,
        ) -> Iterator[tuple]:
            occasion = occasion_of(style, season, gender)
            yield from self.pick_recommendation(
                category, recs, owned, evt, lang_of(request), occasion
            )

        return pick

    def pick_recommendation(
        self,
        category: str,
        recs: dict[str, list[dict]],
        owned: dict | None,
        evt: gr.SelectData,
        lang: str = "en",
        occasion: dict[str, str | None] | None = None,
    ) -> Iterator[tuple[str, str, str, dict | None]]:
        """A recommendation was clicked: show the real outfits that combine it with yours."""
        group = recs.get(category) or []
        if not owned or evt.index is None or evt.index >= len(group):
            return
        rec = Recommendation.model_validate(group[int(evt.index)])
        mine = Item.model_validate(owned)
        picked = rec.item
        note = rec.explanation
        if rec.probability is not None:
            note = f"{render.chance_text(rec.probability, lang)} — {note}"
        card = render.item_card(picked, note=note, elem_class="item-card picked-card", lang=lang)
        looking = say(lang, "Looking for real outfits with both pieces …")
        yield card, looking, "", picked.model_dump()
        try:
            response = self.api.outfits(mine.id, picked.id, occasion=occasion)
        except ApiError as exc:
            yield card, _error(str(exc)), "", picked.model_dump()
            return
        message = render.match_text(response, mine, picked, lang)
        html = render.outfit_cards(response, mine, picked, lang)
        yield card, message, html, picked.model_dump()


def _filters_text(category: str, color: str, lang: str = "en") -> str:
    parts = []
    if category:
        parts.append(render.category_label(category, lang).lower())
    if color:
        parts.append(color)
    return say(lang, " in {filters}", filters=", ".join(parts)) if parts else ""


def _category_updates(
    groups: dict[str, list[Recommendation]],
    owned_category: str,
    loading: bool = False,
    stocked: set[str] | None = None,
    lang: str = "en",
) -> list[Any]:
    """(block, heading, gallery, why) updates for every category, in CATEGORIES order.

    `stocked` are the categories the catalogue has items in (None: unknown), so an empty
    category can say whether nothing pairs or there is nothing of that kind at all.
    """
    updates: list[Any] = []
    for category in CATEGORIES:
        label = render.category_label(category, lang)
        recs = groups.get(category, [])
        if loading or category == owned_category:
            hidden = gr.update(value="", visible=False)
            updates += [gr.update(visible=False), "", hidden, ""]
            continue
        if not recs:
            if stocked is not None and category not in stocked:
                why = say(lang, "The catalogue has no {what} at all.", what=label.lower())
            else:
                why = say(
                    lang,
                    "No {what} is worn with this piece, or with one of its kind or colour, "
                    "in the outfits we know.",
                    what=say(lang, render.CATEGORY_SINGULAR[category]),
                )
            note = f'<p class="empty-note">{escape(why)}</p>'
            hidden = gr.update(value="", visible=False)
            updates += [gr.update(visible=True), f"#### {label}", hidden, note]
            continue
        picks = say(lang, "{n} picks" if len(recs) != 1 else "{n} pick", n=len(recs))
        top = say(lang, "Top pick: {why}", why=escape(recs[0].explanation))
        heading = f"#### {label} · {picks}\n<small>{top}</small>"
        updates += [
            gr.update(visible=True),
            heading,
            gr.update(value=render.recommendation_tiles(recs, label, lang), visible=True),
            render.why_list(recs, lang),
        ]
    return updates


# ---------------------------------------------------------------------------- layout


def _match_tab(handlers: Handlers, app: gr.Blocks) -> None:
    translated(gr.Markdown("### 1 · Find the piece you own"))
    with gr.Row(equal_height=True):
        query = translated(
            gr.Textbox(
                label="Search",
                placeholder="e.g. 셔츠, chino, denim, 니트 베스트 …",
                elem_id="search-query",
                scale=4,
            )
        )
        category = translated(
            gr.Dropdown(
                CATEGORY_CHOICES, value=ANY, label="Category", elem_id="search-category", scale=2
            )
        )
        color = translated(
            gr.Dropdown(COLOR_CHOICES, value=ANY, label="Colour", elem_id="search-color", scale=2)
        )
        search = translated(
            gr.Button("Search", variant="primary", elem_id="search-button", scale=1)
        )
    search_message = translated(
        gr.Markdown("Loading the catalogue …", elem_id="search-message"), dynamic=True
    )
    results = tile_gallery("search-results")
    results_state = gr.State([])

    translated(gr.Markdown("### 2 · What goes with it"))
    with gr.Row():
        owned_card = translated(
            gr.HTML(
                '<p class="empty-note">Pick an item above to see what goes with it.</p>',
                elem_id="owned-card",
            ),
            dynamic=True,
        )
        with gr.Column(scale=0, min_width=280):
            model = translated(
                gr.Dropdown(MODEL_CHOICES, value=ANY, label="Ranking model", elem_id="model")
            )
            per_category = translated(
                gr.Slider(
                    2, 12, value=6, step=1, label="Pieces per category", elem_id="per-category"
                )
            )
            mix_brands = translated(
                gr.Checkbox(
                    False,
                    label="Mix brands: only pieces of other brands than yours",
                    elem_id="mix-brands",
                )
            )
            style, season, gender = occasion_controls("match")
    recs_message = gr.Markdown("", elem_id="recs-message")
    recs_state = gr.State({})
    owned_state = gr.State(None)
    category_outputs: list[Any] = []
    galleries: dict[str, gr.HTML] = {}
    for cat in CATEGORIES:
        with gr.Column(visible=False, elem_id=f"recs-block-{cat}", elem_classes="rec-block") as blk:
            heading = gr.Markdown(elem_id=f"recs-heading-{cat}")
            gallery = tile_gallery(f"recs-{cat}")
            why = gr.HTML(elem_id=f"why-{cat}")
        galleries[cat] = gallery
        category_outputs += [blk, heading, gallery, why]

    translated(gr.Markdown("### 3 · Real outfits that combine both"))
    picked_card = translated(
        gr.HTML(render.PICK_A_RECOMMENDATION, elem_id="picked-card"), dynamic=True
    )
    outfits_message = gr.Markdown("", elem_id="outfits-message")
    outfits = gr.HTML(elem_id="outfits")
    picked_state = gr.State(None)

    search_inputs = [query, category, color]
    search_outputs = [results, search_message, results_state]
    search.click(handlers.search, search_inputs, search_outputs)
    query.submit(handlers.search, search_inputs, search_outputs)
    category.change(handlers.search, search_inputs, search_outputs)
    color.change(handlers.search, search_inputs, search_outputs)
    app.load(handlers.search, search_inputs, search_outputs)

    rec_outputs = [
        owned_card,
        recs_message,
        recs_state,
        owned_state,
        *category_outputs,
        picked_card,
        outfits_message,
        outfits,
        picked_state,
    ]
    options = [per_category, model, mix_brands, style, season, gender]
    results.select(handlers.pick_owned, [results_state, *options], rec_outputs)
    for control in (model, mix_brands, style, season, gender):
        control.change(handlers.rerank, [owned_state, *options], rec_outputs)
    per_category.release(handlers.rerank, [owned_state, *options], rec_outputs)
    for cat, gallery in galleries.items():
        gallery.select(
            handlers.recommendation_picker(cat),
            [recs_state, owned_state, style, season, gender],
            [picked_card, outfits_message, outfits, picked_state],
        )


def _closet_tab_builder() -> Callable[[ApiClient], None] | None:
    """`demo.closet_tab.build_closet_tab` when that module is part of this checkout."""
    try:
        module = importlib.import_module("demo.closet_tab")
    except ModuleNotFoundError as exc:
        if exc.name == "demo.closet_tab":
            return None
        raise
    return getattr(module, "build_closet_tab", None)


def build_app(api_url: str, api: ApiClient | None = None) -> gr.Blocks:
    """The demo's Blocks, talking to the API at `api_url`."""
    client = api or ApiClient(api_url)
    handlers = Handlers(client)
    with (
        gr.Blocks(title="closet — what goes with what you own", analytics_enabled=False) as app,
        translating() as registry,
    ):
        with gr.Row(equal_height=True):
            translated(
                gr.Markdown(
                    "## closet — what goes with what you own\n"
                    "Pick a piece you own; closet recommends pieces of every other category "
                    "that are worn with it in real outfits, and shows those outfits."
                )
            )
            switch = language_switch()
        status = gr.Markdown("Checking the API …", elem_id="api-status")
        closet_tab = _closet_tab_builder()
        with gr.Tabs(elem_id="tabs"):
            with translated(gr.Tab("Find a match", id="match", elem_id="tab-match")):
                _match_tab(handlers, app)
            if closet_tab is not None:
                with translated(gr.Tab("My closet", id="closet", elem_id="tab-closet")):
                    closet_tab(client)
        app.load(handlers.status, None, status)
        wire_switch(app, switch, registry).then(handlers.status, None, status)
    return app


def theme() -> gr.themes.Base:
    """A calm theme with system fonts (nothing fetched from font CDNs), its text colours
    darkened to WCAG AA contrast (4.5:1; the browser test runs axe-core on both tabs)."""
    system = [
        "ui-sans-serif",
        "system-ui",
        "Apple SD Gothic Neo",
        "Noto Sans KR",
        "NanumGothic",
        "sans-serif",
    ]
    return gr.themes.Soft(
        primary_hue="indigo",
        neutral_hue="slate",
        font=system,
        font_mono=["ui-monospace", "monospace"],
    ).set(
        block_title_text_color="*primary_800",
        block_label_text_color="*primary_800",
        body_text_color_subdued="*neutral_600",
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        checkbox_label_background_fill_selected="*primary_700",
    )


def launch(
    api_url: str, host: str = "127.0.0.1", port: int = 7860, block: bool = True
) -> gr.Blocks:
    """Serve the demo (blocking unless block=False, then call `.close()` on the result)."""
    app = build_app(api_url)
    app.queue(default_concurrency_limit=8)
    app.launch(
        server_name=host,
        server_port=port,
        prevent_thread_lock=not block,
        show_error=True,
        quiet=not block,
        ssr_mode=False,
        footer_links=["api"],
        theme=theme(),
        css=CSS,
    )
    return app
