"""A typed HTTP client for the closet API (the demo talks to the API only, never to Neo4j).

Every failure becomes an `ApiError` whose message a person can act on: the API is not running,
its database is down, an item is unknown, or a request was refused.
"""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError

from api.schemas.items import (
    Category,
    Health,
    ItemDetail,
    OutfitsResponse,
    RecommendationsResponse,
    SearchResponse,
)

T = TypeVar("T")
DEFAULT_TIMEOUT = 30.0


class ApiError(RuntimeError):
    """The API could not answer; `str(error)` is the message to show."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ApiUnavailable(ApiError):
    """Nothing answers at the API's address (or it answered 503: its database is down)."""


class NotFound(ApiError):
    """The API does not know the requested item (404)."""


class ApiClient:
    """Typed methods for the API's endpoints, over one pooled HTTP connection."""

    def __init__(
        self, base_url: str, timeout: float = DEFAULT_TIMEOUT, client: httpx.Client | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = client or httpx.Client(base_url=self.base_url, timeout=timeout)

    # ------------------------------------------------------------------ endpoints

    def health(self) -> Health:
        """GET /health: the API and Neo4j are up, with the number of items."""
        return self._parse(Health, self.get("/health"))

    def search(
        self,
        q: str = "",
        category: str | None = None,
        color: str | None = None,
        limit: int = 24,
    ) -> SearchResponse:
        """GET /items/search: items by words of name/brand, filtered by category and colour."""
        params = {"q": q, "category": category, "color": color, "limit": limit}
        return self._parse(SearchResponse, self.get("/items/search", **params))

    def item(self, item_id: str) -> ItemDetail:
        """GET /items/{id}: one item with its graph context."""
        return self._parse(ItemDetail, self.get(f"/items/{item_id}"))

    def recommendations(
        self,
        item_id: str,
        per_category: int = 8,
        model: str | None = None,
        exclude: list[str] | None = None,
        brands: str | None = None,
        lang: str | None = None,
        occasion: dict[str, str | None] | None = None,
    ) -> RecommendationsResponse:
        """GET /items/{id}/recommendations: the best pieces of every other category (of any
        brand, or `brands="other"`: only brands other than the item's), explained in `lang`."""
        params: dict[str, Any] = {
            "per_category": per_category,
            "model": model,
            "brands": brands,
            "lang": lang,
            **(occasion or {}),
        }
        if exclude:
            params["exclude"] = exclude
        data = self.get(f"/items/{item_id}/recommendations", **params)
        return self._parse(RecommendationsResponse, data)

    def closet_recommendations(
        self, items: list[str], per_category: int = 8, model: str | None = None
    ) -> RecommendationsResponse:
        """POST /closet/recommendations: pieces that pair with several owned items."""
        body: dict[str, Any] = {"items": items, "per_category": per_category}
        if model:
            body["model"] = model
        return self._parse(RecommendationsResponse, self.post("/closet/recommendations", body))

    def outfits(
        self,
        owned: str,
        picked: str,
        limit: int = 12,
        occasion: dict[str, str | None] | None = None,
    ) -> OutfitsResponse:
        """GET /outfits: real outfits that combine two items (or their clusters), of the
        occasion's style, season and gender when given."""
        data = self.get("/outfits", owned=owned, picked=picked, limit=limit, **(occasion or {}))
        return self._parse(OutfitsResponse, data)

    def categories(self) -> list[Category]:
        """GET /categories: big categories with counts, mid classes and colours."""
        return self._parse(list[Category], self.get("/categories"))

    # ------------------------------------------------------------------ plumbing

    def get(self, path: str, **params: Any) -> Any:
        """GET a path with query parameters (None values left out); the decoded JSON."""
        query = {key: value for key, value in params.items() if value is not None}
        return self._request("GET", path, params=query)

    def post(self, path: str, body: Any) -> Any:
        """POST a JSON body to a path; the decoded JSON."""
        return self._request("POST", path, json=body)

    def delete(self, path: str, **params: Any) -> Any:
        """DELETE a path; the decoded JSON (None for an empty body)."""
        query = {key: value for key, value in params.items() if value is not None}
        return self._request("DELETE", path, params=query)

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        """Any request (httpx keyword arguments: params, json, headers); the decoded JSON."""
        return self._request(method, path, **kwargs)

    def close(self) -> None:
        """Close the pooled connection."""
        self._http.close()

    def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TimeoutException:
            raise ApiUnavailable(
                f"The closet API at {self.base_url} did not answer in time. Is it overloaded, "
                "or is its database starting?"
            ) from None
        except httpx.TransportError as exc:
            raise ApiUnavailable(
                f"The closet API is not reachable at {self.base_url} ({_reason(exc)}). "
                "Start it with `closet serve` (or `make demo`), or point the demo at it with "
                "`closet ui --api URL`."
            ) from None
        if response.status_code >= 400:
            raise _http_error(response)
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise ApiError(
                f"The API at {self.base_url} answered {path} with something that is not JSON.",
                response.status_code,
            ) from None

    def _parse(self, model: type[T] | Any, data: Any) -> T:
        try:
            if isinstance(model, type) and issubclass(model, BaseModel):
                return model.model_validate(data)  # type: ignore[return-value]
            return TypeAdapter(model).validate_python(data)
        except ValidationError as exc:
            raise ApiError(
                f"The API at {self.base_url} answered in an unexpected shape "
                f"({exc.error_count()} problems, first: {exc.errors()[0]['msg']}). "
                "Are the demo and the API the same version?"
            ) from None

    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reason(exc: httpx.TransportError) -> str:
    text = str(exc) or type(exc).__name__
    if "refused" in text.lower():
        return "connection refused"
    return text


def _detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or response.reason_phrase
    detail = body.get("detail") if isinstance(body, dict) else body
    if isinstance(detail, list):  # FastAPI validation errors
        parts = []
        for error in detail[:3]:
            where = ".".join(str(p) for p in error.get("loc", []) if p not in ("query", "body"))
            parts.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
        return "; ".join(parts)
    return str(detail)


def _http_error(response: httpx.Response) -> ApiError:
    detail = _detail(response)
    status = response.status_code
    if status == 404:
        return NotFound(f"Not found: {detail}", status)
    if status == 503:
        return ApiUnavailable(
            f"The closet API is up, but its graph database is not: {detail}. "
            "Start Neo4j with `closet db start`.",
            status,
        )
    if status in (400, 422):
        return ApiError(f"The API refused the request: {detail}", status)
    return ApiError(f"The API failed ({status} {response.reason_phrase}): {detail}", status)
