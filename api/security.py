"""Response headers every response carries, and a CORS policy that keeps the update token same-origin.

Both are pure ASGI middleware (no BaseHTTPMiddleware): a few list appends per response, and they wrap the
fast GET /sparql path like any route."""

from __future__ import annotations

from collections.abc import Collection

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import error_response

# The two <style> elements YASR's column resizer (in yasgui.min.js) adds: its grip rules, and the cursor while a
# column is dragged. Allowed by their hashes only; tests/api/test_security_headers.py checks them against the file.
YASGUI_STYLE_HASHES = ("'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk='",
                       "'sha256-c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg='")


def page_csp(styles: str = "", workers: bool = False) -> str:
    """A page's policy: its own scripts, styles and data only, plus the inline `styles` allowed by hash or
    nonce; nothing inline otherwise, nothing from elsewhere, never framed. Icons are data: URIs in CSS."""
    style_src = f"'self' {styles}".strip()
    worker = "worker-src 'self' blob:; " if workers else ""
    return (f"default-src 'self'; script-src 'self'; style-src {style_src}; img-src 'self' data:; "
            f"font-src 'self' data:; connect-src 'self'; {worker}object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


# The web UI pages (YASGUI's column resizer styles allowed by hash).
UI_CSP = page_csp(" ".join(YASGUI_STYLE_HASHES))
# /docs: Swagger UI from the package sets styles through the CSSOM only.
DOCS_CSP = page_csp()
# The <style> the bundled ReDoc adds as it loads, before its nonce is known: perfect-scrollbar's rules (and the
# element, first empty). The browser test fails on any refused style, so a refreshed bundle shows its own hash.
REDOC_STYLE_HASHES = ("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='",
                      "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='")


def redoc_csp(nonce: str) -> str:
    """/redoc: ReDoc's styled-components add <style> elements that carry this response's nonce; its search
    index runs in a worker made from a blob: URL."""
    return page_csp(" ".join((*REDOC_STYLE_HASHES, f"'nonce-{nonce}'")), workers=True)


# Everything else is data: a result opened in a browser (SPARQL XML, RDF/XML, an SVG) runs and loads nothing.
API_CSP = "default-src 'none'; frame-ancestors 'none'"
HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Content-Security-Policy": API_CSP}

CORS_METHODS = ("GET", "HEAD", "POST")
EXPOSED = "X-KG-Truncated, X-KG-Rows, X-KG-Max-Rows, X-KG-Build"
_CSP = b"content-security-policy"


class SecurityHeaders:
    """nosniff and frame denial on every response; the data CSP unless the response brings its own (the UI
    pages and the API docs). Outermost, so errors, 413s, CORS answers and the fast path get them too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        raw = [(name.lower().encode(), value.encode()) for name, value in HEADERS.items()]
        self.always = [h for h in raw if h[0] != _CSP]
        self.csp = next(h for h in raw if h[0] == _CSP)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [*message.get("headers", ()), *self.always]
                if not any(name == _CSP for name, _ in headers):
                    headers.append(self.csp)
                message = {**message, "headers": headers}  # a copy: a response object may be sent again
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Cors:
    """CORS for a public read-only API. Origins allowed by `origins` (`*`: any) may send GET, HEAD and POST
    queries and read the answers. The Authorization header, which carries the update token, is allowed only
    from an origin the list names: `*` never covers it, so no other site's page can send the token. An update
    without the token is refused (403) whatever its origin. No cookies are used, so no credentials mode."""

    def __init__(self, app: ASGIApp, origins: Collection[str]) -> None:
        self.app = app
        self.any_origin = "*" in origins
        self.named = frozenset(o for o in origins if o != "*")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        named = origin in self.named
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(scope, receive, send, headers, origin, named)
            return
        if not (named or self.any_origin) or ("authorization" in headers and not named):
            await self.app(scope, receive, send)  # answered, but not readable by the other origin's page
            return
        added = [*self._allow(origin, named), (b"access-control-expose-headers", EXPOSED.encode())]

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", ()), *added]}
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def _allow(self, origin: str, named: bool) -> list[tuple[bytes, bytes]]:
        allow = [(b"access-control-allow-origin", origin.encode("latin-1") if named else b"*")]
        return [*allow, (b"vary", b"Origin")] if self.named else allow  # the answer depends on the origin

    async def _preflight(self, scope: Scope, receive: Receive, send: Send, headers: Headers, origin: str,
                         named: bool) -> None:
        method = headers["access-control-request-method"].strip().upper()
        asked = [h.strip().lower() for h in headers.get("access-control-request-headers", "").split(",") if h.strip()]
        reason = self._refusal(method, asked, named)
        if reason:
            await error_response(f"CORS preflight refused: {reason}", 403)(scope, receive, send)
            return
        response = Response(status_code=204)
        response.raw_headers += [
            *self._allow(origin, named), (b"access-control-allow-methods", ", ".join(CORS_METHODS).encode()),
            (b"access-control-allow-headers", ", ".join(asked).encode("latin-1")),
            (b"access-control-max-age", b"600"), (b"vary", b"Access-Control-Request-Headers")]
        await response(scope, receive, send)

    def _refusal(self, method: str, asked: list[str], named: bool) -> str:
        if not (named or self.any_origin):
            return "origin not allowed (KG_CORS_ORIGINS)"
        if method not in CORS_METHODS:
            return f"method {method} not allowed"
        if "authorization" in asked and not named:
            return "the Authorization header is allowed only from an origin that KG_CORS_ORIGINS names"
        return ""
