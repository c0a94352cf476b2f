"""Security headers and CORS of a real `kg serve`: CSP on the UI pages, nosniff and frame denial on every kind
of response, CORS open for reading but never for the update token by `*`, 405 with its Allow header."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.routers.ui import STATIC_DIR
from api.security import DOCS_CSP, UI_CSP, YASGUI_STYLE_HASHES
from kg.config import settings_from
from tests.api.conftest import Server, start_server, stop_server

PAGES = ("/", "/query", "/graph", "/check", "/entity/Nimbus%20Queue")
SITE = "https://elsewhere.example"
PREFLIGHT_POST = {"Origin": SITE, "Access-Control-Request-Method": "POST"}
TOKEN = "s3cret-token"  # noqa: S105


def assert_guarded(r: httpx.Response) -> None:
    assert r.headers.get("x-content-type-options") == "nosniff", (r.request.url, r.status_code)
    assert r.headers.get("x-frame-options") == "DENY", (r.request.url, r.status_code)


@pytest.fixture(scope="module")
def listed(built: Path) -> Iterator[Server]:
    """A server whose CORS list names one origin, with the update token set."""
    s = start_server(built, KG_CORS_ORIGINS="https://ui.example, *", KG_UPDATE_TOKEN=TOKEN, KG_WORKERS="1")
    yield s
    stop_server(s)


def test_ui_pages_have_the_strict_csp(server: Server) -> None:
    for path in PAGES:
        r = httpx.get(server.url + path)
        assert r.status_code == 200
        assert r.headers["content-security-policy"] == UI_CSP
        assert_guarded(r)
    directives = dict(d.strip().split(" ", 1) for d in UI_CSP.split(";"))
    assert directives["default-src"] == directives["script-src"] == directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in UI_CSP


def test_api_docs_are_served_from_the_package_under_a_strict_csp(server: Server) -> None:
    docs = httpx.get(server.url + "/docs")
    assert docs.headers["content-security-policy"] == DOCS_CSP
    assert "unsafe" not in DOCS_CSP
    assert "/static/vendor/swagger-ui-bundle.js" in docs.text
    nonces = set()
    for _ in range(2):
        redoc = httpx.get(server.url + "/redoc")
        policy = redoc.headers["content-security-policy"]
        assert "unsafe" not in policy
        nonce = re.search(r"'nonce-([\w-]+)'", policy)
        assert nonce is not None
        assert f'data-nonce="{nonce.group(1)}"' in redoc.text  # the page hands ReDoc the nonce its policy allows
        nonces.add(nonce.group(1))
    assert len(nonces) == 2  # a new one each time
    for page in (docs, redoc):
        assert "cdn." not in page.text
        assert "https://" not in page.text
    assert "cdn.redoc.ly" not in (STATIC_DIR / "vendor" / "redoc.standalone.js").read_text(encoding="utf-8")


def test_pages_have_no_inline_script_or_style() -> None:
    for page in STATIC_DIR.glob("*.html"):
        html = page.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), page.name
        assert not re.search(r"<style|\sstyle=|\son\w+=|javascript:", html, re.IGNORECASE), page.name


def test_the_allowed_yasgui_styles_are_the_bundled_ones() -> None:
    """The CSP allows two <style> texts of the bundled YASGUI by hash: a refreshed bundle must bring its own."""
    bundle = (STATIC_DIR / "vendor" / "yasgui.min.js").read_text(encoding="utf-8")
    grips = re.search(r"createStyle\(a,`( \.grip-resizable\{.*?)`\)", bundle)
    assert grips is not None
    drag_cursor = re.search(r"dragCursor:`([\w-]+)`", bundle)
    assert drag_cursor is not None
    for css, allowed in zip((grips.group(1), f"*{{cursor:{drag_cursor.group(1)}!important}}"), YASGUI_STYLE_HASHES,
                            strict=True):
        assert allowed == f"'sha256-{base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()}'"


def test_every_kind_of_response_is_guarded(server: Server) -> None:
    get = [
        ("/health", 200), ("/openapi.json", 200), ("/docs", 200), ("/redoc", 200), ("/static/app.js", 200),
        ("/static/vendor/yasgui.min.css", 200), ("/static/favicon.svg", 200), ("/static/nothing.js", 404),
        ("/sparql?query=ASK%7B%7D", 200),  # the fast path, straight from ASGI
        ("/sparql?query=SELEC", 400), ("/sparql?query=ASK%7B%7D&query=ASK%7B%7D", 400), ("/sparql", 200),
        ("/export?format=gexf", 200), ("/entities/Nope%20Nothing", 404), ("/nowhere", 404), ("/ask", 422),
    ]
    for path, status in get:
        r = httpx.get(server.url + path)
        assert r.status_code == status, path
        assert_guarded(r)
        assert r.headers["content-security-policy"].startswith("default-src"), path
    unacceptable = httpx.get(server.url + "/sparql?query=ASK%7B%7D", headers={"accept": "image/png"})
    assert unacceptable.status_code == 406
    assert_guarded(unacceptable)
    big = httpx.post(server.url + "/sparql", content=b"x" * 1_000_001,
                     headers={"content-type": "application/sparql-query"})
    assert big.status_code == 413
    assert_guarded(big)
    for r in (httpx.request("TRACE", server.url + "/sparql"), httpx.options(server.url + "/sparql", headers=PREFLIGHT_POST),
              httpx.options(server.url + "/sparql", headers={**PREFLIGHT_POST, "Access-Control-Request-Headers": "authorization"})):
        assert_guarded(r)


def test_api_responses_get_the_data_csp(server: Server) -> None:
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "format": "xml"})
    assert r.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_405_says_which_methods_are_allowed(server: Server) -> None:
    for method, path, allow in (("TRACE", "/sparql", {"DELETE", "GET", "POST", "PUT"}), ("DELETE", "/ask", {"GET", "POST"}),
                                ("PUT", "/health", {"GET"}), ("POST", "/static/app.js", {"GET", "HEAD"})):
        r = httpx.request(method, server.url + path)
        assert r.status_code == 405, path
        assert {m.strip() for m in r.headers["allow"].split(",")} == allow, path
        assert r.json()["ok"] is False


def test_reading_is_open_to_any_origin(server: Server) -> None:
    for r in (httpx.get(server.url + "/sparql", params={"query": "ASK {}"}, headers={"Origin": SITE}),
              httpx.get(server.url + "/health", headers={"Origin": SITE}),
              httpx.post(server.url + "/sparql", data={"query": "ASK {}"}, headers={"Origin": SITE})):
        assert r.status_code == 200
        assert r.headers["access-control-allow-origin"] == "*"
        assert "X-KG-Truncated" in r.headers["access-control-expose-headers"]
    pre = httpx.options(server.url + "/sparql", headers={**PREFLIGHT_POST, "Access-Control-Request-Headers": "content-type"})
    assert pre.status_code == 204  # application/sparql-query from a page elsewhere
    assert pre.headers["access-control-allow-origin"] == "*"
    assert "POST" in pre.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in pre.headers


def test_the_update_token_is_never_allowed_by_wildcard(server: Server) -> None:
    for asked in ("authorization", "Content-Type, Authorization"):
        pre = httpx.options(server.url + "/sparql", headers={**PREFLIGHT_POST, "Access-Control-Request-Headers": asked})
        assert pre.status_code == 403
        assert "access-control-allow-origin" not in pre.headers
        assert "Authorization" in pre.json()["error"]
    for method in ("PUT", "DELETE"):
        pre = httpx.options(server.url + "/sparql", headers={"Origin": SITE, "Access-Control-Request-Method": method})
        assert pre.status_code == 403
        assert "access-control-allow-origin" not in pre.headers
    sent = httpx.post(server.url + "/sparql", content="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                      headers={"Origin": SITE, "Authorization": "Bearer x", "content-type": "application/sparql-update"})
    assert sent.status_code == 403
    assert "access-control-allow-origin" not in sent.headers  # not readable by the page that sent it


def test_a_named_origin_may_send_the_token(listed: Server) -> None:
    ui = "https://ui.example"
    pre = httpx.options(listed.url + "/sparql", headers={"Origin": ui, "Access-Control-Request-Method": "POST",
                                                         "Access-Control-Request-Headers": "authorization, content-type"})
    assert pre.status_code == 204
    assert pre.headers["access-control-allow-origin"] == ui
    assert "authorization" in pre.headers["access-control-allow-headers"]
    assert "Origin" in pre.headers["vary"]
    update = httpx.post(listed.url + "/sparql", content="INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                        headers={"Origin": ui, "Authorization": f"Bearer {TOKEN}",
                                 "content-type": "application/sparql-update"})
    assert update.status_code == 204
    assert update.headers["access-control-allow-origin"] == ui
    other = httpx.options(listed.url + "/sparql", headers={**PREFLIGHT_POST, "Access-Control-Request-Headers": "authorization"})
    assert other.status_code == 403  # `*` in the same list still does not cover the token
    assert "access-control-allow-origin" not in other.headers
    read = httpx.get(listed.url + "/health", headers={"Origin": SITE})
    assert read.headers["access-control-allow-origin"] == "*"


def test_only_listed_origins_without_wildcard(built: Path) -> None:
    s = start_server(built, KG_CORS_ORIGINS="https://ui.example", KG_WORKERS="1")
    try:
        r = httpx.get(s.url + "/health", headers={"Origin": SITE})
        assert r.status_code == 200
        assert "access-control-allow-origin" not in r.headers
        pre = httpx.options(s.url + "/sparql", headers=PREFLIGHT_POST)
        assert pre.status_code == 403
        ok = httpx.get(s.url + "/health", headers={"Origin": "https://ui.example"})
        assert ok.headers["access-control-allow-origin"] == "https://ui.example"
    finally:
        stop_server(s)


def test_an_unexpected_error_is_guarded_too(built: Path) -> None:
    """A 500 is answered outside every middleware (Starlette's ServerErrorMiddleware): it brings the headers."""
    app = create_app(settings_from({"KG_BUILD_DIR": str(built), "KG_WORKERS": "1"}))

    @app.get("/boom", include_in_schema=False)
    async def boom() -> None:
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/boom")
    assert r.status_code == 500
    assert r.json() == {"ok": False, "error": "internal error: RuntimeError", "status": 500}
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
