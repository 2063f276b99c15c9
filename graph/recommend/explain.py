"""Short, human explanations of recommendations, drawn from the graph path that produced them:
rule candidates, model scores, wearable outfits, next pieces, completed looks and today's
outfit — in English or Korean (each function takes a `Wording`, graph.recommend.wording)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from core.records import Item
from core.vocabulary import item_cluster
from graph.recommend.features import FEATURES
from graph.recommend.wording import ENGLISH, Wording

if TYPE_CHECKING:
    from graph.recommend.complete import Look, LookPiece
    from graph.recommend.learned import Ranker
    from graph.recommend.next_piece import NextPiece
    from graph.recommend.rule import Candidate
    from graph.recommend.today import TodayOutfit
    from graph.recommend.wearable import WearableOutfit


def label(key: str | None, words: Wording = ENGLISH) -> str:
    """A cluster as words, singular: 'shirt|navy' → 'navy shirt' / '네이비 셔츠'."""
    return words.cluster(key)


def explain_rule(owned: dict[str, Any] | None, cand: Candidate, words: Wording = ENGLISH) -> str:
    """Why a rule-based candidate was chosen (single owned item, or a closet when None)."""
    outfits = words.count(cand.strength, "outfit")
    target = words.cluster(cand.cluster, plural=True)
    if owned is None:
        pieces = words.count(cand.pairs_with, "piece")
        return words.say("rule_closet", target=target, pieces=pieces, outfits=outfits)
    if cand.basis == "cluster":
        own = words.cluster(item_cluster(owned), plural=True)
        return words.say("rule_cluster", target=target, own=own, outfits=outfits)
    return words.say(f"rule_{cand.basis}", target=target, outfits=outfits)


def explain_model(row: dict[str, Any], owned_cluster: str | None, words: Wording = ENGLISH) -> str:
    """Why the model recommends an item: its probability with the owned item's cluster."""
    p = words.percent(float(row["probability"]))
    own = words.cluster(owned_cluster, plural=True)
    return words.say("model", model=row["model"], p=p, own=own)


def explain_ranker(
    ranker: Ranker,
    given: Sequence[Item],
    cand: Item,
    features: np.ndarray,
    probability: float,
    words: Wording = ENGLISH,
) -> str:
    """Why the learned ranker puts a piece high, from its strongest graph evidence: the same
    brand's shoots, the two brands worn together, or the two clusters worn together."""
    col = {name: n for n, name in enumerate(FEATURES)}
    tables = ranker.tables
    chance = words.say("chance", p=words.percent(probability))
    same = [g for g in given if g.brand and g.brand == cand.brand]
    if same and features[col["same_brand"]] > 0:
        shoots = tables.outfits_with("brand", cand.brand, cand.brand)
        piece = words.cluster(same[0].cluster) if same[0].cluster else words.say("piece")
        worn = words.say("ranker_brand_worn", shoots=words.count(shoots, "shoot")) if shoots else ""
        return words.say("ranker_brand", piece=piece, brand=cand.brand, worn=worn, chance=chance)
    pairs = [(tables.outfits_with("brand", g.brand, cand.brand), g) for g in given if g.brand]
    best = max(pairs, key=lambda p: p[0], default=(0, None))
    if best[0] > 0 and best[1] is not None:
        outfits = words.count(best[0], "outfit")
        return words.say(
            "ranker_brands", brand=cand.brand, other=best[1].brand, outfits=outfits, chance=chance
        )
    clusters = [(tables.outfits_with("cluster", g.cluster, cand.cluster), g) for g in given]
    top = max(clusters, key=lambda p: p[0], default=(0, None))
    if top[0] > 0 and top[1] is not None:
        return words.say(
            "ranker_clusters",
            target=words.cluster(cand.cluster, plural=True),
            own=words.cluster(top[1].cluster, plural=True),
            outfits=words.count(top[0], "outfit"),
            chance=chance,
        )
    return words.say("ranker_content", chance=chance)


def explain_outfit(outfit: WearableOutfit, words: Wording = ENGLISH) -> str:
    """Why an outfit is wearable: real outfits wearing it, else its pairwise path."""
    if outfit.real_outfits:
        return words.say("outfit_real", outfits=words.count(outfit.real_outfits, "real outfit"))
    links = "; ".join(
        words.say(
            "link",
            a=words.cluster(s.a),
            b=words.cluster(s.b),
            outfits=words.count(s.outfits, "outfit"),
        )
        for s in outfit.path
    )
    return words.say("outfit_path", links=links)


