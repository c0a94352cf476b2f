"""The OpenAPI of /sparql that FastAPI cannot infer from the handlers: the three POST bodies, the result media
types and headers, and the errors. Kept apart from api/routers/sparql.py, whose handlers read the request
themselves (one parser for the fast GET path and the routed one)."""

from __future__ import annotations

from typing import Any

from api.errors import error_responses
from kg.sparql import GRAPH_FORMATS, SELECT_FORMATS

EXAMPLE_QUERY = "SELECT ?entity ?label WHERE { ?entity a kg:Product ; rdfs:label ?label } LIMIT 10"
FORMAT_NAMES = ("json|xml|csv|tsv|text (SELECT, ASK) or turtle|ntriples|jsonld|rdfxml|nquads|trig (CONSTRUCT, "
                "DESCRIBE), a media type, or a comma list of them; `xml` is RDF/XML and `n3` Turtle for CONSTRUCT; "
                "what names nothing this query can give leaves the choice to Accept")

_GRAPHS = {"type": "array", "items": {"type": "string"}}
_SELECT_JSON = {  # SPARQL 1.1 Query Results JSON, plus "truncated" when KG_MAX_ROWS cut it
    "type": "object", "required": ["head"],
    "properties": {"head": {"type": "object"}, "boolean": {"type": "boolean"}, "truncated": {"type": "boolean"},
                   "results": {"type": "object", "properties": {"bindings": {"type": "array"}}}},
}
_HEADERS = {
    "X-KG-Rows": {"description": "Rows (or triples) in the result", "schema": {"type": "integer"}},
    "X-KG-Truncated": {"description": "`true` when the result was cut at KG_MAX_ROWS", "schema": {"type": "string"}},
    "X-KG-Max-Rows": {"description": "The row limit, when the result was cut", "schema": {"type": "integer"}},
}


def _results(description: str) -> dict[str, Any]:
    content: dict[str, Any] = {media: {} for media in [*SELECT_FORMATS.values(), *GRAPH_FORMATS.values()]}
    content[SELECT_FORMATS["json"]] = {"schema": _SELECT_JSON}
    return {"description": description, "content": content, "headers": _HEADERS}


_ERRORS = {400: "Malformed SPARQL, or refused before evaluation (SERVICE, LOAD, nesting deeper than 200 or more "
                "than 50,000 tokens); `query` or `update` given twice; an update sent as a query or the other way "
                "round; an update with GET",
           403: "An update without the KG_UPDATE_TOKEN Bearer token",
           406: "No result format fits both the query and the `format` or Accept asked for",
           502: "With KG_STORE=sparql: the remote store failed on its side, or its answer could not be read",
           503: "The query ran past KG_QUERY_TIMEOUT (or the remote store's own time limit) and was stopped, the "
                "worker running it died twice, or the remote store cannot be reached"}

GET_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: _results("SELECT/ASK results or CONSTRUCT/DESCRIBE triples, by `format` or Accept; without a `query`, "
                  "the SPARQL service description (Turtle, or the RDF format Accept or `format` asks for), or with "
                  "`graph` / `default` the graph's triples (Graph Store Protocol)"),
    **error_responses({**_ERRORS, 404: "Graph Store GET of a named graph the store lacks"}),
}

POST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: _results("SELECT/ASK results or CONSTRUCT/DESCRIBE triples, by `format` or Accept"),
    204: {"description": "The update was applied, or the triples added to the graph (with the update token)"},
    **error_responses({**_ERRORS, 400: _ERRORS[400] + "; a form without `query` or `update`, or with both; a body "
                                          "that is not UTF-8; a query or update in the URL of a POST; an RDF body "
                                          "without `graph` or `default`, or one that does not parse (Graph Store)",
                        413: "A body over KG_MAX_BODY_BYTES",
                        415: "A content type other than the three, or a charset other than UTF-8"}),
}

