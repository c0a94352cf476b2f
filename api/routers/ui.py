"""The web UI: a few static pages over the JSON API, with their scripts and libraries shipped in the
package (no CDN: the users may be offline)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api.security import UI_CSP

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

router = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(STATIC_DIR / name, media_type="text/html; charset=utf-8",
                        headers={"Cache-Control": "no-cache", "Content-Security-Policy": UI_CSP})


@router.get("/")
async def home() -> FileResponse:
    return _page("index.html")


@router.get("/query")
async def sparql_editor() -> FileResponse:
    return _page("query.html")


@router.get("/graph")
async def graph_view() -> FileResponse:
    return _page("graph.html")


@router.get("/entity/{entity_id:path}")
async def entity_page(entity_id: str) -> FileResponse:
    return _page("entity.html")  # the page reads the id from its URL and asks /entities/{id}


def static_files() -> StaticFiles:
    return StaticFiles(directory=STATIC_DIR)
