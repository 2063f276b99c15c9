"""What the demo shows, as text: tile grids, item cards, explanations, outfits.

Pure functions from API models to Markdown/HTML strings (escaped). Every piece is drawn by
`demo.tiles` (its product photo, the local placeholder when the photo fails or the demo runs
offline).
"""

from __future__ import annotations

from html import escape

from api.schemas.items import Item, Outfit, OutfitsResponse, Recommendation, RecommendationsResponse
from demo.i18n import say
from demo.tiles import grid, kind_text, picture, price_text, tile

CATEGORY_LABELS = {
    "top": "Tops",
    "bottom": "Bottoms",
    "outer": "Outerwear",
    "shoes": "Shoes",
    "bag": "Bags",
    "hat": "Hats",
}
CATEGORY_SINGULAR = {
    "top": "top",
    "bottom": "bottom",
    "outer": "outer layer",
    "shoes": "pair of shoes",
    "bag": "bag",
    "hat": "hat",
}
MODEL_LABELS = {
    "rule": "rule model (co-occurrence in real outfits)",
    "lightgcn": "LightGCN model",
    "hybrid": "hybrid model (LightGCN blended with the rule model)",
    "ranker": "learned ranker (every graph signal, chosen by evaluation)",
}
PICK_A_RECOMMENDATION = (
    '<p class="empty-note">Pick a recommendation to see real outfits that wear it with yours.</p>'
)


def pick_a_recommendation(lang: str = "en") -> str:
    """The picked card's empty state."""
    return say(lang, PICK_A_RECOMMENDATION)


SEASON_LABELS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "winter": "winter"}


def search_tiles(items: list[Item], lang: str = "en") -> str:
    """The search results as a grid of pickable tiles."""
    tiles = [tile(item, i, why=_worn_text(item, lang), lang=lang) for i, item in enumerate(items)]
    return grid(tiles, say(lang, "Search results"))


def _worn_text(item: Item, lang: str) -> str:
    if not item.popularity:
        return ""
    worn = "worn in {n} outfits" if item.popularity != 1 else "worn in {n} outfit"
    return say(lang, worn, n=item.popularity)


def chance_text(probability: float, lang: str = "en") -> str:
    """'83% goes with yours': the calibrated chance that the piece completes a real outfit
    with yours, against a random piece of its category."""
    return say(lang, "{p} goes with yours", p=f"{probability:.0%}")


def score_text(rec: Recommendation, lang: str = "en") -> str:
    """'score 12' (rule) or '83% goes with yours · score 1.62' (model)."""
    if rec.probability is not None:
        score = say(lang, "score {s}", s=f"{rec.score:.2f}")
        return f"{chance_text(rec.probability, lang)} · {score}"
    if float(rec.score).is_integer():
        return say(lang, "score {s}", s=int(rec.score))
    return say(lang, "score {s}", s=f"{rec.score:.2f}")


def recommendation_tiles(recs: list[Recommendation], label: str, lang: str = "en") -> str:
    """One category's recommendations as pickable tiles: the calibrated percentage as the badge
    (when a model ranked them), the explanation on hover, focus and pick."""
    tiles = []
    for i, rec in enumerate(recs):
        badge = f"{rec.probability:.0%}" if rec.probability is not None else ""
        spoken = chance_text(rec.probability, lang) if rec.probability is not None else ""
        tiles.append(
            tile(rec.item, i, badge=badge, badge_label=spoken, why=rec.explanation, lang=lang)
        )
    return grid(tiles, label)


def category_label(category: str, lang: str = "en") -> str:
    """'Tops' / '상의'."""
    return say(lang, CATEGORY_LABELS.get(category, category))


def item_card(item: Item, note: str = "", elem_class: str = "item-card", lang: str = "en") -> str:
    """A picked item as an HTML card: picture, name (linked), brand, price, kind."""
    name = escape(item.name)
    if item.url:
        name = f'<a href="{escape(item.url)}" target="_blank" rel="noopener">{name}</a>'
    facts = [
        escape(item.brand or ""),
        price_text(item.price),
        escape(f"{category_label(item.category, lang)}: {kind_text(item)}"),
    ]
    facts.append(_worn_text(item, lang))
    facts_html = " · ".join(f for f in facts if f)
    note_html = f'<div class="card-note">{escape(note)}</div>' if note else ""
    return (
        f'<div class="{elem_class}" data-item-id="{escape(item.id)}">'
        f"{picture(item, 112, lang)}"
        f'<div><div class="card-name">{name}</div><div class="card-facts">{facts_html}</div>'
        f"{note_html}</div></div>"
    )


