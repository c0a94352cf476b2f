"""SPARQL 1.1 Protocol: GET ?query=, POST form, POST application/sparql-query (and -update with a token)."""

from __future__ import annotations

import asyncio
import hmac
import time
from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from api import sparql_docs
from api.deps import PINNED, GraphState, SettingsDep, StateDep
from api.errors import error_response
from kg.config import Settings
from kg.errors import KGError, QueryError
from kg.sparql import MAX_DEPTH, MAX_TOKENS, SparqlResult, UpdateForbiddenError, prepare

router = APIRouter(tags=["sparql"])

DESCRIPTION = f"""Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on the graph.

Results by content negotiation (Accept) or `format`: SELECT/ASK as SPARQL JSON (default), XML, CSV, TSV;
CONSTRUCT/DESCRIBE as Turtle (default), N-Triples, JSON-LD, RDF/XML. The default graph is the union of
the asserted, inferred and ontology named graphs. Read-only: updates need the KG_UPDATE_TOKEN Bearer
token. Nothing is fetched: SERVICE and LOAD (wherever they could be read as keywords) and FROM of graphs
the store does not hold are refused (400), and so are nesting deeper than {MAX_DEPTH} brackets, braces and
parentheses and queries over {MAX_TOKENS:,} tokens. Queries and updates past KG_QUERY_TIMEOUT, counted from the
request's arrival, are stopped (503); so is a query whose worker process dies twice under it.
Results past KG_MAX_ROWS are cut, with the header `X-KG-Truncated: true` and `"truncated": true` in JSON.
Without a query, GET returns the service description (Turtle)."""


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


async def _execute(request: Request, state: StateDep, settings: Settings, query: str, fmt: str | None,
                   default_graphs: list[str], named_graphs: list[str], update: bool = False,
                   arrived: float | None = None) -> Response:
    arrived = arrived or time.monotonic()  # the time limit counts from here, the guard included
    allowed = update and _authorized(request, settings)
    if update and not allowed:
        raise UpdateForbiddenError("SPARQL Update is refused: this endpoint is read-only unless the request "
                                   "carries the KG_UPDATE_TOKEN Bearer token")
    # in a thread: the guard is linear, but a 1 MB query still takes a while, which the loop must not wait for
    job = await asyncio.to_thread(prepare, query, fmt, request.headers.get("accept"), state.graphs,
                                  settings.max_rows, default_graphs, named_graphs, allow_update=allowed)
    if job.update:
        await state.pool.aupdate(job, arrived)
        return Response(status_code=204)
    res = await state.pool.arun(job, arrived)
    return _response(res, settings)


def service_description(request: Request) -> Response:
    url = str(request.url).split("?")[0]
    ttl = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .

<{url}> a sd:Service ;
    sd:endpoint <{url}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:feature sd:UnionDefaultGraph ;
    sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV,
        formats:SPARQL_Results_TSV, formats:Turtle, formats:N-Triples, formats:JSON-LD, formats:RDF_XML ;
    sd:defaultDataset [ a sd:Dataset ;
        sd:namedGraph [ sd:name <https://w3id.org/heroku-kg/graph/asserted> ] ,
                      [ sd:name <https://w3id.org/heroku-kg/graph/inferred> ] ,
                      [ sd:name <https://w3id.org/heroku-kg/graph/ontology> ] ] .
"""
    return Response(ttl, media_type="text/turtle")


@router.get("/sparql", summary="SPARQL query (GET)", description=DESCRIPTION, response_class=Response,
            responses=sparql_docs.GET_RESPONSES, openapi_extra=sparql_docs.GET_EXTRA)
async def sparql_get(  # the parameters are documented in sparql_docs.GET_EXTRA
    request: Request, state: StateDep, settings: SettingsDep,
    query: Annotated[str | None, Query(include_in_schema=False)] = None,
    format: Annotated[str | None, Query(include_in_schema=False)] = None,
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri", include_in_schema=False)] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri", include_in_schema=False)] = None,
) -> Response:
    if query is None:
        return service_description(request)
    return await _execute(request, state, settings, query, format, default_graph_uri or [], named_graph_uri or [])


@router.post("/sparql", summary="SPARQL query or update (POST)", response_class=Response,
             responses=sparql_docs.POST_RESPONSES, openapi_extra=sparql_docs.POST_EXTRA, description=DESCRIPTION + """

POST bodies: `application/x-www-form-urlencoded` with `query=` (or `update=`), `application/sparql-query`,
or `application/sparql-update`.""")
async def sparql_post(request: Request, state: StateDep, settings: SettingsDep) -> Response:
    arrived = time.monotonic()
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = (await request.body()).decode("utf-8", errors="replace")
    params = parse_qs(str(request.url.query))
    fmt: str | None = params["format"][0] if params.get("format") else None
    dg = params.get("default-graph-uri", [])
    ng = params.get("named-graph-uri", [])
    if ctype == "application/x-www-form-urlencoded":
        form = parse_qs(body, keep_blank_values=True)
        fmt = form["format"][0] if form.get("format") else fmt
        dg, ng = form.get("default-graph-uri", dg), form.get("named-graph-uri", ng)
        if "update" in form:
            return await _execute(request, state, settings, form["update"][0], fmt, dg, ng, True, arrived)
        if "query" not in form:
            raise QueryError("the form needs a 'query' (or 'update') field")
        return await _execute(request, state, settings, form["query"][0], fmt, dg, ng, False, arrived)
    if ctype == "application/sparql-query":
        return await _execute(request, state, settings, body, fmt, dg, ng, False, arrived)
    if ctype == "application/sparql-update":
        return await _execute(request, state, settings, body, fmt, dg, ng, True, arrived)
    raise QueryError(f"unsupported content type {ctype or '(none)'!r}: use application/sparql-query, "
                     "application/sparql-update or a form with query=")


class FastGet:
    """GET /sparql?query=... answered straight from ASGI, without FastAPI's routing, dependency and
    validation layers (a fifth of a single client's latency here). Same guards, same headers, same error
    shape; anything else (no query, POST, other paths) goes on to the app."""

    PARAMS = frozenset({"query", "format", "default-graph-uri", "named-graph-uri"})

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"] != "/sparql":
            await self.app(scope, receive, send)
            return
        params = parse_qs(scope["query_string"].decode("latin-1"), keep_blank_values=True)
        if "query" not in params or not params.keys() <= self.PARAMS:
            await self.app(scope, receive, send)
            return
        arrived = time.monotonic()
        settings: Settings = scope["app"].state.settings
        state: GraphState = scope.get("state", {}).get(PINNED) or scope["app"].state.graph  # as api.deps.get_state
        accept = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"accept"), None)
        try:
            job = await asyncio.to_thread(prepare, params["query"][0], (params.get("format") or [None])[0], accept,
                                          state.graphs, settings.max_rows, params.get("default-graph-uri", []),
                                          params.get("named-graph-uri", []))
            response = _response(await state.pool.arun(job, arrived), settings)
        except KGError as ex:
            response = error_response(str(ex), ex.status)
        await response(scope, receive, send)
