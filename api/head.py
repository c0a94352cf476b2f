"""HEAD on every GET route (RFC 9110 9.3.2): the GET's status and headers, without its body.

FastAPI routes answer only the methods they declare, so a HEAD is sent on as the GET it asks about and
the body is dropped on the way out. Pure ASGI: nothing is read twice, and the fast GET /sparql path answers
HEAD like GET."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)
