"""Graph exports for RDF tools and visualization tools: GET /export?format=..."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from api.deps import SettingsDep, StateDep
from api.errors import error_responses
from kg.export import ALIASES, EXPORTERS, export_graph, exporter
from kg.visual import MAX_DEPTH, View

router = APIRouter(tags=["export"])

FORMATS = ", ".join(f"`{e.name}` ({e.description})" for e in EXPORTERS.values())
CACHE_ENTRIES = 16  # whole-graph downloads, the common case; one cache per served build (GraphState)


@router.get("/export", summary="Download the graph in an RDF or visualization format",
            description=f"Formats: {FORMATS}. Pictures hold entities (label, class, colour) and relations "
                        "(label, sources); limits are small nodes; schema and provenance are left out. "
                        "`focus` + `depth` cut an ego graph, `types` keeps classes (and subclasses).",
            response_class=Response, responses={
                200: {"description": "The graph in the format asked for",
                      "content": {e.media_type: {} for e in EXPORTERS.values()}},
                **error_responses({400: "An unknown format, or a class in `types` the graph does not have",
                                   404: "No entity of the `focus` name", 422: "A parameter out of range or too long"})})
async def export(
    state: StateDep,
    settings: SettingsDep,
    format: Annotated[str, Query(description="One of: " + ", ".join(EXPORTERS) + " (or an alias: "
                                 + ", ".join(ALIASES) + "; any case)",
                                 json_schema_extra={"enum": [*EXPORTERS, *ALIASES]})] = "ttl",
    focus: Annotated[str | None, Query(description="An entity (label, alias, id or IRI)", max_length=500)] = None,
    depth: Annotated[int, Query(ge=0, le=MAX_DEPTH, description="Hops around the focus")] = 1,
    types: Annotated[str | None, Query(description="Classes to keep, comma-separated", max_length=2000)] = None,
    inferred: Annotated[bool | None, Query(description="Inferred edges [default: RDF yes, pictures no]")] = None,
    download: Annotated[bool, Query(description="Send as an attachment")] = False,
) -> Response:
    exp = exporter(format)
    view = View(focus or None, depth, tuple(t.strip() for t in (types or "").split(",") if t.strip()))
    key = (exp.name, inferred, view)
    cache: dict[object, str] = state.extra.setdefault("export_cache", {})
    body = cache.get(key)
    if body is None:
        body = await run_in_threadpool(export_graph, state.build, exp.name, view, inferred=inferred,
                                       index=state.extra["qa_index"])
        if len(cache) >= CACHE_ENTRIES:
            cache.pop(next(iter(cache)))
        cache[key] = body
    headers = {"Content-Disposition": f'attachment; filename="heroku-kg.{exp.extension}"'} if download else {}
    media = exp.media_type + ("; charset=utf-8" if exp.media_type.startswith("text/") else "")
    return Response(body, media_type=media, headers=headers)
