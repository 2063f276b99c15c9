"""Items: search, look-up, recommendations, categories."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from api.convert import to_item, to_recommendations
from api.deps import DriverDep, OccasionDep, WordsDep
from api.errors import declare
from api.lucene import to_lucene
from api.schemas.items import (
    BRANDS_HELP,
    Category,
    ClosetRequest,
    ItemDetail,
    RecommendationsResponse,
    SearchHit,
    SearchResponse,
)
from core.errors import ItemNotFound
from core.vocabulary import BIG_CATEGORIES, ID_PATTERN, BigCategory, BrandMode, ModelName
from graph.db.connection import read
from graph.recommend.occasion import ANY_OCCASION
from graph.recommend.ranking import rank_closet, rank_item
from graph.recommend.wording import ENGLISH

router = APIRouter(tags=["items"])
PathId = Annotated[str, Path(pattern=ID_PATTERN, description="Item id")]


@router.get("/items/search", response_model=SearchResponse, responses=declare(422))
def search_items(
    driver: DriverDep,
    q: Annotated[str, Query(max_length=200, description="Words of the name or brand")] = "",
    category: BigCategory | None = None,
    color: Annotated[str | None, Query(pattern=r"^[a-z-]{2,30}$")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> SearchResponse:
    """Full-text search (Korean and English), filtered by big category and colour family."""
    query = to_lucene(q)
    if query is None:
        rows = read(driver, "items/browse", category=category, color=color, limit=limit)
    else:
        rows = read(
            driver,
            "items/search",
            query=query,
            category=category,
            color=color,
            limit=limit,
            scan=max(limit * 20, 200),
        )
    hits = [SearchHit(item=to_item(r["item"]), score=float(r["score"])) for r in rows]
    return SearchResponse(query=q, count=len(hits), items=hits)


@router.get("/items/{item_id}", response_model=ItemDetail, responses=declare(404, 422))
def get_item(driver: DriverDep, item_id: PathId) -> ItemDetail:
    """One item with its cluster and the number of outfits that wear it."""
    rows = read(driver, "items/by_id", item_id=item_id)
    if not rows:
        raise ItemNotFound(item_id)
    props = rows[0]["item"]
    base = to_item(props).model_dump()
    return ItemDetail(**base, outfits=props["outfits"], cluster_items=props.get("cluster_items"))


@router.get(
    "/items/{item_id}/recommendations",
    response_model=RecommendationsResponse,
    responses=declare(404, 422),
)
def item_recommendations(
    driver: DriverDep,
    item_id: PathId,
    per_category: Annotated[int, Query(ge=1, le=100)] = 10,
    model: ModelName | None = None,
    exclude: Annotated[list[str], Query(max_length=200)] = [],  # noqa: B006
    brands: Annotated[BrandMode, Query(description=BRANDS_HELP)] = "any",
    occasion: OccasionDep = ANY_OCCASION,
    words: WordsDep = ENGLISH,
) -> RecommendationsResponse:
    """The best items of every other big category to wear with this one; `gender` leaves out
    the other gender's pieces, `style` and `season` raise the pieces their outfits suit;
    explanations in `lang`."""
    ranked = rank_item(driver, item_id, per_category, model, exclude, brands, occasion, words)
    return to_recommendations(ranked, words)


@router.post(
    "/closet/recommendations", response_model=RecommendationsResponse, responses=declare(404, 422)
)
def closet_recommendations(
    driver: DriverDep,
    body: ClosetRequest,
    occasion: OccasionDep = ANY_OCCASION,
    words: WordsDep = ENGLISH,
) -> RecommendationsResponse:
    """Candidates for several owned items, scored by how many of them each pairs with (and
    fitted to the `style`, `season` and `gender` query parameters)."""
    ranked = rank_closet(
        driver,
        body.items,
        body.per_category,
        body.model,
        brands=body.brands,
        occasion=occasion,
        words=words,
    )
    return to_recommendations(ranked, words)


@router.get("/categories", response_model=list[Category])
def categories(driver: DriverDep) -> list[Category]:
    """Big categories (in the canonical order) with counts, mid classes and colours."""
    rows = {r["category"]: r for r in read(driver, "items/categories")}
    return [
        Category(
            category=c,
            items=rows[c]["items"],
            mid_classes=sorted(rows[c]["mid_classes"]),
            colors=sorted(rows[c]["colors"]),
        )
        for c in BIG_CATEGORIES
        if c in rows
    ]
