"""Everything the scraper knows about MUSINSA's public structure, in one module.

Every URL pattern, JSON path and selector lives here, so a site change is a one-file fix.
Spiders only decide *what* to fetch next; the functions below say *where* it is and *how* to read
it. Each constant says whether it is verified from public sources or assumed (see the README,
section "What is verified and what is assumed").

Hosts are configurable (`Site`): the tests and the benchmark point all of them at a fixture site
on 127.0.0.1 that serves the same paths and the same JSON shapes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

# ----------------------------------------------------------------------------- hosts
# Verified: www (product pages /products/<id>, snap pages /snap/<id>, list /snap/main/recommend),
# content.musinsa.com (snap JSON API), api.musinsa.com (goods list API), image.msscdn.net (CDN).
WWW = "https://www.musinsa.com"
CONTENT_API = "https://content.musinsa.com"
GOODS_API = "https://api.musinsa.com"
IMAGE_BASE = "https://image.msscdn.net"

# ----------------------------------------------------------------------------- paths
SNAP_LIST_PAGE = "/snap/main/recommend"  # verified: JS-rendered, infinite scroll
SNAP_PAGE = "/snap/{snap_id}"  # verified
PRODUCT_PAGE = "/products/{goods_no}"  # verified (the old /app/goods/<id> redirects here)
SNAP_LIST_API = "/api2/content/snap/v1/snaps"  # verified: ?page&pageSize&sort
SNAP_DETAIL_API = "/api2/content/snap/v1/snaps/{snap_id}"  # verified (one public source)
SNAP_GOODS_API = "/api2/content/snap/v1/snap-goods"  # ?snapId= verified (one public source)
GOODS_LIST_API = "/api2/dp/v1/plp/goods"  # verified: ?gf&category&caller&page&size

# ----------------------------------------------------------------------------- selectors
# The list page builds its cards in the browser; each card links to /snap/<id>.
LIST_CARD_LINKS = "a[href*='/snap/']::attr(href)"
LIST_READY_SELECTOR = "a[href*='/snap/']"  # what Selenium waits for before reading the DOM
SNAP_ID_IN_URL = re.compile(r"/snap/(\d+)(?:[/?#]|$)")
# Product pages embed their state as a JS assignment (verified from several public scrapers).
PRODUCT_STATE = re.compile(r"window\.__MSS__\.product\.state\s*=\s*(\{.*?\});\s*\n", re.DOTALL)

# Snap model genders (API) -> the snap file's genders (MALE / FEMALE, as in the 2025 data).
SNAP_GENDERS = {"MEN": "MALE", "WOMEN": "FEMALE", "MALE": "MALE", "FEMALE": "FEMALE"}
# Product sexCode (verified: 2 men, 4 women, 6 unisex) -> gender text.
PRODUCT_SEX = {2: "men", 4: "women", 6: "unisex"}
# Goods list categories (verified codes): 001 top, 002 outer, 003 bottom, 103 shoes, 004 bag.
GOODS_CATEGORIES = ("001", "002", "003", "103", "004")


class PageError(ValueError):
    """A page or JSON document that does not have the structure we read; `reason` says what."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class Site:
    """Where MUSINSA's hosts are (the real ones by default, a fixture site in tests)."""

    www: str = WWW
    content_api: str = CONTENT_API
    goods_api: str = GOODS_API
    image_base: str = IMAGE_BASE

    @classmethod
    def at(cls, base: str) -> Site:
        """Every host at one base URL (a fixture site that serves all paths)."""
        base = base.rstrip("/")
        return cls(base, base, base, base)

    @classmethod
    def from_settings(cls, settings: Any) -> Site:
        """MUSINSA_BASE (all hosts) or MUSINSA_WWW / _CONTENT_API / _GOODS_API / _IMAGE_BASE."""
        if settings.get("MUSINSA_BASE"):
            return cls.at(settings.get("MUSINSA_BASE"))
        return cls(
            settings.get("MUSINSA_WWW") or WWW,
            settings.get("MUSINSA_CONTENT_API") or CONTENT_API,
            settings.get("MUSINSA_GOODS_API") or GOODS_API,
            settings.get("MUSINSA_IMAGE_BASE") or IMAGE_BASE,
        )

    # -- URLs ------------------------------------------------------------------------------
    def snap_list_page(self, gender: str = "A") -> str:
        """The JS-rendered snap list (infinite scroll)."""
        return f"{self.www}{SNAP_LIST_PAGE}?{urlencode({'gf': gender})}"

    def snap_list_api(self, page: int, size: int, sort: str = "POPULAR") -> str:
        """One page of the JSON list behind the snap list page."""
        query = urlencode({"page": page, "pageSize": size, "sort": sort})
        return f"{self.content_api}{SNAP_LIST_API}?{query}"

    def snap_detail_api(self, snap_id: str) -> str:
        """One snap: counts, model, tags, labels, the goods it tags."""
        return f"{self.content_api}{SNAP_DETAIL_API.format(snap_id=snap_id)}"

    def snap_goods_api(self, snap_id: str) -> str:
        """The goods tagged in one snap, with name, brand, price and categories."""
        return f"{self.content_api}{SNAP_GOODS_API}?{urlencode({'snapId': snap_id})}"

    def snaps_by_goods_api(self, goods_no: str, page: int, size: int) -> str:
        """The snaps that wear one product (relation-depth crawling). Assumed page/size params."""
        query = urlencode({"goodsNo": goods_no, "page": page, "size": size})
        return f"{self.content_api}{SNAP_GOODS_API}?{query}"

    def goods_list_api(self, category: str, page: int, size: int) -> str:
        """One page of a category's product list."""
        query = urlencode(
            {
                "gf": "A",
                "category": category,
                "caller": "CATEGORY",
                "page": page,
                "size": size,
            }
        )
        return f"{self.goods_api}{GOODS_LIST_API}?{query}"

    def snap_page(self, snap_id: str) -> str:
        """The public page of a snap (what `detail_url` points to)."""
        return f"{self.www}{SNAP_PAGE.format(snap_id=snap_id)}"

    def product_page(self, goods_no: str) -> str:
        """The public product page (HTML with the embedded product state)."""
        return f"{self.www}{PRODUCT_PAGE.format(goods_no=goods_no)}"

    def image(self, path: str | None) -> str | None:
        """An absolute image URL (the APIs give CDN paths without host)."""
        if not path:
            return None
        if path.startswith("//"):
            return "https:" + path
        if path.startswith(("http://", "https://")):
            return path
        return f"{self.image_base}/{path.lstrip('/')}"