def recommendations_summary(response: RecommendationsResponse, lang: str = "en") -> str:
    """One line saying which model ranked, its version, and any note of the API (Markdown)."""
    count = sum(len(group.items) for group in response.categories)
    label = say(lang, MODEL_LABELS.get(response.model, response.model))
    text = say(
        lang,
        "**{count} pieces** in {groups} categories, ranked by the {model}",
        count=count,
        groups=len(response.categories),
        model=label,
    )
    if response.model_version:
        text += f" (version `{response.model_version}`)"
    text += say(lang, ". Click one to see real outfits that combine it with yours.")
    if response.note:
        text += f"\n\n> {response.note}"
    return text


def why_list(recs: list[Recommendation], lang: str = "en") -> str:
    """The scores and explanations of one category's recommendations (an HTML table)."""
    rows = []
    for rank, rec in enumerate(recs, start=1):
        name = escape(rec.item.name)
        if rec.item.url:
            name = f'<a href="{escape(rec.item.url)}" target="_blank" rel="noopener">{name}</a>'
        probability = f"{rec.probability:.0%}" if rec.probability is not None else "–"
        rows.append(
            f"<tr><td>{rank}</td><td>{name}<br><small>{escape(rec.item.brand or '')} "
            f"{price_text(rec.item.price)}</small></td>"
            f"<td>{score_text(rec, lang).split('·')[-1]}</td>"
            f"<td>{probability}</td><td>{escape(rec.explanation)}</td></tr>"
        )
    heads = "".join(
        f"<th>{escape(say(lang, h))}</th>"
        for h in ("#", "piece", "score", "goes with yours", "why")
    )
    return (
        f'<details class="why"><summary>{escape(say(lang, "Scores and why"))}</summary><table>'
        f"<tr>{heads}</tr>" + "".join(rows) + "</table></details>"
    )


def match_text(response: OutfitsResponse, owned: Item, picked: Item, lang: str = "en") -> str:
    """Say what kind of outfits follow: real ones with both items, or with both clusters."""
    n = response.count
    mine, theirs = escape(kind_text(owned)), escape(kind_text(picked))
    if response.match == "items":
        head = (
            "**{n} real outfits wear both pieces**"
            if n != 1
            else "**{n} real outfit wears both pieces**"
        )
        tail = " — your {mine} and the {theirs} you picked."
        return say(lang, head, n=n) + say(lang, tail, mine=mine, theirs=theirs)
    if response.match == "clusters":
        head = (
            "**{n} real outfits combine the same kinds and colours**"
            if n != 1
            else "**{n} real outfit combines the same kinds and colours**"
        )
        return (
            say(lang, "No outfit in the data wears these two exact pieces. ")
            + say(lang, head, n=n)
            + say(
                lang,
                " ({mine} with {theirs}), so the pieces shown there are similar, not identical.",
                mine=mine,
                theirs=theirs,
            )
        )
    return say(
        lang,
        "No outfit combines these pieces ({mine} with {theirs}) yet, not even similar ones. "
        "Try another recommendation.",
        mine=mine,
        theirs=theirs,
    )


def outfit_cards(response: OutfitsResponse, owned: Item, picked: Item, lang: str = "en") -> str:
    """The outfits as HTML cards, each with its items (linked to their product pages)."""
    cards = [_outfit_card(outfit, owned, picked, lang) for outfit in response.outfits]
    return (
        f'<div class="outfit-grid" data-match="{escape(response.match)}">'
        + "".join(cards)
        + "</div>"
    )


def _outfit_card(outfit: Outfit, owned: Item, picked: Item, lang: str = "en") -> str:
    facts = [
        say(lang, outfit.style or ""),
        say(lang, SEASON_LABELS.get(outfit.season or "", outfit.season or "")),
        say(lang, outfit.gender or ""),
    ]
    header = " · ".join(escape(f) for f in facts if f)
    pieces = [
        tile(item, mark=_mark(item, owned, picked), small=True, lang=lang) for item in outfit.items
    ]
    description = (outfit.description or "").strip()
    if len(description) > 140:
        description = description[:139] + "…"
    link = ""
    if outfit.url:
        link = (
            f'<a class="snap-link" href="{escape(outfit.url)}" target="_blank" '
            f'rel="noopener">{say(lang, "the outfit on its page ↗")}</a>'
        )
    return (
        f'<div class="outfit-card" data-outfit-id="{escape(outfit.id)}">'
        f'<div class="outfit-head">{say(lang, "Outfit")} {escape(outfit.id[-6:])} · {header}</div>'
        f"{grid(pieces, say(lang, 'Outfit'))}"
        f'<div class="outfit-desc">{escape(description)}</div>{link}</div>'
    )


def _mark(item: Item, owned: Item, picked: Item) -> str:
    """'yours', 'picked' or 'similar' (same kind and colour as one of them), else ''."""
    if item.id == owned.id:
        return "yours"
    if item.id == picked.id:
        return "picked"
    if item.cluster and item.cluster in (owned.cluster, picked.cluster):
        return "similar"
    return ""
