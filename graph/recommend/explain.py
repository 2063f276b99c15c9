"""Short, human explanations of recommendations, drawn from the graph path that produced them:
rule candidates, model scores, wearable outfits, next pieces and completed looks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from core.records import Item
from core.vocabulary import cluster_label, item_cluster
from graph.recommend.features import FEATURES

if TYPE_CHECKING:
    from graph.recommend.complete import Look, LookPiece
    from graph.recommend.learned import Ranker
    from graph.recommend.next_piece import NextPiece
    from graph.recommend.rule import Candidate
    from graph.recommend.today import TodayOutfit
    from graph.recommend.wearable import WearableOutfit

BASIS_TEXT = {
    "cluster": "its own cluster",
    "mid_class": "other colours of its kind",
    "color": "other pieces of its colour",
}


def plural(label: str) -> str:
    """'navy shirt' → 'navy shirts'; labels already ending in s (jeans, chinos) stay."""
    return label if label.endswith("s") else f"{label}s"


def count(n: int, word: str) -> str:
    """'1 outfit', '2 outfits'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def yours(n: int) -> str:
    """'1 of your piece', '2 of your pieces' (as the explanations word it)."""
    return f"{n} of your piece{'s' if n != 1 else ''}"


def label(key: str | None) -> str:
    """A cluster as words, singular: 'shirt|navy' → 'navy shirt'."""
    return cluster_label(key, none="unclustered item")


def explain_rule(owned: dict[str, Any] | None, cand: Candidate) -> str:
    """Why a rule-based candidate was chosen (single owned item, or a closet when None)."""
    outfits = count(cand.strength, "outfit")
    target = cluster_label(cand.cluster)
    if owned is None:
        return f"{plural(target)} pair with {yours(cand.pairs_with)} ({outfits} in all)"
    if cand.basis == "cluster":
        own = cluster_label(item_cluster(owned))
        return f"{plural(target)} are worn with {plural(own)} in {outfits}"
    return f"{plural(target)} are worn with {BASIS_TEXT[cand.basis]} in {outfits}"


def explain_model(row: dict[str, Any], owned_cluster: str | None) -> str:
    """Why the model recommends an item: its probability with the owned item's cluster."""
    return (
        f"LightGCN ({row['model']}) gives it {float(row['probability']):.0%} "
        f"with {cluster_label(owned_cluster)}s"
    )


def explain_ranker(
    ranker: Ranker, given: Sequence[Item], cand: Item, features: np.ndarray, probability: float
) -> str:
    """Why the learned ranker puts a piece high, from its strongest graph evidence: the same
    brand's shoots, the two brands worn together, or the two clusters worn together."""
    col = {name: n for n, name in enumerate(FEATURES)}
    tables = ranker.tables
    chance = f"{probability:.0%} chance it completes the outfit"
    same = [g for g in given if g.brand and g.brand == cand.brand]
    if same and features[col["same_brand"]] > 0:
        shoots = tables.outfits_with("brand", cand.brand, cand.brand)
        piece = cluster_label(same[0].cluster, none="piece")
        worn = f", worn together in {count(shoots, 'of its shoot')}" if shoots else ""
        return f"same brand as your {piece} ({cand.brand}){worn}; {chance}"
    pairs = [(tables.outfits_with("brand", g.brand, cand.brand), g) for g in given if g.brand]
    best = max(pairs, key=lambda p: p[0], default=(0, None))
    if best[0] > 0 and best[1] is not None:
        return f"{cand.brand} is worn with {best[1].brand} in {count(best[0], 'outfit')}; {chance}"
    clusters = [(tables.outfits_with("cluster", g.cluster, cand.cluster), g) for g in given]
    top = max(clusters, key=lambda p: p[0], default=(0, None))
    if top[0] > 0 and top[1] is not None:
        return (
            f"{plural(cluster_label(cand.cluster))} are worn with "
            f"{plural(cluster_label(top[1].cluster))} in {count(top[0], 'outfit')}; {chance}"
        )
    return f"its words, style and price match pieces worn with yours; {chance}"


def explain_outfit(outfit: WearableOutfit) -> str:
    """Why an outfit is wearable: real outfits wearing it, else its pairwise path."""
    if outfit.real_outfits:
        return f"worn exactly like this in {count(outfit.real_outfits, 'real outfit')}"
    links = "; ".join(
        f"{label(s.a)} with {label(s.b)} in {count(s.outfits, 'outfit')}" for s in outfit.path
    )
    return f"no real outfit has these pieces, but each pair is worn together: {links}"


def explain_next_piece(n: NextPiece) -> str:
    """Why this piece: its cluster pairs with k owned pieces and unlocks m outfits."""
    target = label(n.piece.cluster)
    if n.worn_with:
        first = max(n.worn_with.items(), key=lambda kv: kv[1])
        partner = next((p for p, _ in n.partners if p.id == first[0]), None)
        name = partner.item.get("name") if partner else first[0]
        head = f"worn with your {name} in {count(first[1], 'real outfit')}; "
    else:
        head = ""
    pairs = ", ".join(f"{label(p.cluster)} ({count(c, 'outfit')})" for p, c in n.partners[:3])
    mine = yours(n.gain.pairs_with)
    if n.gain.gain == 0:
        return f"{head}its cluster ({target}) pairs with {mine} ({pairs}), no outfit yet"
    return (
        f"{head}its cluster ({target}) pairs with {mine} — {pairs} — "
        f"and unlocks {count(n.gain.gain, 'new outfit')}"
    )


def explain_look_piece(lp: LookPiece) -> str:
    """Why a filled piece: the outfits its cluster shares with each other piece of the look."""
    if lp.role == "given":
        return "your pick"
    links = " and ".join(f"with {label(s.a)} in {count(s.outfits, 'outfit')}" for s in lp.path)
    where = "from your closet; " if lp.role == "closet" else ""
    return f"{where}{label(lp.piece.cluster)} is worn {links}"


def explain_look(look: Look) -> str:
    """Why a look holds together: real outfits, or composed from co-occurrence."""
    if look.real_outfits:
        return f"worn exactly like this in {count(look.real_outfits, 'real outfit')}"
    return (
        "no real outfit holds this combination; composed from cluster co-occurrence "
        f"(weakest pair: {count(look.support, 'outfit')})"
    )


def explain_today(choice: TodayOutfit) -> str:
    """Why today's outfit: real outfits or the pairwise path, the model's chance, the shoes."""
    parts = [explain_outfit(choice.outfit)]
    if choice.probability is not None:
        parts.append(f"the ranker gives its pieces {choice.probability:.0%} together")
    if choice.outfit.lift is not None and abs(choice.outfit.lift - 1.0) >= 0.05:
        how = "suit" if choice.outfit.lift > 1 else "are rarely worn for"
        parts.append(f"its pieces {how} this occasion (×{choice.outfit.lift:.1f})")
    if choice.shoes is not None:
        parts.append(f"with your {choice.shoes.item.get('name') or choice.shoes.id}")
    return "; ".join(parts)