# ----------------------------------------------------------------------------- JSON helpers
def load_json(text: str) -> Any:
    """Parse a JSON body, or raise PageError('broken_json')."""
    try:
        return json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise PageError("broken_json", str(exc)) from None


def _data_list(doc: Any) -> list[Any]:
    """`data.list` of an API envelope (verified for the list, detail and goods APIs)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), dict):
        raise PageError("missing_data", "no data object")
    items = doc["data"].get("list")
    if not isinstance(items, list):
        raise PageError("missing_data", "no data.list")
    return items


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _float(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


# ----------------------------------------------------------------------------- snaps
def snap_ids_from_list(doc: Any) -> list[str]:
    """The snap ids of one list page (`data.list[].id`); empty at the end of the list."""
    return [
        str(entry["id"]) for entry in _data_list(doc) if isinstance(entry, dict) and entry.get("id")
    ]


def snap_ids_from_html(hrefs: list[str]) -> list[str]:
    """Snap ids from the links of the rendered list page, in page order, de-duplicated."""
    ids = [m.group(1) for href in hrefs if (m := SNAP_ID_IN_URL.search(href))]
    return list(dict.fromkeys(ids))


def snap_from_detail(doc: Any) -> dict[str, Any]:
    """The fields of one snap detail document (`data` of the detail API).

    Verified paths: id, contentType, createdAt, goods[].goodsNo, aggregations.likeCount /
    viewCount / commentCount, model.gender / height / weight, tags[].name, labels[].
    Assumed paths: labels[].type (STYLE / SEASON) with labels[].name, content (the text),
    thumbnailUrl (the main image).
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("data"), dict):
        raise PageError("missing_data", "no data object")
    data = doc["data"]
    snap_id = data.get("id")
    if snap_id in (None, ""):
        raise PageError("missing_id", "snap without id")
    goods = data.get("goods")
    if not isinstance(goods, list):
        raise PageError("missing_goods", f"snap {snap_id} has no goods list")
    labels = [label for label in data.get("labels") or [] if isinstance(label, dict)]
    model = data.get("model") if isinstance(data.get("model"), dict) else {}
    aggregations = data.get("aggregations") if isinstance(data.get("aggregations"), dict) else {}
    return {
        "id": str(snap_id),
        "content_type": data.get("contentType"),
        "created_at": data.get("createdAt"),
        "goods": [str(g["goodsNo"]) for g in goods if isinstance(g, dict) and g.get("goodsNo")],
        "likes": _int(aggregations.get("likeCount")),
        "views": _int(aggregations.get("viewCount")),
        "comments": _int(aggregations.get("commentCount")),
        "model_gender": model.get("gender"),
        "model_height": _int(model.get("height")),
        "model_weight": _int(model.get("weight")),
        "tags": [
            str(t["name"]) for t in data.get("tags") or [] if isinstance(t, dict) and t.get("name")
        ],
        "style": next((lb.get("name") for lb in labels if lb.get("type") == "STYLE"), None),
        "season": next((lb.get("name") for lb in labels if lb.get("type") == "SEASON"), None),
        "description": data.get("content"),
        "image": data.get("thumbnailUrl"),
    }


