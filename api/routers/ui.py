"""The web UI: a few static pages over the JSON API, with their scripts and libraries shipped in the
package (no CDN: the users may be offline), and the API docs (Swagger UI at /docs, ReDoc at /redoc) likewise."""

from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.security import DOCS_CSP, UI_CSP, redoc_csp

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


def page(name: str, csp: str = UI_CSP) -> FileResponse:
    return FileResponse(STATIC_DIR / name, media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache", "Content-Security-Policy": csp})


@router.get("/")
async def home() -> FileResponse:
    return page("index.html")


@router.get("/query")
async def sparql_editor() -> FileResponse:
    return page("query.html")


@router.get("/graph")
async def graph_view() -> FileResponse:
    return page("graph.html")


@router.get("/entity/{entity_id:path}")
async def entity_page(entity_id: str) -> FileResponse:
    return page("entity.html")  # the page reads the id from its URL and asks /entities/{id}


@router.get("/docs")
async def swagger_ui() -> FileResponse:
    return page("docs.html", DOCS_CSP)


@router.get("/redoc")
async def redoc() -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)  # a new one per response: only ReDoc's own style elements carry it
    html = (STATIC_DIR / "redoc.html").read_text(encoding="utf-8").replace("{{nonce}}", nonce)
    return HTMLResponse(html, headers={"Cache-Control": "no-store", "Content-Security-Policy": redoc_csp(nonce)})


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC_DIR)
