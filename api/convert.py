"""From graph records and the recommender's dataclasses to the API's response models."""

from __future__ import annotations

from typing import Any

from api.schemas import closets as schema
from api.schemas.items import (
    CategoryRecommendations,
    Item,
    Recommendation,
    RecommendationsResponse,
)
from core.vocabulary import item_cluster
from graph.recommend import explain
from graph.recommend.complete import CompletedLooks
from graph.recommend.next_piece import NextPiece
from graph.recommend.occasion import Occasion
from graph.recommend.ranking import Ranking
from graph.recommend.today import Today
from graph.recommend.wearable import PairStep, Piece, WearableOutfit
from graph.recommend.wording import ENGLISH, Wording
from graph.wardrobe import OwnedPiece

ITEM_FIELDS = set(Item.model_fields)


def to_item(props: dict[str, Any]) -> Item:
    """An API item from an item node's properties (unknown properties dropped)."""
    data = {key: value for key, value in props.items() if key in ITEM_FIELDS}
    data["popularity"] = int(props.get("popularity") or 0)
    if data.get("cluster") is None:
        data["cluster"] = item_cluster(props)
    return Item.model_validate(data)


def piece_item(piece: Piece | OwnedPiece) -> Item:
    """The API item of a piece (or an owned piece), with its cluster."""
    return to_item({**piece.item, "cluster": piece.cluster})


def to_recommendations(ranking: Ranking, words: Wording = ENGLISH) -> RecommendationsResponse:
    """A ranking as the recommendations response (for one item or several owned items)."""
    choice = ranking.choice
    return RecommendationsResponse(
        item=to_item(ranking.item) if ranking.item is not None else None,
        owned=ranking.owned or [],
        model=choice.model,
        model_version=choice.version if choice.model != "rule" else None,
        note=words.sentence(choice.note),
        categories=[
            CategoryRecommendations(
                category=category,
                items=[
                    Recommendation(
                        item=to_item(r.item),
                        score=r.score,
                        probability=r.probability,
                        strength=r.strength,
                        basis=r.basis,
                        cluster=r.cluster,
                        pairs_with=r.pairs_with,
                        partners=r.partners,
                        explanation=r.explanation,
                        lift=r.lift,
                    )
                    for r in recs
                ],
            )
            for category, recs in ranking.categories.items()
        ],
    )


def to_steps(path: list[PairStep]) -> list[schema.PathStep]:
    """The explaining path as API steps."""
    return [schema.PathStep(a=s.a, b=s.b, outfits=s.outfits) for s in path]


def to_outfit(o: WearableOutfit, words: Wording = ENGLISH) -> schema.WearableOutfit:
    """A wearable outfit with its path and explanation."""
    return schema.WearableOutfit(
        items=[piece_item(p) for p in o.pieces],
        support=o.support,
        real_outfits=o.real_outfits,
        path=to_steps(o.path),
        explanation=explain.explain_outfit(o, words),
        lift=o.lift,
    )


def to_next(n: NextPiece, words: Wording = ENGLISH) -> schema.NextPiece:
    """A next piece with what it unlocks and why."""
    return schema.NextPiece(
        item=piece_item(n.piece),
        new_outfits=n.gain.gain,
        score=round(n.score, 6),
        model_score=n.model_score,
        pairs_with=n.gain.pairs_with,
        partners=[
            schema.Partner(item_id=p.id, cluster=p.cluster, outfits=c) for p, c in n.partners
        ],
        worn_with=n.worn_with,
        unlocks=[to_outfit(o, words) for o in n.unlocks],
        path=[
            schema.PathStep(a=p.cluster or "", b=n.piece.cluster or "", outfits=c)
            for p, c in n.partners
        ],
        explanation=explain.explain_next_piece(n, words),
        lift=n.lift,
    )


def to_looks(completed: CompletedLooks, words: Wording = ENGLISH) -> list[schema.Look]:
    """Completed looks with each piece's role, path and explanation."""
    return [
        schema.Look(
            items=[
                schema.LookPiece(
                    item=piece_item(lp.piece),
                    role=lp.role,  # type: ignore[arg-type]
                    path=to_steps(lp.path),
                    explanation=explain.explain_look_piece(lp, words),
                )
                for lp in look.pieces
            ],
            support=look.support,
            real_outfits=look.real_outfits,
            path=to_steps(look.path),
            explanation=explain.explain_look(look, words),
        )
        for look in completed.looks
    ]


def to_today(
    person: str,
    today: Today,
    occasion: Occasion,
    lock: str | None,
    words: Wording = ENGLISH,
) -> schema.TodayResponse:
    """Today's outfit, or what is missing, with links to the next piece to buy."""
    choice = today.choice
    notes = [explain.explain_note(n.code, words, **dict(n.parts)) for n in today.notes]
    query = "".join(
        f"&{k}={v}" for k, v in (("style", occasion.style), ("season", occasion.season)) if v
    )
    return schema.TodayResponse(
        person=person,
        style=occasion.style,
        season=occasion.season,
        gender=occasion.gender,
        lock=lock,
        seed=today.seed,
        next_seed=today.seed + 1,
        options=today.options,
        outfit=to_outfit(choice.outfit, words) if choice else None,
        shoes=piece_item(choice.shoes) if choice and choice.shoes else None,
        probability=choice.probability if choice else None,
        explanation=explain.explain_today(choice, words) if choice else "; ".join(notes),
        missing=today.missing,
        next_piece=[f"/closets/{person}/next?category={c}{query}" for c in today.shop_for],
        notes=notes,
    )