def goods_of_snap(doc: Any, site: Site) -> list[dict[str, Any]]:
    """The goods of one snap as snap-file item records (`data.list` of the snap-goods API).

    Verified paths: goodsNo, goodsName, brand.brandName, price.finalPrice, categories[].
    Assumed: categories[] entries as {depth, name} (1 = big, 2 = mid), thumbnail (CDN path).
    Missing names or ids are left out of the record so that validation rejects it with a reason.
    """
    records = []
    for position, entry in enumerate(_data_list(doc), start=1):
        if not isinstance(entry, dict):
            raise PageError("malformed_goods", "goods entry is not an object")
        goods_no = entry.get("goodsNo")
        big, mid = _category_names(entry.get("categories"))
        brand = entry.get("brand") if isinstance(entry.get("brand"), dict) else {}
        price = entry.get("price") if isinstance(entry.get("price"), dict) else {}
        record: dict[str, Any] = {
            "item_id": str(goods_no) if goods_no not in (None, "") else None,
            "category": big,
            "category_path": f"{big} > {mid}" if big and mid else big,
            "brand": brand.get("brandName"),
            "name": entry.get("goodsName"),
            "price": _int(price.get("finalPrice")),
            "image_url": site.image(entry.get("thumbnail")),
            "purchase_url": site.product_page(str(goods_no)) if goods_no else None,
            "position": position,
            "image_urls": [],
        }
        records.append({k: v for k, v in record.items() if v is not None})
    return records


def _category_names(categories: Any) -> tuple[str | None, str | None]:
    if not isinstance(categories, list):
        return None, None
    by_depth = {c.get("depth"): c.get("name") for c in categories if isinstance(c, dict)}
    return by_depth.get(1), by_depth.get(2)


def outfit_record(snap: dict[str, Any], items: list[dict[str, Any]], site: Site) -> dict[str, Any]:
    """A snap-file outfit record (see ../shared/data/musinsa-snap-2025/README.md) plus extras.

    Extras (likes, views, comments, model_*, content_type, created_at, tags) are kept by the
    importer's normalisation as outfit properties; `closet load` ignores what it does not know.
    """
    record: dict[str, Any] = {
        "outfit_id": snap["id"],
        "gender": SNAP_GENDERS.get(str(snap.get("model_gender") or "").upper()),
        "detail_url": site.snap_page(snap["id"]),
        "image_url": site.image(snap.get("image")),
        "items": items,
        "season": snap.get("season"),
        "style": snap.get("style"),
        "description": snap.get("description"),
        "likes": snap.get("likes"),
        "views": snap.get("views"),
        "comments": snap.get("comments"),
        "model_height": snap.get("model_height"),
        "model_weight": snap.get("model_weight"),
        "content_type": snap.get("content_type"),
        "created_at": snap.get("created_at"),
        "tags": snap.get("tags") or [],
    }
    return {k: v for k, v in record.items() if v is not None}


