"""Short, human explanations of recommendations, drawn from the graph path that produced them."""

from __future__ import annotations

from typing import Any

from core.vocabulary import cluster_key, cluster_label

BASIS_TEXT = {
    "cluster": "its own cluster",
    "mid_class": "other colours of its kind",
    "color": "other pieces of its colour",
}


def plural(label: str) -> str:
    """'navy shirt' → 'navy shirts'; labels already ending in s (jeans, chinos) stay."""
    return label if label.endswith("s") else f"{label}s"


def explain_rule(owned: dict[str, Any] | None, cand: Any) -> str:
    """Why a rule-based candidate was chosen (single owned item or a closet)."""
    outfits = f"{cand.strength} outfit{'s' if cand.strength != 1 else ''}"
    target = cluster_label(cand.cluster)
    if owned is None:
        pieces = f"{cand.pairs_with} of your piece{'s' if cand.pairs_with != 1 else ''}"
        return f"{plural(target)} pair with {pieces} ({outfits} in all)"
    if cand.basis == "cluster":
        source = cluster_label(
            owned.get("cluster") or cluster_key(owned.get("mid_class"), owned.get("color"))
        )
        return f"{plural(target)} are worn with {plural(source)} in {outfits}"
    return f"{plural(target)} are worn with {BASIS_TEXT[cand.basis]} in {outfits}"
