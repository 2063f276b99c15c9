"""The "My closet" tab: add pieces (search or describe), the outfits you can wear now, the next
piece to buy and what it unlocks, a capsule, a complete-the-look builder, like/dismiss/bought.

It calls the closet API only (through `demo.api_client.ApiClient`), never Neo4j. The closet id
and its secret token live in the browser (`gr.BrowserState`, local storage), and every write
sends the token as `Authorization: Bearer`.
"""

from __future__ import annotations

from html import escape
from typing import Any

import gradio as gr
from gradio.context import Context

from core.vocabulary import BIG_CATEGORIES, COLOR_FAMILIES, CORE_CATEGORIES
from demo.api_client import ApiClient, ApiError
from demo.render import CATEGORY_LABELS, price_text
from enrich.taxonomy import MID_CLASSES

EMPTY = {"person": "", "token": ""}
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

    def outfits(self, person: str, limit: int = 12) -> dict[str, Any]:
        return self.api.get(f"/closets/{person}/outfits", limit=limit)

    def next(self, person: str, budget: int | None, category: str | None) -> dict[str, Any]:
        return self.api.get(
            f"/closets/{person}/next", budget=budget, category=category, limit=8, per_cluster=1
        )

    def capsule(self, person: str, k: int, budget: int | None) -> dict[str, Any]:
        return self.api.get(f"/closets/{person}/capsule", k=k, budget=budget)

    def complete(self, person: str, items: list[str], fill: list[str]) -> dict[str, Any]:
        body: dict[str, Any] = {"items": items, "limit": 3}
        if fill:
            body["categories"] = fill
        return self.api.post(f"/closets/{person}/complete", body)


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


def closet_html(view: dict[str, Any]) -> str:
    """The owned pieces per category."""
    if not view["items"]:
        return '<p class="empty-note">Your closet is empty: add pieces above.</p>'
    parts = []
    for cat in BIG_CATEGORIES:
        pieces = [o for o in view["items"] if o["item"]["category"] == cat]
        if pieces:
            chips = "".join(
                _chip(o["item"], "described" if o["owned_only"] else "") for o in pieces
            )
            parts.append(f"<h5>{escape(CATEGORY_LABELS[cat])}</h5><ul>{chips}</ul>")
    return f'<div id="closet-list">{"".join(parts)}</div>'


def outfits_html(data: dict[str, Any]) -> str:
    """The wearable outfits, with the count and why each holds together."""
    head = (
        f'<p class="closet-count"><b>{data["count"]} wearable outfit'
        f"{'s' if data['count'] != 1 else ''}</b> ({data['real']} seen whole in real outfits)"
        f" — {escape(data['definition'])}</p>"
    )
    rows = [
        "<li>"
        + " + ".join(escape(i["name"]) for i in o["items"])
        + f"<br><small>{escape(o['explanation'])}</small></li>"
        for o in data["outfits"]
    ]
    return head + f"<ol>{''.join(rows)}</ol>"


def next_html(data: dict[str, Any]) -> str:
    """The next pieces, the outfits each unlocks and why."""
    if not data["items"]:
        return '<p class="empty-note">No piece adds an outfit yet: add a top or a bottom.</p>'
    rows = []
    for n in data["items"]:
        unlocks = "".join(
            "<li>" + " + ".join(escape(i["name"]) for i in o["items"]) + "</li>"
            for o in n["unlocks"]
        )
        rows.append(
            f'<li data-item-id="{escape(n["item"]["id"])}"><b>{escape(_name(n["item"]))}</b>'
            f" — <b>+{n['new_outfits']} outfit{'s' if n['new_outfits'] != 1 else ''}</b>"
            f"<br><small>{escape(n['explanation'])}</small><ul>{unlocks}</ul></li>"
        )
    head = (
        f"<p>You can wear <b>{data['current_outfits']}</b> outfits now "
        f"(ranked by the {escape(data['model'])} model).</p>"
    )
    return head + f'<ol id="closet-next-list">{"".join(rows)}</ol>'


def capsule_html(data: dict[str, Any]) -> str:
    """The capsule's purchases, step by step."""
    rows = "".join(
        f"<li><b>{escape(s['piece']['item']['name'])}</b> +{s['piece']['new_outfits']} → "
        f"{s['total_outfits']} outfits<br><small>{escape(s['piece']['explanation'])}</small></li>"
        for s in data["steps"]
    )
    return (
        f"<p>From {data['start_outfits']} to <b>{data['end_outfits']}</b> outfits.</p>"
        f"<ol>{rows}</ol><p><small>{escape(data['method'])}</small></p>"
    )


def looks_html(data: dict[str, Any]) -> str:
    """The completed looks, each piece with its role and why."""
    if not data["looks"]:
        return f'<p class="empty-note">{escape(data.get("note") or "No look found.")}</p>'
    looks = []
    for look in data["looks"]:
        pieces = "".join(
            f"<li><b>{escape(p['item']['name'])}</b> <small>({p['role']})"
            f" {escape(p['explanation'])}</small></li>"
            for p in look["items"]
        )
        looks.append(f"<li><ul>{pieces}</ul><small>{escape(look['explanation'])}</small></li>")
    return f'<ol id="closet-looks-list">{"".join(looks)}</ol>'