def snap_ids_by_goods(doc: Any) -> list[str]:
    """The ids of the snaps wearing a product (`data.list[].id`, or `snapId`); assumed shape."""
    ids = []
    for entry in _data_list(doc):
        if isinstance(entry, dict):
            value = entry.get("id") or entry.get("snapId")
            if value:
                ids.append(str(value))
    return ids


# ----------------------------------------------------------------------------- goods
def goods_nos_from_list(doc: Any) -> list[str]:
    """The product numbers of one goods-list page (`data.list[].goodsNo`, verified)."""
    return [
        str(entry["goodsNo"])
        for entry in _data_list(doc)
        if isinstance(entry, dict) and entry.get("goodsNo")
    ]


def product_state(html: str) -> dict[str, Any]:
    """The embedded `window.__MSS__.product.state` object of a product page."""
    match = PRODUCT_STATE.search(html)
    if not match:
        raise PageError("missing_state", "no window.__MSS__.product.state")
    state = load_json(match.group(1))
    if not isinstance(state, dict):
        raise PageError("broken_json", "product state is not an object")
    return state


def product_record(state: dict[str, Any], site: Site) -> dict[str, Any]:
    """A product page's state as a snap-file item record plus extras.

    Verified paths: goodsNo, goodsNm, brand, brandInfo.brandName, category.categoryDepth1Name /
    categoryDepth2Name, goodsPrice.normalPrice / salePrice / discountRate, thumbnailImageUrl,
    goodsImages[].imageUrl, sexCode, season, seasonYear, goodsReview.totalCount /
    satisfactionScore. Assumed: likeCount (product likes), colorOptions[] (colour names).
    """
    category = state.get("category") if isinstance(state.get("category"), dict) else {}
    price = state.get("goodsPrice") if isinstance(state.get("goodsPrice"), dict) else {}
    review = state.get("goodsReview") if isinstance(state.get("goodsReview"), dict) else {}
    brand_info = state.get("brandInfo") if isinstance(state.get("brandInfo"), dict) else {}
    big, mid = category.get("categoryDepth1Name"), category.get("categoryDepth2Name")
    goods_no = state.get("goodsNo")
    images = [
        url
        for image in state.get("goodsImages") or []
        if isinstance(image, dict) and (url := site.image(image.get("imageUrl")))
    ]
    colours = [str(c) for c in state.get("colorOptions") or [] if isinstance(c, str | int)]
    record: dict[str, Any] = {
        "item_id": str(goods_no) if goods_no not in (None, "") else None,
        "category": big,
        "category_path": f"{big} > {mid}" if big and mid else big,
        "brand": brand_info.get("brandName"),
        "name": state.get("goodsNm"),
        "price": _int(price.get("salePrice")),
        "image_url": site.image(state.get("thumbnailImageUrl")),
        "purchase_url": site.product_page(str(goods_no)) if goods_no else None,
        "image_urls": [],
        # extras (stored as Item properties)
        "brand_id": state.get("brand") if isinstance(state.get("brand"), str) else None,
        "normal_price": _int(price.get("normalPrice")),
        "sale_price": _int(price.get("salePrice")),
        "discount_rate": _int(price.get("discountRate")),
        "category_mid": mid,
        "gender": PRODUCT_SEX.get(_int(state.get("sexCode")) or 0),
        "season": str(state["season"]) if state.get("season") not in (None, "") else None,
        "season_year": str(state["seasonYear"]) if state.get("seasonYear") else None,
        "review_count": _int(review.get("totalCount")),
        "rating": _float(review.get("satisfactionScore")),
        "likes": _int(state.get("likeCount")),
        "color_options": colours or None,
        "images": images or None,
    }
    return {k: v for k, v in record.items() if v is not None}
