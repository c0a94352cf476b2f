"""SPARQL 1.1 Protocol: GET ?query=, POST form, POST application/sparql-query (and -update with a token)."""

from __future__ import annotations

import asyncio
import hmac
import json
import time

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import URL
from starlette.types import ASGIApp, Receive, Scope, Send

from api import sparql_docs
from api.deps import PINNED, GraphState, SettingsDep, StateDep
from api.errors import error_response
from api.sparql_protocol import (
    Operation,
    UnsupportedMediaTypeError,
    from_get,
    from_post,
    graph_target,
    media_and_charset,
    read_params,
    result_format,
)
from kg.config import Settings
from kg.errors import KGError
from kg.sparql import MAX_DEPTH, MAX_TOKENS, SparqlResult, UpdateForbiddenError, media_type, negotiate, prepare
from kg.sparql.description import COUNT_GRAPHS, COUNT_UNION, describe_service, serialize_description
from kg.sparql.errors import GraphNotFoundError
from kg.sparql.graph_store import BODY_FORMATS, GRAPH_BODIES, parse_body, read_job, update_job

router = APIRouter(tags=["sparql"])

DESCRIPTION = f"""Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the graph.

Results by content negotiation (Accept) or `format` (or `output`): SELECT/ASK as SPARQL JSON (default), XML, CSV,
TSV, text/plain (CSV); CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, JSON-LD, RDF/XML, N-Quads, TriG. The
default graph is the union of every graph of the store unless the query (FROM, FROM NAMED) or the protocol
(`default-graph-uri`, `named-graph-uri`) names a dataset; a graph the store lacks is empty. Relative IRIs resolve
against the endpoint's URL. Read-only: updates need the KG_UPDATE_TOKEN Bearer token. Nothing is fetched: SERVICE
and LOAD (wherever they could be read as keywords) are refused (400), and so are nesting deeper than {MAX_DEPTH}
brackets, braces and parentheses and queries over {MAX_TOKENS:,} tokens. Queries and updates past
KG_QUERY_TIMEOUT, counted from the request's arrival, are stopped (503); so is a query whose worker process dies
twice under it. With KG_STORE=sparql the query is sent, after the same checks, to the remote store: its time-outs
are 503 too, its failures 502, an unreachable store 503 (the default graph is then the union of the served graphs).
Results past KG_MAX_ROWS are cut, with the header `X-KG-Truncated: true` and `"truncated": true` in JSON. Without a
query, GET returns the service description (Turtle, or another RDF format by Accept)."""


def _response(res: SparqlResult, settings: Settings) -> Response:
    headers = {"X-KG-Rows": str(res.rows)} if res.rows is not None else {}
    if res.truncated:
        headers["X-KG-Truncated"] = "true"
        headers["X-KG-Max-Rows"] = str(settings.max_rows)
    return Response(res.body, media_type=res.media_type, headers=headers)


def bearer_token(authorization: bytes) -> bytes | None:
    """The credentials of an `Authorization: Bearer <token>` header, as sent (RFC 9110 11.4, RFC 6750): the
    scheme in any case, then spaces, then the token up to trailing whitespace; None for another scheme."""
    scheme, _, credentials = authorization.strip(b" \t").partition(b" ")
    if scheme.lower() != b"bearer":
        return None
    return credentials.lstrip(b" ")


def _authorized(request: Request, settings: Settings) -> bool:
    """The request carries the update token. Compared as bytes: a header is latin-1 on the wire (Starlette
    decodes it so, encoding back gives the bytes sent) and the token is sent as its UTF-8."""
    if not settings.update_token:
        return False
    given = bearer_token(request.headers.get("authorization", "").encode("latin-1"))
    return given is not None and hmac.compare_digest(given, settings.update_token.get_secret_value().encode())


def endpoint_iri(scope: Scope) -> str:
    """The endpoint's own URL, the base IRI of queries and updates; its scheme and host as the client sees them
    (behind Heroku's router uvicorn's --proxy-headers sets the scheme from X-Forwarded-Proto)."""
    return str(URL(scope=scope).replace(query="", fragment=""))


