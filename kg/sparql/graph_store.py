"""The SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/) as guarded SPARQL.

A graph is read with a CONSTRUCT and written with one update (DROP + INSERT DATA for PUT, INSERT DATA for POST,
DROP for DELETE), so that the endpoint's guard, time limit, workers and journal apply unchanged, and a write
that fails changes nothing (pyoxigraph applies an update whole or not at all). `graph=None` is the store's own
default graph: what was sent without a graph name (the union that queries read is not a graph of the store).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from kg.errors import QueryError
from kg.sparql.guard import prepare
from kg.sparql.results import Job

# The RDF a request body may carry, by media type, as pyoxigraph's parser names them
BODY_FORMATS = {"text/turtle": "TURTLE", "application/x-turtle": "TURTLE", "application/n-triples": "N_TRIPLES",
                "text/plain": "N_TRIPLES", "application/rdf+xml": "RDF_XML", "application/ld+json": "JSON_LD",
                "text/n3": "N3"}
GRAPH_BODIES = frozenset(BODY_FORMATS) - {"text/plain"}  # bodies that can only be RDF (text/plain may be a query)


def read_job(graph: str | None, fmt: str | None, accept: str | None, max_rows: int) -> Job:
    """A CONSTRUCT of the graph's triples (the store's default graph for None)."""
    if graph is None:  # no dataset named and not the union: pyoxigraph reads the store's default graph
        return dataclasses.replace(prepare("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", fmt, accept, max_rows),
                                   dataset=True)
    return prepare("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", fmt, accept, max_rows, [graph], [],
                   operation="query")


def parse_body(body: bytes, media: str, base_iri: str | None) -> list[Any]:
    """The triples of a request body; QueryError (400) when it does not parse. Nothing is fetched: a remote
    JSON-LD @context is an error to pyoxigraph, never a request."""
    import pyoxigraph as ox

    try:
        quads = list(ox.parse(body, format=getattr(ox.RdfFormat, BODY_FORMATS[media]), base_iri=base_iri))
    except (SyntaxError, ValueError) as ex:
        raise QueryError(f"the body does not parse as {media}: {ex}") from ex
    if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in quads):
        raise QueryError("the body names graphs: the Graph Store Protocol sends one graph's triples")
    return [q.triple for q in quads]


def _target(graph: str | None) -> tuple[str, str]:
    """(how DROP names it, how INSERT DATA wraps triples into it)."""
    return ("DEFAULT", "{}") if graph is None else (f"GRAPH <{graph}>", f"GRAPH <{graph}> {{{{ {{}} }}}}")


def write_update(method: str, graph: str | None, triples: list[Any]) -> str:
    """The update a PUT, POST or DELETE of the graph is (graph IRIs were checked to be absolute IRIs)."""
    import pyoxigraph as ox

    drop, wrap = _target(graph)
    data = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode()
    insert = f"INSERT DATA {{ {wrap.format(data)} }}" if triples else ""
    if method == "DELETE":
        return f"DROP {drop}"
    if method == "PUT":
        return f"DROP SILENT {drop} ;\n{insert}" if insert else f"DROP SILENT {drop}"
    return insert or "INSERT DATA { }"  # POST of no triples: nothing to add


def update_job(method: str, graph: str | None, triples: list[Any], max_rows: int) -> Job:
    """The write as a guarded update job, like any update sent with the token."""
    return prepare(write_update(method, graph, triples), None, None, max_rows, operation="update", allow_update=True)
