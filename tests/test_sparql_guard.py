"""The SPARQL guard and content negotiation, without a server."""

from __future__ import annotations

import pytest

from kg.sparql import NotAcceptableError, RefusedError, UpdateForbiddenError, check_query, classify, negotiate, prepare

GRAPHS = {"https://w3id.org/heroku-kg/graph/asserted"}


@pytest.mark.parametrize(("query", "kind"), [
    ("SELECT * WHERE { ?s ?p ?o }", "select"),
    ("PREFIX x: <urn:x#> ASK { ?s x:p 'SELECT' }", "ask"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "construct"),
    ("DESCRIBE <urn:x>", "describe"),
    ("PREFIX x: <urn:x#>\nINSERT DATA { <urn:a> x:b 'c' }", "update"),
    ("# a comment with SELECT\nDELETE WHERE { ?s ?p ?o }", "update"),
])
def test_classify(query: str, kind: str) -> None:
    assert classify(query) == kind


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }",
    "select * where { service <x:y> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD <http://example.org/data.ttl>",
])
def test_network_is_refused(query: str) -> None:
    with pytest.raises(RefusedError):
        check_query(query, GRAPHS)


def test_keywords_inside_strings_do_not_count() -> None:
    assert check_query('SELECT * WHERE { ?s ?p "SERVICE <x> FROM <y>" }', GRAPHS) == "select"
    assert check_query("SELECT * FROM <https://w3id.org/heroku-kg/graph/asserted> WHERE { ?s ?p ?o }",
                       GRAPHS) == "select"


def test_updates_need_permission() -> None:
    with pytest.raises(UpdateForbiddenError):
        prepare("INSERT DATA { <urn:a> <urn:b> <urn:c> }", None, None, GRAPHS, 10)
    job = prepare("INSERT DATA { <urn:a> <urn:b> <urn:c> }", None, None, GRAPHS, 10, allow_update=True)
    assert job.update


@pytest.mark.parametrize(("kind", "accept", "fmt", "expected"), [
    ("select", None, None, "json"),
    ("select", "text/csv;q=0.5, application/sparql-results+xml", None, "xml"),
    ("select", "*/*", None, "json"),
    ("ask", None, "tsv", "tsv"),
    ("construct", None, None, "turtle"),
    ("construct", "application/ld+json", None, "jsonld"),
    ("describe", None, "nt", "ntriples"),
    ("construct", "application/json", None, "jsonld"),
])
def test_negotiate(kind: str, accept: str | None, fmt: str | None, expected: str) -> None:
    assert negotiate(kind, accept, fmt) == expected


def test_negotiate_refuses_what_it_cannot_make() -> None:
    with pytest.raises(NotAcceptableError):
        negotiate("select", "image/png", None)
    with pytest.raises(NotAcceptableError):
        negotiate("construct", None, "csv")


def test_hash_inside_an_iri_hides_nothing() -> None:
    with pytest.raises(RefusedError):
        check_query("SELECT * WHERE { ?s <urn:x#p> ?o . SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }", GRAPHS)