async def run_operation(scope: Scope, state: GraphState, settings: Settings, op: Operation,
                        accept: str | None, authorized: bool, arrived: float) -> Response:
    """Check (in a thread: the guard is linear, but a 1 MB query still takes a while), then run on a worker."""
    if op.kind == "update" and not authorized:  # before the guard: without the token, nothing is said about it
        raise UpdateForbiddenError("SPARQL Update is refused: this endpoint is read-only unless the request "
                                   "carries the KG_UPDATE_TOKEN Bearer token")
    job = await asyncio.to_thread(prepare, op.text, op.fmt, accept, settings.max_rows, op.default_graphs,
                                  op.named_graphs, operation=op.kind, allow_update=authorized,
                                  base_iri=endpoint_iri(scope))
    if job.update:
        await state.pool.aupdate(job, arrived)
        return Response(status_code=204)
    return _response(await state.pool.arun(job, arrived), settings)


async def _sizes(state: GraphState, settings: Settings) -> tuple[int, dict[str, int]]:
    """The union default graph's size and each named graph's, as the workers see them now (updates included)."""
    union = await state.pool.arun(prepare(COUNT_UNION, "json", None, 1))
    graphs = await state.pool.arun(prepare(COUNT_GRAPHS, "json", None, settings.max_rows))
    rows = json.loads(graphs.body)["results"]["bindings"]
    total = int(json.loads(union.body)["results"]["bindings"][0]["n"]["value"])
    return total, {r["g"]["value"]: int(r["n"]["value"]) for r in rows if r["g"]["type"] == "uri"}


async def service_description(request: Request, state: GraphState, settings: Settings,
                              params: dict[str, list[str]]) -> Response:
    """The Service Description, in the RDF format that Accept or `format` asks for (Turtle by default)."""
    fmt = negotiate("describe", request.headers.get("accept"), result_format(params))
    total, named = await _sizes(state, settings)
    triples = describe_service(endpoint_iri(request.scope), bool(settings.update_token), total, named)
    return Response(serialize_description(triples, fmt), media_type=media_type(fmt))


@router.get("/sparql", summary="SPARQL query (GET)", description=DESCRIPTION, response_class=Response,
            responses=sparql_docs.GET_RESPONSES, openapi_extra=sparql_docs.GET_EXTRA)
async def sparql_get(request: Request, state: StateDep, settings: SettingsDep) -> Response:
    # the parameters are documented in sparql_docs.GET_EXTRA; a GET with a query is answered by FastGet
    arrived = time.monotonic()
    params = read_params(request.url.query)
    op = from_get(params)
    if op is None:
        target = graph_target(params)
        if target is not None:
            return await graph_get(request, state, settings, target.graph, result_format(params))
        return await service_description(request, state, settings, params)
    return await run_operation(request.scope, state, settings, op, request.headers.get("accept"), False, arrived)


@router.post("/sparql", summary="SPARQL query or update (POST)", response_class=Response,
             responses=sparql_docs.POST_RESPONSES, openapi_extra=sparql_docs.POST_EXTRA, description=DESCRIPTION + """

POST bodies: `application/x-www-form-urlencoded` with `query=` (or `update=`), `application/sparql-query`,
or `application/sparql-update`, in UTF-8.""")
async def sparql_post(request: Request, state: StateDep, settings: SettingsDep) -> Response:
    arrived = time.monotonic()
    media, _ = media_and_charset(request.headers.get("content-type", ""))
    # RDF is a Graph Store POST, which must name its graph; text/plain is not taken for RDF here
    target = graph_target(read_params(request.url.query), required=media in GRAPH_BODIES)
    if target is not None:
        return await graph_write(request, state, settings, "POST", target.graph, arrived)
    op = from_post(request.headers.get("content-type", ""), await request.body(), read_params(request.url.query))
    return await run_operation(request.scope, state, settings, op, request.headers.get("accept"),
                               op.kind == "update" and _authorized(request, settings), arrived)


