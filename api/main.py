"""The web service: create_app(settings) -> FastAPI. Run with `kg serve` or
`uvicorn --factory api.main:create_app`. Importing this module has no side effects."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from api import errors
from api.deps import GraphState
from api.routers import health, sparql
from kg.build import read_summary
from kg.config import Settings, get_settings
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from kg.sparql import QueryPool
from kg.store import ensure_store

DESCRIPTION = """A knowledge graph of the Heroku platform, built from study notes.
Every fact carries its source (file, line, section). SPARQL 1.1 at `/sparql`."""


def load_state(settings: Settings) -> GraphState:
    kind = "memory" if settings.update_token else settings.store
    if kind == "oxigraph":
        ensure_store(settings.build_dir)
    pool = QueryPool(settings.build_dir, kind, settings.workers, settings.query_timeout, settings.max_rows)
    graphs = {ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH}
    return GraphState(pool=pool, graphs=graphs, summary=read_summary(settings.build_dir))


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.graph = load_state(settings)
        try:
            yield
        finally:
            app.state.graph.pool.close()

    app = FastAPI(title="heroku-kg", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "OPTIONS"],
                       allow_headers=["*"], expose_headers=["X-KG-Truncated", "X-KG-Rows", "X-KG-Max-Rows"])
    errors.install(app)

    @app.middleware("http")
    async def limit_body(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > settings.max_body_bytes:
            return errors.error_response(f"request body of {length} bytes is over the {settings.max_body_bytes} "
                                         "byte limit (KG_MAX_BODY_BYTES)", 413)
        return await call_next(request)

    app.include_router(health.router)
    app.include_router(sparql.router)
    return app
