"""Bounded request bodies: a body longer than its route allows is answered 413 before it is
read whole — from `Content-Length` when the client sends one, else as soon as the streamed
bytes pass the limit. Photo uploads may carry 10 MB (and the multipart framing); every other
route's JSON body is small."""

from __future__ import annotations

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error

MB = 1024 * 1024
PHOTO_BODY = 10 * MB + 256 * 1024  # the photo itself is checked against 10 MB exactly
JSON_BODY = 1 * MB


class BodyTooLarge(Exception):
    """The streamed body passed the route's limit."""


class BodyLimits:
    """Plain ASGI middleware: 413 for a body over the limit of its path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    @staticmethod
    def limit(path: str) -> int:
        return PHOTO_BODY if path.rstrip("/").endswith("/items/photo") else JSON_BODY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit(str(scope.get("path", "")))
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._too_large(limit)(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            if not started:
                await self._too_large(limit)(scope, receive, send)

    @staticmethod
    def _too_large(limit: int) -> JSONResponse:
        return error(413, f"the request body is larger than {limit // 1024} KiB")
