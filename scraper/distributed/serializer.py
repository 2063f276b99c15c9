"""Requests in the shared queue as JSON, not pickle: a Redis shared by several machines must not
be able to run code in the crawlers (scrapy-redis' default serializer is pickle)."""

from __future__ import annotations

import base64
import json
from typing import Any

_BYTES = "__bytes__"


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {_BYTES: base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {
            str(k if not isinstance(k, bytes) else k.decode("latin-1")): _encode(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple | set):
        return [_encode(v) for v in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_BYTES}:
            return base64.b64decode(value[_BYTES])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def dumps(obj: dict[str, Any]) -> str:
    """A request dict (`Request.to_dict()`) as compact JSON; bytes kept as base64."""
    return json.dumps(_encode(obj), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def loads(data: str | bytes) -> dict[str, Any]:
    """The request dict back from `dumps`."""
    return _decode(json.loads(data))