async def _holds(state: GraphState, graph: str) -> bool:
    job = prepare("ASK { ?s ?p ?o }", "json", None, 1, [graph], [], operation="query")
    return bool(json.loads((await state.pool.arun(job)).body)["boolean"])


async def graph_get(request: Request, state: GraphState, settings: Settings, graph: str | None,
                    fmt: str | None) -> Response:
    """Graph Store GET: the graph in the RDF format asked for; 404 for a named graph the store lacks."""
    job = await asyncio.to_thread(read_job, graph, fmt, request.headers.get("accept"), settings.max_rows)
    res = await state.pool.arun(job)
    if graph is not None and not res.rows and not await _holds(state, graph):
        raise GraphNotFoundError(f"the store holds no graph <{graph}>")
    return _response(res, settings)


async def graph_write(request: Request, state: GraphState, settings: Settings, method: str, graph: str | None,
                      arrived: float) -> Response:
    """Graph Store PUT, POST, DELETE: with the update token only, as one update (all of it or nothing)."""
    if not _authorized(request, settings):
        raise UpdateForbiddenError(f"{method} of a graph is refused: this endpoint is read-only unless the request "
                                   "carries the KG_UPDATE_TOKEN Bearer token")
    triples: list[object] = []
    if method != "DELETE":
        media, charset = media_and_charset(request.headers.get("content-type", ""))
        if media not in BODY_FORMATS or charset not in (None, "utf-8", "utf8"):
            raise UnsupportedMediaTypeError(f"a graph is sent as one of {', '.join(sorted(BODY_FORMATS))} in UTF-8, "
                                            f"not {request.headers.get('content-type') or '(no content type)'}")
        triples = await asyncio.to_thread(parse_body, await request.body(), media, endpoint_iri(request.scope))
    elif graph is not None and not await _holds(state, graph):
        raise GraphNotFoundError(f"the store holds no graph <{graph}>")
    job = await asyncio.to_thread(update_job, method, graph, triples, settings.max_rows)
    await state.pool.aupdate(job, arrived)
    return Response(status_code=204)


@router.put("/sparql", summary="Graph Store: replace a graph (PUT)", response_class=Response,
            responses=sparql_docs.PUT_RESPONSES, openapi_extra=sparql_docs.PUT_EXTRA)
async def graph_put(request: Request, state: StateDep, settings: SettingsDep) -> Response:
    arrived = time.monotonic()
    target = graph_target(read_params(request.url.query), required=True)
    return await graph_write(request, state, settings, "PUT", target.graph if target else None, arrived)


@router.delete("/sparql", summary="Graph Store: delete a graph (DELETE)", response_class=Response,
               responses=sparql_docs.DELETE_RESPONSES, openapi_extra=sparql_docs.DELETE_EXTRA)
async def graph_delete(request: Request, state: StateDep, settings: SettingsDep) -> Response:
    arrived = time.monotonic()
    target = graph_target(read_params(request.url.query), required=True)
    return await graph_write(request, state, settings, "DELETE", target.graph if target else None, arrived)


class FastGet:
    """GET /sparql?query=... answered straight from ASGI, without FastAPI's routing, dependency and
    validation layers (a fifth of a single client's latency here). Same guards, same headers, same error
    shape; anything else (no query, POST, other paths) goes on to the app."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/sparql":
            await self.app(scope, receive, send)
            return
        arrived = time.monotonic()
        try:
            op = from_get(read_params(scope["query_string"].decode("latin-1")))
        except KGError as ex:
            await error_response(str(ex), ex.status)(scope, receive, send)
            return
        if op is None:  # the service description, or the Graph Store
            await self.app(scope, receive, send)
            return
        settings: Settings = scope["app"].state.settings
        state: GraphState = scope.get("state", {}).get(PINNED) or scope["app"].state.graph  # as api.deps.get_state
        accept = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"accept"), None)
        try:
            response = await run_operation(scope, state, settings, op, accept, False, arrived)
        except KGError as ex:
            response = error_response(str(ex), ex.status)
        await response(scope, receive, send)
