"""Trusted hosts: Starlette's `TrustedHostMiddleware` decides, and its refusal is answered as
the API's `ErrorBody` (400, nothing of the sent Host reflected)."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error

PASSED = "closet.trusted_host"  # set in the scope once the Host header was accepted


class TrustedHosts:
    """Refuse requests whose Host is not in `allowed_hosts` (400, JSON body)."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]) -> None:
        self.app = app
        self.check = TrustedHostMiddleware(self._passed, allowed_hosts, www_redirect=False)

    async def _passed(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope[PASSED] = True
        await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.check(scope, receive, send)
            return

        async def send_or_refuse(message: Message) -> None:
            if scope.get(PASSED):
                await send(message)
            elif message["type"] == "http.response.start":
                await error(400, "unknown Host header")(scope, receive, send)
            # the middleware's plain-text body is dropped: the JSON one was sent whole

        await self.check(scope, receive, send_or_refuse)