def explain_next_piece(n: NextPiece, words: Wording = ENGLISH) -> str:
    """Why this piece: its cluster pairs with k owned pieces and unlocks m outfits."""
    target = words.cluster(n.piece.cluster)
    if n.worn_with:
        first = max(n.worn_with.items(), key=lambda kv: kv[1])
        partner = next((p for p, _ in n.partners if p.id == first[0]), None)
        name = partner.item.get("name") if partner else first[0]
        head = words.say("next_worn", name=name, outfits=words.count(first[1], "real outfit"))
    else:
        head = ""
    pairs = ", ".join(
        f"{words.cluster(p.cluster)} ({words.count(c, 'outfit')})" for p, c in n.partners[:3]
    )
    pieces = words.count(n.gain.pairs_with, "piece")
    if n.gain.gain == 0:
        return words.say("next_none", head=head, target=target, pieces=pieces, pairs=pairs)
    new = words.count(n.gain.gain, "new outfit")
    return words.say("next", head=head, target=target, pieces=pieces, pairs=pairs, new=new)


def explain_look_piece(lp: LookPiece, words: Wording = ENGLISH) -> str:
    """Why a filled piece: the outfits its cluster shares with each other piece of the look."""
    if lp.role == "given":
        return words.say("look_given")
    links = words.say("look_and").join(
        words.say("look_link", a=words.cluster(s.a), outfits=words.count(s.outfits, "outfit"))
        for s in lp.path
    )
    where = words.say("look_closet") if lp.role == "closet" else ""
    return words.say("look_piece", where=where, target=words.cluster(lp.piece.cluster), links=links)


def explain_look(look: Look, words: Wording = ENGLISH) -> str:
    """Why a look holds together: real outfits, or composed from co-occurrence."""
    if look.real_outfits:
        return words.say("look_real", outfits=words.count(look.real_outfits, "real outfit"))
    return words.say("look_composed", outfits=words.count(look.support, "outfit"))


def explain_today(choice: TodayOutfit, words: Wording = ENGLISH) -> str:
    """Why today's outfit: real outfits or the pairwise path, the model's chance, the shoes."""
    parts = [explain_outfit(choice.outfit, words)]
    if choice.probability is not None:
        parts.append(words.say("today_ranker", p=words.percent(choice.probability)))
    lift = choice.outfit.lift
    if lift is not None and abs(lift - 1.0) >= 0.05:
        key = "today_suits" if lift > 1 else "today_rare"
        parts.append(words.say(key, lift=f"{lift:.1f}"))
    if choice.shoes is not None:
        name = choice.shoes.item.get("name") or choice.shoes.id
        parts.append(words.say("today_shoes", name=name))
    return "; ".join(parts)


def explain_occasion(
    style: str | None, season: str | None, lift: float, words: Wording = ENGLISH
) -> str:
    """The clause a style or season boost adds: "suits street, summer (×1.8)"."""
    labels = ", ".join(words.label(x) for x in (style, season) if x)
    key = "occasion_suits" if lift >= 1.0 else "occasion_rare"
    return words.say(key, labels=labels, lift=f"{lift:.1f}")


def explain_note(code: str, words: Wording = ENGLISH, **parts: str) -> str:
    """A note (graph.recommend.wording.Note) of today's outfit or a completed look, worded."""
    if code == "missing":
        categories = words.say("or").join(words.category(c) for c in parts["categories"].split(","))
        return words.say("note_missing", categories=categories)
    if code == "no_outer":
        return words.say("note_no_outer", season=words.label(parts["season"]))
    if code == "not_worn_together":
        a, b = words.cluster(parts["a"]), words.cluster(parts["b"])
        return words.say("note_not_worn_together", a=a, b=b)
    if code == "no_fill":
        categories = ", ".join(words.category(c) for c in parts["categories"].split(","))
        return words.say("note_no_fill", categories=categories)
    if code == "no_outfit":
        name = parts.get("name")
        what = words.say("note_your", name=name) if name else words.say("note_your_pieces")
        return words.say("note_no_outfit", what=what)
    return words.say(f"note_{code}")