def _error(exc: Exception) -> str:
    return f"⚠️ {exc}"


# ---------------------------------------------------------------------------- the tab


def build_closet_tab(api: ApiClient) -> None:
    """Build the "My closet" tab inside the current Blocks context."""
    calls = ClosetCalls(api)
    state = gr.BrowserState(dict(EMPTY), storage_key="closet-demo-closet")

    with gr.Row(equal_height=True):
        status = gr.Markdown(NO_CLOSET, elem_id="closet-status")
        new = gr.Button("New closet", elem_id="closet-new", scale=0)
    gr.Markdown("### Add pieces")
    with gr.Row(equal_height=True):
        query = gr.Textbox(label="Search the catalogue", elem_id="closet-search", scale=4)
        search_cat = gr.Dropdown(["any", *BIG_CATEGORIES], value="any", label="Category", scale=1)
        search = gr.Button("Search", elem_id="closet-search-button", scale=0)
    found = gr.Radio([], label="Results", elem_id="closet-search-results")
    add = gr.Button("Add to my closet", variant="primary", elem_id="closet-add")
    with gr.Accordion("Not in the catalogue? Describe it", open=False):
        with gr.Row():
            d_cat = gr.Dropdown(list(BIG_CATEGORIES), value="top", label="Category")
            d_mid = gr.Dropdown(
                [m.name for m in MID_CLASSES if "top" in m.bigs], value="shirt", label="Kind"
            )
            d_color = gr.Dropdown(list(COLOR_FAMILIES), value="navy", label="Colour")
            d_name = gr.Textbox(label="Name (optional)")
        describe = gr.Button("Add this piece", elem_id="closet-describe-add")
    message = gr.Markdown("", elem_id="closet-message")
    owned = gr.HTML(elem_id="closet-items")
    with gr.Row(equal_height=True):
        remove_choice = gr.Dropdown([], label="Remove a piece", scale=3)
        remove = gr.Button("Remove", elem_id="closet-remove", scale=0)

    gr.Markdown("### Outfits you can wear now")
    show_outfits = gr.Button("Show my outfits", elem_id="closet-outfits-button")
    outfits = gr.HTML(elem_id="closet-outfits")

    gr.Markdown("### The next piece to buy")
    with gr.Row(equal_height=True):
        budget = gr.Number(label="Budget (₩, 0 = any)", value=0, precision=0, minimum=0)
        next_cat = gr.Radio(["any", *CORE_CATEGORIES], value="any", label="Category")
        find_next = gr.Button(
            "Find the next piece", variant="primary", elem_id="closet-next-button"
        )
    suggestions = gr.HTML(elem_id="closet-next")
    choice = gr.Radio([], label="Your take on a suggestion", elem_id="closet-next-choice")
    with gr.Row():
        like = gr.Button("👍 Like", elem_id="closet-like")
        dismiss = gr.Button("✕ Not for me", elem_id="closet-dismiss")
        bought = gr.Button("🛍 Bought it", elem_id="closet-pick")
    with gr.Row(equal_height=True):
        k = gr.Slider(1, 6, value=3, step=1, label="Capsule: best purchases together")
        capsule = gr.Button("Plan a capsule", elem_id="closet-capsule-button")
    capsule_out = gr.HTML(elem_id="closet-capsule")

    gr.Markdown("### Complete the look")
    look_items = gr.CheckboxGroup([], label="Start from", elem_id="closet-look-items")
    look_fill = gr.CheckboxGroup(
        list(BIG_CATEGORIES),
        label="Fill (default: the missing top or bottom)",
        elem_id="closet-look-fill",
    )
    complete = gr.Button("Complete the look", elem_id="closet-look-button")
    looks = gr.HTML(elem_id="closet-looks")

    def refresh(st: dict[str, str], note: str = "") -> tuple[Any, ...]:
        if not st or not st.get("person"):
            return NO_CLOSET, "", gr.update(choices=[]), gr.update(choices=[]), note
        try:
            view = calls.view(st["person"])
        except ApiError as exc:
            return NO_CLOSET, "", gr.update(choices=[]), gr.update(choices=[]), _error(exc)
        head = (
            f"Closet `{view['person']}` — {view['count']} pieces, "
            f"**{view['wearable_outfits']} wearable outfits**"
        )
        pieces = [(_name(o["item"]), o["item"]["id"]) for o in view["items"]]
        return (
            head,
            closet_html(view),
            gr.update(choices=pieces, value=None),
            gr.update(choices=pieces, value=[]),
            note,
        )

    closet_outputs = [status, owned, remove_choice, look_items, message]

    def create(st: dict[str, str]) -> tuple[Any, ...]:
        try:
            made = calls.create()
        except ApiError as exc:
            return (st, *refresh(st, _error(exc)))
        st = {"person": made["person"], "token": made["token"]}
        return (st, *refresh(st, "A new closet, kept in this browser."))

    def do_search(q: str, cat: str) -> Any:
        try:
            res = api.search(q=q or "", category=None if cat == "any" else cat, limit=12)
        except ApiError as exc:
            return gr.update(choices=[], label=_error(exc))
        choices = [(_name(h.item.model_dump()), h.item.id) for h in res.items]
        return gr.update(choices=choices, value=None, label=f"Results ({len(choices)})")

    def guarded(action):  # noqa: ANN001, ANN202
        def run(st: dict[str, str], *args: Any) -> tuple[Any, ...]:
            if not st or not st.get("person"):
                return refresh(st, "Press **New closet** first.")
            try:
                note = action(st, *args)
            except ApiError as exc:
                return refresh(st, _error(exc))
            return refresh(st, note)

        return run

    def add_item(st: dict[str, str], item_id: str | None) -> str:
        if not item_id:
            return "Pick a search result first."
        calls.own(st["person"], st["token"], item_id)
        return "Added."

    def add_described(st: dict[str, str], cat: str, mid: str, color: str, name: str) -> str:
        body = {"category": cat, "mid_class": mid, "color": color, "name": name or None}
        calls.describe(st["person"], st["token"], body)
        return f"Added a {color} {mid}."

    def remove_item(st: dict[str, str], item_id: str | None) -> str:
        if not item_id:
            return "Pick a piece to remove."
        calls.disown(st["person"], st["token"], item_id)
        return "Removed."

    def kinds_for(cat: str) -> Any:
        names = [m.name for m in MID_CLASSES if cat in m.bigs]
        return gr.update(choices=names, value=names[0] if names else None)

    def show(st: dict[str, str]) -> str:
        if not st or not st.get("person"):
            return NO_CLOSET
        try:
            return outfits_html(calls.outfits(st["person"]))
        except ApiError as exc:
            return _error(exc)

    def suggest(st: dict[str, str], money: float | None, cat: str) -> tuple[Any, Any]:
        if not st or not st.get("person"):
            return NO_CLOSET, gr.update(choices=[])
        try:
            data = calls.next(
                st["person"], int(money) if money else None, None if cat == "any" else cat
            )
        except ApiError as exc:
            return _error(exc), gr.update(choices=[])
        choices = [(_name(n["item"]), n["item"]["id"]) for n in data["items"]]
        return next_html(data), gr.update(choices=choices, value=None)

    def react(kind: str):  # noqa: ANN202
        def run(st: dict[str, str], item_id: str | None, money: float | None, cat: str):  # noqa: ANN202
            if not st or not st.get("person") or not item_id:
                html, radio = suggest(st, money, cat)
                return html, radio, "Pick a suggestion first."
            try:
                calls.feedback(st["person"], st["token"], item_id, kind)
                if kind == "pick":
                    calls.own(st["person"], st["token"], item_id)
            except ApiError as exc:
                html, radio = suggest(st, money, cat)
                return html, radio, _error(exc)
            html, radio = suggest(st, money, cat)
            done = {
                "like": "Liked.",
                "dismiss": "Dismissed: not shown again.",
                "pick": "Added to your closet.",
            }
            return html, radio, done[kind]

        return run

    def plan(st: dict[str, str], size: float, money: float | None) -> str:
        if not st or not st.get("person"):
            return NO_CLOSET
        try:
            return capsule_html(
                calls.capsule(st["person"], int(size), int(money) if money else None)
            )
        except ApiError as exc:
            return _error(exc)

    def build_look(st: dict[str, str], items: list[str], fill: list[str]) -> str:
        if not st or not st.get("person"):
            return NO_CLOSET
        if not items:
            return '<p class="empty-note">Tick the owned pieces to start from.</p>'
        try:
            return looks_html(calls.complete(st["person"], items, fill))
        except ApiError as exc:
            return _error(exc)

    new.click(create, [state], [state, *closet_outputs])
    search.click(do_search, [query, search_cat], [found])
    query.submit(do_search, [query, search_cat], [found])
    add.click(guarded(add_item), [state, found], closet_outputs)
    d_cat.change(kinds_for, [d_cat], [d_mid])
    describe.click(guarded(add_described), [state, d_cat, d_mid, d_color, d_name], closet_outputs)
    remove.click(guarded(remove_item), [state, remove_choice], closet_outputs)
    show_outfits.click(show, [state], [outfits])
    find_next.click(suggest, [state, budget, next_cat], [suggestions, choice])
    for button, kind in ((like, "like"), (dismiss, "dismiss"), (bought, "pick")):
        button.click(react(kind), [state, choice, budget, next_cat], [suggestions, choice, message])
    bought.click(lambda st: refresh(st, "Added to your closet."), [state], closet_outputs)
    capsule.click(plan, [state, k, budget], [capsule_out])
    complete.click(build_look, [state, look_items, look_fill], [looks])
    root = Context.root_block
    if root is not None:  # show the closet kept in this browser when the page opens
        root.load(lambda st: refresh(st), [state], closet_outputs)
