"""The web service: create_app(settings) -> FastAPI. Run with `kg serve` or
`uvicorn --factory api.main:create_app`. Importing this module has no side effects."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api import errors, security
from api.deps import GraphState
from api.head import HeadAsGet
from api.reload import BuildWatcher, PinBuild, utc_now
from api.routers import ask, check, entities, export, health, sparql, ui
from kg.config import Settings, get_settings, remote_store
from kg.errors import KGError
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from kg.remote import RemotePool, pull_build, served_version
from kg.sparql import AsyncQueryPool
from kg.store import BuildHold, build_path, ensure_store, read_summary


class BodyTooLargeError(KGError):
    status = 413

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"request body over the {limit} byte limit (KG_MAX_BODY_BYTES)")


REMOTE_COPIES = "remote"  # build_dir/remote/<build id>/: copies of a remote store's graph

DESCRIPTION = """A knowledge graph of the Heroku platform, built from study notes.
Every fact carries its source (file, line, section). SPARQL 1.1 at `/sparql`, questions at `/ask`,
entities at `/entities`, design checks at `/check`, downloads for RDF and visualization tools at `/export`.
The web UI is at `/`."""


def load_state(settings: Settings, build: Path | None = None) -> GraphState:
    """Everything served from one build (default: the one build_dir/current points to), loaded before it is
    served; the workers are given that build's own folder, so replaced workers open the same build.
    With KG_STORE=sparql the build is the local copy of the store's graph (kg.remote.pull_build) and queries
    go to the store."""
    from kg.qa import load_index, qa_of

    if settings.store == "sparql":
        build = pull_build(remote_store(settings), remote_copies(settings), settings.query_timeout * 12)
    build = build or build_path(settings.build_dir)
    hold = BuildHold(build)
    try:
        kind = "memory" if settings.update_token else settings.store
        if kind == "oxigraph":
            ensure_store(build)
        summary = read_summary(build)
        index = load_index(build)
        qa = qa_of(index, settings.spacy_model, threshold=settings.answer_threshold)
        pool: AsyncQueryPool | RemotePool
        if settings.store == "sparql":
            pool = RemotePool(remote_store(settings), settings.query_timeout, settings.max_rows)
        else:
            pool = AsyncQueryPool(build, kind, settings.workers, settings.query_timeout, settings.max_rows,
                                  settings.worker_threads, settings.memory_quads)
    except BaseException:
        hold.release()
        raise
    state = GraphState(pool=pool, graphs={ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH}, summary=summary,
                       build=build, hold=hold, serving_since=utc_now())
    state.extra["qa_index"] = index
    state.extra["qa"] = qa
    return state


def remote_copies(settings: Settings) -> Path:
    """Where `kg serve` keeps its copies of a remote store's graph (for /ask, /entities, /export, /check)."""
    return settings.build_dir / REMOTE_COPIES


def remote_newest(settings: Settings) -> Callable[[], Path | None]:
    """The copy folder of the build the remote store serves now (one small query), for the BuildWatcher."""
    remote, target = remote_store(settings), remote_copies(settings)

    def newest() -> Path | None:
        with remote.client(settings.query_timeout) as client:
            version = served_version(client, remote, settings.query_timeout)
        return None if version is None else target / version[0]

    return newest


class BodyLimit:
    """Refuse bodies over the limit (413), by Content-Length or while streaming. Pure ASGI: cheap."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, receive, send, int(length))
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise BodyTooLargeError(seen, self.max_bytes)
            return message

        await self.app(scope, limited, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        response = errors.error_response(f"request body of {size} bytes is over the {self.max_bytes} byte limit "
                                         "(KG_MAX_BODY_BYTES)", 413)
        await response(scope, receive, send)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.graph = load_state(settings)
        newest = remote_newest(settings) if settings.store == "sparql" else None
        app.state.watcher = watcher = BuildWatcher(app, settings, load_state, newest)
        watcher.start()
        try:
            yield
        finally:
            await watcher.close()
            app.state.graph.close()

    # /docs and /redoc are the UI's own pages (api/routers/ui.py): FastAPI's load Swagger UI and ReDoc from a CDN
    app = FastAPI(title="heroku-kg", version="0.1.0", description=DESCRIPTION, lifespan=lifespan, docs_url=None,
                  redoc_url=None, swagger_ui_oauth2_redirect_url=None)
    app.add_middleware(sparql.FastGet)  # inside CORS and the body limit, which wrap it like any route
    app.add_middleware(HeadAsGet)  # HEAD on every GET route; outside FastGet, so HEAD /sparql?query= is fast too
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    app.add_middleware(security.Cors, origins=origins)
    errors.install(app)

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(security.SecurityHeaders)
    app.add_middleware(PinBuild)  # outermost: every response says its build, each request keeps one
    app.include_router(health.router)
    app.include_router(sparql.router)
    app.include_router(ask.router)
    app.include_router(entities.router)
    app.include_router(export.router)
    app.include_router(check.router)
    app.include_router(ui.router)
    app.mount("/static", ui.static_files(), name="static")
    return app