_PARAMETERS = [
    {"name": "format", "in": "query", "schema": {"type": "string"}, "description": FORMAT_NAMES},
    {"name": "output", "in": "query", "schema": {"type": "string"}, "description": "The same as `format`"},
    {"name": "default-graph-uri", "in": "query", "schema": _GRAPHS,
     "description": "Graphs whose union is the default graph (a graph the store lacks is empty; nothing is fetched)"},
    {"name": "named-graph-uri", "in": "query", "schema": _GRAPHS, "description": "The named graphs the query may use"},
]
_USING = [
    {"name": "using-graph-uri", "in": "query", "schema": _GRAPHS,
     "description": "An update's default graph for its WHERE, as USING (not with USING or WITH in the update)"},
    {"name": "using-named-graph-uri", "in": "query", "schema": _GRAPHS,
     "description": "An update's named graphs for its WHERE, as USING NAMED"},
]

_FORM = {
    "type": "object",
    "properties": {
        "query": {"type": "string", "description": "A SPARQL query", "example": EXAMPLE_QUERY},
        "update": {"type": "string", "description": "A SPARQL update (needs the update token)"},
        "format": {"type": "string", "description": FORMAT_NAMES},
        "default-graph-uri": {**_GRAPHS, "description": _PARAMETERS[2]["description"]},
        "named-graph-uri": {**_GRAPHS, "description": _PARAMETERS[3]["description"]},
        "using-graph-uri": {**_GRAPHS, "description": _USING[0]["description"]},
        "using-named-graph-uri": {**_GRAPHS, "description": _USING[1]["description"]},
    },
    "anyOf": [{"required": ["query"]}, {"required": ["update"]}],
}

# The Graph Store HTTP Protocol on the same path: ?graph=IRI or ?default
_TARGET = [
    {"name": "graph", "in": "query", "schema": {"type": "string"},
     "description": "Graph Store Protocol: the graph to read or write (an absolute IRI)"},
    {"name": "default", "in": "query", "allowEmptyValue": True, "schema": {"type": "string"},
     "description": "Graph Store Protocol: the store's own default graph (triples sent without a graph name; the "
                    "union that queries read is not a graph of the store)"},
]
_RDF_BODY = {media: {"schema": {"type": "string"}} for media in
             ("text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json")}
_WRITE_ERRORS = {400: "The body does not parse, names graphs, or `graph` is no absolute IRI (or both `graph` and "
                      "`default`, or neither)",
                 403: "A write without the KG_UPDATE_TOKEN Bearer token", 404: "DELETE of a graph the store lacks",
                 413: "A body over KG_MAX_BODY_BYTES", 415: "A body in another media type or charset",
                 503: "The write ran past KG_QUERY_TIMEOUT and was stopped (nothing changed)"}

POST_EXTRA: dict[str, Any] = {
    "requestBody": {"required": True, "content": {
        "application/x-www-form-urlencoded": {"schema": _FORM},
        "application/sparql-query": {"schema": {"type": "string"}, "example": EXAMPLE_QUERY},
        "application/sparql-update": {"schema": {"type": "string"},
                                      "example": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
        **_RDF_BODY,  # with ?graph= or ?default: Graph Store POST, triples added to the graph
    }},
    "parameters": [*_PARAMETERS, *_USING, *_TARGET],  # for the two direct bodies; a form's own fields win
}
PUT_EXTRA: dict[str, Any] = {"requestBody": {"required": True, "content": _RDF_BODY}, "parameters": _TARGET,
                             "description": "Replace the graph with the triples of the body (update token only)."}
DELETE_EXTRA: dict[str, Any] = {"parameters": _TARGET, "description": "Remove the graph (update token only)."}
PUT_RESPONSES: dict[int | str, dict[str, Any]] = {
    204: {"description": "The graph now holds the body's triples"},
    **error_responses({k: v for k, v in _WRITE_ERRORS.items() if k != 404}),
}
DELETE_RESPONSES: dict[int | str, dict[str, Any]] = {
    204: {"description": "The graph was removed"},
    **error_responses({k: v for k, v in _WRITE_ERRORS.items() if k not in (413, 415)}),
}
# GET's parameters, written here rather than inferred from the handler: FastAPI would document each list as
# "array or null", and a null has no spelling in a URL.
GET_EXTRA: dict[str, Any] = {"parameters": [
    {"name": "query", "in": "query", "schema": {"type": "string"}, "example": EXAMPLE_QUERY,
     "description": "The SPARQL query; without it, the service description"},
    *_PARAMETERS,
    *_TARGET,
]}
