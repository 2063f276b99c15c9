"""What the demo shows, as text: gallery entries, captions, item cards, explanations, outfits.

Pure functions from API models to Markdown/HTML strings (escaped), so the page never fetches a
remote image: pictures are local placeholders (files for galleries, data URIs in HTML).
"""

from __future__ import annotations

from html import escape

from api.schemas.items import Item, Outfit, OutfitsResponse, Recommendation, RecommendationsResponse
from demo.placeholders import placeholder_data_uri, placeholder_path

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
SEASON_LABELS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "winter": "winter"}


def price_text(price: int | None) -> str:
    """'₩44,000' (empty when unknown)."""
    return f"₩{price:,}" if price is not None else ""


def cluster_text(item: Item) -> str:
    """'navy shirt' from the item's mid class and colour family."""
    color = item.color if item.color and item.color != "unknown" else ""
    return " ".join(p for p in (color, item.mid_class or item.category) if p)


def picture(item: Item) -> str:
    """The local placeholder PNG of an item (path as text, for a gallery)."""
    return str(placeholder_path(item.category, item.mid_class, item.color))


def search_entry(item: Item) -> tuple[str, str]:
    """A search-results gallery entry: (picture, caption)."""
    brand = f"{item.brand} · " if item.brand else ""
    return picture(item), f"{item.name}\n{brand}{price_text(item.price)}"


def chance_text(probability: float) -> str:
    """'83% goes with yours': the calibrated chance that the piece completes a real outfit
    with yours, against a random piece of its category."""
    return f"{probability:.0%} goes with yours"


def score_text(rec: Recommendation) -> str:
    """'score 12' (rule) or '83% goes with yours · score 1.62' (model)."""
    if rec.probability is not None:
        return f"{chance_text(rec.probability)} · score {rec.score:.2f}"
    if float(rec.score).is_integer():
        return f"score {int(rec.score)}"
    return f"score {rec.score:.2f}"


def recommendation_entry(rec: Recommendation) -> tuple[str, str]:
    """A recommendations gallery entry: (picture, caption with the score)."""
    return picture(rec.item), f"{score_text(rec)} · {rec.item.name}"


def item_card(item: Item, note: str = "", elem_class: str = "item-card") -> str:
    """A picked item as an HTML card: picture, name (linked), brand, price, kind."""
    image = placeholder_data_uri(item.category, item.mid_class, item.color, 112)
    name = escape(item.name)
    if item.url:
        name = f'<a href="{escape(item.url)}" target="_blank" rel="noopener">{name}</a>'
    facts = [
        escape(item.brand or ""),
        price_text(item.price),
        escape(f"{CATEGORY_LABELS.get(item.category, item.category)}: {cluster_text(item)}"),
    ]
    if item.popularity:
        worn = f"worn in {item.popularity} outfit{'s' if item.popularity != 1 else ''}"
        facts.append(worn)
    facts_html = " · ".join(f for f in facts if f)
    note_html = f'<div class="card-note">{escape(note)}</div>' if note else ""
    return (
        f'<div class="{elem_class}" data-item-id="{escape(item.id)}">'
        f'<img src="{image}" alt="{escape(cluster_text(item))}" width="112" height="112">'
        f'<div><div class="card-name">{name}</div><div class="card-facts">{facts_html}</div>'
        f"{note_html}</div></div>"
    )


def recommendations_summary(response: RecommendationsResponse) -> str:
    """One line saying which model ranked, its version, and any note of the API (Markdown)."""
    count = sum(len(group.items) for group in response.categories)
    label = MODEL_LABELS.get(response.model, response.model)
    text = f"**{count} pieces** in {len(response.categories)} categories, ranked by the {label}"
    if response.model_version:
        text += f" (version `{response.model_version}`)"
    text += ". Click one to see real outfits that combine it with yours."
    if response.note:
        text += f"\n\n> {response.note}"
    return text


