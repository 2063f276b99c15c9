"""Outfits: the real outfits that combine an owned item with a picked one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.convert import to_item
from api.deps import DriverDep, OccasionDep
from api.errors import declare
from api.schemas.items import Outfit, OutfitsResponse
from core.vocabulary import ID_PATTERN
from graph.recommend.occasion import ANY_OCCASION
from graph.recommend.outfits import outfits_with

router = APIRouter(tags=["outfits"])
ItemParam = Annotated[str, Query(pattern=ID_PATTERN)]


@router.get("/outfits", response_model=OutfitsResponse, responses=declare(404, 422))
def outfits(
    driver: DriverDep,
    owned: ItemParam,
    picked: ItemParam,
    limit: Annotated[int, Query(ge=1, le=50)] = 12,
    occasion: OccasionDep = ANY_OCCASION,
) -> OutfitsResponse:
    """Real outfits with both items; if none, outfits that combine both items' clusters; only
    those of the `style`, `season` and `gender` asked for."""
    matched = outfits_with(driver, owned, picked, limit, occasion)
    found = [
        Outfit(
            **{k: v for k, v in r["outfit"].items() if k in Outfit.model_fields and k != "items"},
            items=[to_item(i) for i in r["items"]],
        )
        for r in matched.outfits
    ]
    return OutfitsResponse(
        owned=owned, picked=picked, match=matched.match, count=len(found), outfits=found
    )
