"""The closet endpoints the "My closet" tab calls, over the demo's API client: reads plain,
writes with the closet's token as `Authorization: Bearer`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from demo.api_client import ApiClient
from demo.occasion import Occasion


class ClosetCalls:
    """The closet endpoints over the demo's API client (token sent on writes)."""

    def __init__(self, api: ApiClient) -> None:
        self.api = api

    def _write(self, method: str, path: str, token: str, body: Any = None) -> Any:
        headers = {"Authorization": f"Bearer {token}"}
        kwargs: dict[str, Any] = {"headers": headers}
        if body is not None:
            kwargs["json"] = body
        return self.api.request(method, path, **kwargs)

    def create(self) -> dict[str, str]:
        return self.api.post("/closets", {"label": "demo"})

    def view(self, person: str) -> dict[str, Any]:
        return self.api.get(f"/closets/{person}")

    def own(self, person: str, token: str, item_id: str) -> Any:
        return self._write("PUT", f"/closets/{person}/items/{item_id}", token)

    def describe(self, person: str, token: str, body: dict[str, Any]) -> Any:
        return self._write("POST", f"/closets/{person}/items", token, body)

    def disown(self, person: str, token: str, item_id: str) -> Any:
        return self._write("DELETE", f"/closets/{person}/items/{item_id}", token)

    def feedback(self, person: str, token: str, item_id: str, kind: str) -> Any:
        body = {"item_id": item_id, "kind": kind}
        return self._write("POST", f"/closets/{person}/feedback", token, body)

    def unfeedback(self, person: str, token: str, item_id: str, kind: str) -> Any:
        return self._write("DELETE", f"/closets/{person}/feedback/{kind}/{item_id}", token)

    def liked(self, person: str) -> set[str]:
        """The ids of the pieces this closet liked."""
        found = self.api.get(f"/closets/{person}/feedback")
        return {f["item"]["id"] for f in found["feedback"] if f["kind"] == "like"}

    def photo(self, person: str, token: str, path: str, form: dict[str, str]) -> dict[str, Any]:
        """Describe (and, with category and mid class, add) the photo at `path`."""
        with open(path, "rb") as fh:
            files = {"photo": (Path(path).name, fh.read())}
        return self.api.request(
            "POST",
            f"/closets/{person}/items/photo",
            headers={"Authorization": f"Bearer {token}"},
            files=files,
            data=form,
        )

    def outfits(self, person: str, occasion: Occasion, limit: int = 12) -> dict[str, Any]:
        return self.api.get(f"/closets/{person}/outfits", limit=limit, **occasion)

    def next(
        self, person: str, budget: int | None, category: str | None, occasion: Occasion
    ) -> dict[str, Any]:
        return self.api.get(
            f"/closets/{person}/next",
            budget=budget,
            category=category,
            limit=8,
            per_cluster=1,
            **occasion,
        )

    def today(self, person: str, occasion: Occasion, lock: str | None, seed: int) -> dict[str, Any]:
        return self.api.get(f"/closets/{person}/today", lock=lock, seed=seed, **occasion)

    def capsule(self, person: str, k: int, budget: int | None, lang: str = "en") -> dict[str, Any]:
        return self.api.get(f"/closets/{person}/capsule", k=k, budget=budget, lang=lang)

    def complete(
        self, person: str, items: list[str], fill: list[str], occasion: Occasion
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"items": items, "limit": 3}
        if fill:
            body["categories"] = fill
        query = {k: v for k, v in occasion.items() if v}
        return self.api.request("POST", f"/closets/{person}/complete", json=body, params=query)
