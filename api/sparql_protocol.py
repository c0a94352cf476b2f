"""Reading a SPARQL 1.1 Protocol request: one reader for the fast GET path, the routed GET and POST.

What is ambiguous is refused rather than guessed at: a `query` or `update` given twice, both in one request, an
update sent with GET, a query in the URL of a POST, a body whose charset is not UTF-8 or whose bytes are not.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from kg.errors import KGError, QueryError

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"
UPDATE_BODY = "application/sparql-update"
FORMAT_PARAMS = ("format", "output", "results")  # `output` is Fuseki's name, `results` Virtuoso's
# rdflib's name for "the default graph" (DATASET_DEFAULT_GRAPH_ID), which its `sparqlquery` sends as
# default-graph-uri: it names no graph, so it asks for the endpoint's own default graph, the union.
RDFLIB_DEFAULT = "urn:x-rdflib:default"
DATASET_PARAMS = {"query": ("default-graph-uri", "named-graph-uri"),
                  "update": ("using-graph-uri", "using-named-graph-uri")}


class UnsupportedMediaTypeError(KGError):
    status = 415


@dataclass(frozen=True)
class Operation:
    """A query or an update as the request sends it, with its dataset and result format asked for."""

    kind: str  # "query" or "update"
    text: str
    fmt: str | None
    default_graphs: list[str]  # default-graph-uri, or an update's using-graph-uri
    named_graphs: list[str]  # named-graph-uri, or using-named-graph-uri


def read_params(raw: str) -> dict[str, list[str]]:
    """Parameters of a query string or form body, every value of a repeated name in order."""
    try:
        return parse_qs(raw, keep_blank_values=True, errors="strict")
    except UnicodeDecodeError as ex:
        raise QueryError(f"the parameters are not UTF-8 once percent-decoded: {ex.reason}") from ex


def single(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise QueryError(f"`{name}` is given {len(values)} times: send one")
    return values[0] if values else None


def result_format(params: dict[str, list[str]]) -> str | None:
    """The first of `format`, `output`, `results` given (their values may list several formats)."""
    values = [v for name in FORMAT_PARAMS for v in params.get(name, []) if v.strip()]
    return ",".join(values) if values else None


def _operation(kind: str, text: str, params: dict[str, list[str]], fallback: dict[str, list[str]]) -> Operation:
    names = DATASET_PARAMS[kind]
    default = [g for g in params.get(names[0]) or fallback.get(names[0], []) if g != RDFLIB_DEFAULT]
    named = params.get(names[1]) or fallback.get(names[1], [])
    return Operation(kind, text, result_format(params) or result_format(fallback), default, named)


def from_get(params: dict[str, list[str]]) -> Operation | None:
    """The query of a GET; None when there is none (service description, Graph Store)."""
    if "update" in params:
        raise QueryError("an update cannot be sent with GET: POST it as `update=` (a form) or as "
                         "application/sparql-update")
    query = single(params, "query")
    return None if query is None else _operation("query", query, params, {})


def media_and_charset(content_type: str) -> tuple[str, str | None]:
    media, *rest = content_type.split(";")
    charset = None
    for param in rest:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def _decode(body: bytes, charset: str | None) -> str:
    if charset not in (None, "utf-8", "utf8"):
        raise UnsupportedMediaTypeError(f"the body's charset is {charset!r}: SPARQL is sent as UTF-8")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as ex:
        raise QueryError(f"the body is not UTF-8 (byte {ex.start}): SPARQL is sent as UTF-8") from ex


def from_post(content_type: str, body: bytes, url_params: dict[str, list[str]]) -> Operation:
    """The query or update of a POST, by its content type (SPARQL 1.1 Protocol 2.1.2, 2.1.3, 2.2.1, 2.2.2)."""
    media, charset = media_and_charset(content_type)
    if media not in (FORM, QUERY_BODY, UPDATE_BODY):
        raise UnsupportedMediaTypeError(f"unsupported content type {media or '(none)'!r}: use {QUERY_BODY}, "
                                        f"{UPDATE_BODY} or a form ({FORM}) with query= or update=")
    for name in ("query", "update"):
        if name in url_params:
            raise QueryError(f"a POST carries its {name} in the body, not in the URL")
    text = _decode(body, charset)
    if media == QUERY_BODY:
        return _operation("query", text, url_params, {})
    if media == UPDATE_BODY:
        return _operation("update", text, url_params, {})
    form = read_params(text)
    query, update = single(form, "query"), single(form, "update")
    if query is not None and update is not None:
        raise QueryError("the form has both `query` and `update`: send one")
    if query is None and update is None:
        raise QueryError("the form needs a 'query' (or 'update') field")
    if update is not None:
        return _operation("update", update, form, url_params)
    return _operation("query", query or "", form, url_params)


@dataclass(frozen=True)
class GraphTarget:
    """The graph a Graph Store request names: `?graph=IRI`, or `?default` (None: the store's default graph)."""

    graph: str | None


def graph_target(params: dict[str, list[str]], required: bool = False) -> GraphTarget | None:
    """The Graph Store target of a request's URL; None when it names none (then it is a SPARQL request)."""
    graph = single(params, "graph")
    if graph is not None and "default" in params:
        raise QueryError("`graph` and `default` name two graphs: send one")
    if graph is None and "default" not in params:
        if required:
            raise QueryError("name the graph: `?graph=IRI`, or `?default` for the store's default graph")
        return None
    if graph is not None and not _absolute(graph):
        raise QueryError(f"graph {graph!r} is not an absolute IRI")
    return GraphTarget(graph)


def _absolute(iri: str) -> bool:
    import pyoxigraph as ox

    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True