def why_list(recs: list[Recommendation]) -> str:
    """The scores and explanations of one category's recommendations (an HTML table)."""
    rows = []
    for rank, rec in enumerate(recs, start=1):
        name = escape(rec.item.name)
        if rec.item.url:
            name = f'<a href="{escape(rec.item.url)}" target="_blank" rel="noopener">{name}</a>'
        probability = f"{rec.probability:.0%}" if rec.probability is not None else "–"
        rows.append(
            f"<tr><td>{rank}</td><td>{name}<br><small>{escape(rec.item.brand or '')} "
            f"{price_text(rec.item.price)}</small></td><td>{score_text(rec).split('·')[-1]}</td>"
            f"<td>{probability}</td><td>{escape(rec.explanation)}</td></tr>"
        )
    return (
        '<details class="why"><summary>Scores and why</summary><table>'
        "<tr><th>#</th><th>piece</th><th>score</th><th>goes with yours</th><th>why</th></tr>"
        + "".join(rows)
        + "</table></details>"
    )


def match_text(response: OutfitsResponse, owned: Item, picked: Item) -> str:
    """Say what kind of outfits follow: real ones with both items, or with both clusters."""
    n = response.count
    plural = "s" if n != 1 else ""
    verb = "wear" if n != 1 else "wears"
    combine = "combine" if n != 1 else "combines"
    if response.match == "items":
        return (
            f"**{n} real outfit{plural} {verb} both pieces** — your {escape(cluster_text(owned))} "
            f"and the {escape(cluster_text(picked))} you picked."
        )
    if response.match == "clusters":
        return (
            "No outfit in the data wears these two exact pieces. "
            f"**{n} real outfit{plural} {combine} the same kinds and colours** "
            f"({escape(cluster_text(owned))} with {escape(cluster_text(picked))}), "
            "so the pieces shown there are similar, not identical."
        )
    return (
        f"No outfit combines these pieces ({escape(cluster_text(owned))} with "
        f"{escape(cluster_text(picked))}) yet, not even similar ones. "
        "Try another recommendation."
    )


def outfit_cards(response: OutfitsResponse, owned: Item, picked: Item) -> str:
    """The outfits as HTML cards, each with its items (linked to their product pages)."""
    cards = [_outfit_card(outfit, owned, picked) for outfit in response.outfits]
    return (
        f'<div class="outfit-grid" data-match="{escape(response.match)}">'
        + "".join(cards)
        + "</div>"
    )


def _outfit_card(outfit: Outfit, owned: Item, picked: Item) -> str:
    facts = [
        outfit.style or "",
        SEASON_LABELS.get(outfit.season or "", outfit.season or ""),
        outfit.gender or "",
    ]
    header = " · ".join(escape(f) for f in facts if f)
    rows = []
    for item in outfit.items:
        badge = ""
        if item.id == owned.id:
            badge = '<span class="badge owned">yours</span>'
        elif item.id == picked.id:
            badge = '<span class="badge picked">picked</span>'
        elif item.cluster and item.cluster in (owned.cluster, picked.cluster):
            badge = '<span class="badge similar">similar</span>'
        image = placeholder_data_uri(item.category, item.mid_class, item.color, 56)
        name = escape(item.name)
        if item.url:
            name = f'<a href="{escape(item.url)}" target="_blank" rel="noopener">{name}</a>'
        rows.append(
            f'<li data-item-id="{escape(item.id)}"><img src="{image}" width="56" height="56" '
            f'alt="{escape(cluster_text(item))}"><div>{badge}{name}<br><small>'
            f"{escape(item.brand or '')} {price_text(item.price)}</small></div></li>"
        )
    description = (outfit.description or "").strip()
    if len(description) > 140:
        description = description[:139] + "…"
    link = ""
    if outfit.url:
        link = (
            f'<a class="snap-link" href="{escape(outfit.url)}" target="_blank" '
            'rel="noopener">the outfit on its page ↗</a>'
        )
    return (
        f'<div class="outfit-card" data-outfit-id="{escape(outfit.id)}">'
        f'<div class="outfit-head">Outfit {escape(outfit.id[-6:])} · {header}</div>'
        f"<ul>{''.join(rows)}</ul>"
        f'<div class="outfit-desc">{escape(description)}</div>{link}</div>'
    )
