"""The SPARQL guard and content negotiation, without a server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.query import run_query
from kg.sparql import (
    MAX_DEPTH,
    MAX_TOKENS,
    PREFIXES,
    NotAcceptableError,
    RefusedError,
    UpdateForbiddenError,
    check_query,
    classify,
    evaluate,
    inspect,
    negotiate,
    prepare,
)
from tests.sparql_vectors import LEGITIMATE, Listener, Vector, load_vectors, service_vectors


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
    "LOAD <http://example.org/data.ttl>",
])
def test_network_is_refused(query: str) -> None:
    with pytest.raises(RefusedError):
        check_query(query)


def test_keywords_inside_strings_do_not_count() -> None:
    assert check_query('SELECT * WHERE { ?s ?p "SERVICE <x> FROM <y>" }') == "select"
    assert check_query("SELECT * FROM <https://w3id.org/heroku-kg/graph/asserted> WHERE { ?s ?p ?o }") == "select"


def test_updates_need_permission() -> None:
    with pytest.raises(UpdateForbiddenError):
        prepare("INSERT DATA { <urn:a> <urn:b> <urn:c> }", None, None, 10)
    job = prepare("INSERT DATA { <urn:a> <urn:b> <urn:c> }", None, None, 10, allow_update=True)
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
        check_query("SELECT * WHERE { ?s <urn:x#p> ?o . SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }")


# ------------------------------------------------------------------ disguises of SERVICE and LOAD, in process


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    with Listener() as lis:
        yield lis


def bait_store() -> ox.Store:
    """Data on which every disguise is evaluated as far as its SERVICE (a join with no rows skips it)."""
    store = ox.Store()
    objects = [ox.Literal(True), ox.Literal(1), ox.NamedNode("http://h:80"), ox.NamedNode("http://h/#"),
               ox.NamedNode("urn:ex:a.b"), ox.NamedNode("urn:c"), ox.Literal("#"), ox.Literal('a"b#'),
               ox.Literal("a'b#")]
    for o in objects:
        store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), o))
    return store


def run_unguarded(text: str, update: bool) -> None:
    store = bait_store()
    try:
        if update:
            store.update(text)
        else:
            res = store.query(text)
            if not isinstance(res, ox.QueryBoolean):
                list(res)
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass


def vectors(url: str) -> list[Vector]:
    return service_vectors(url) + load_vectors(url)


def test_the_disguises_reach_the_network_when_nothing_guards_them(listener: Listener) -> None:
    """So that the refusals below test something: pyoxigraph opens a connection for each."""
    for v in vectors(listener.url):
        if v.reaches:
            before = listener.hits
            run_unguarded(v.text, v.update)
            assert listener.hits > before, v.name


@pytest.mark.parametrize("vector", vectors("http://127.0.0.1:9/"), ids=lambda v: v.name)
def test_every_disguise_is_refused(vector: Vector) -> None:
    with pytest.raises(QueryError):
        prepare(vector.text, None, None, 10, allow_update=True)


@pytest.mark.parametrize(("query", "kind"), LEGITIMATE)
def test_lookalikes_pass_and_parse(query: str, kind: str) -> None:
    job = prepare(query, None, None, 10)
    assert job.kind == kind
    bait_store().query(job.query, prefixes=PREFIXES)  # pyoxigraph parses what the guard sends


def test_a_prefixed_name_holding_a_keyword_is_sent_as_its_iri() -> None:
    checked = inspect("SELECT ?s WHERE { ?s rel:load ?o . ?o rel:serviceOf ?x }")
    assert checked.query == ("SELECT ?s WHERE { ?s <https://w3id.org/heroku-kg/relation/load> ?o . "
                             "?o <https://w3id.org/heroku-kg/relation/serviceOf> ?x }")
    with pytest.raises(RefusedError):  # the prefix is unknown: pyoxigraph could read SERVICE
        inspect("SELECT * WHERE { ?s nope:SERVICE ?o }")
    with pytest.raises(RefusedError):  # relative IRIs: resolved against a BASE the guard does not follow
        inspect("BASE <http://h/> PREFIX p: <x/> SELECT * WHERE { ?s p:load ?o }")


@pytest.mark.parametrize(("query", "kind"), [
    ("  \n# c\nselect * {}", "select"), ("PREFIX a: <urn:a> ASK {}", "ask"), ("CONSTRUCTWHERE{}", "construct"),
    ("BASE <urn:x> DESCRIBE <y>", "describe"), ("INSERTDATA{<urn:a><urn:b><urn:c>}", "update"),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "update"), ("CLEAR ALL", "update"),
])
def test_kinds_as_pyoxigraph_reads_keywords(query: str, kind: str) -> None:
    assert inspect(query).kind == kind


@pytest.mark.parametrize(("query", "limit"), [
    ("SELECT * { ?s ?p ?o } LIMIT 5", 5), ("SELECT * { ?s ?p ?o } limit 5 offset 10", 5),
    ("SELECT * { ?s ?p ?o } OFFSET 10 LIMIT 7", 7), ("SELECT * { { SELECT * { ?s ?p ?o } LIMIT 5 } }", None),
    ("SELECT * { ?s ?p ?o } LIMIT 5 VALUES ?s { <urn:a> }", None), ("SELECT * { ?s ?p ?o }", None),
    ("SELECT * { ?s ?p ?o } LIMIT 5 # the end", 5),
])
def test_final_limit(query: str, limit: int | None) -> None:
    assert inspect(query).limit == limit


def test_deep_nesting_is_refused_before_evaluation() -> None:
    ok = "SELECT * WHERE " + "{" * MAX_DEPTH + " ?s ?p ?o " + "}" * MAX_DEPTH
    assert inspect(ok).kind == "select"
    for deep in ("SELECT * WHERE " + "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1),
                 "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
                 "SELECT * WHERE { FILTER(" + "!" * 5000 + "true) }",
                 "SELECT * WHERE { ?s ?p " + "[ <urn:p> " * 5000 + "1" + " ]" * 5000 + " }"):
        with pytest.raises(QueryError, match="nests deeper"):
            inspect(deep)


def test_long_queries_are_refused() -> None:
    with pytest.raises(QueryError, match="longer than"):
        inspect("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * MAX_TOKENS) + " }")


@pytest.mark.parametrize(("query", "dataset"), [
    ("SELECT * { ?s ?p ?o }", False),
    ("SELECT * FROM <urn:g> { ?s ?p ?o }", True),
    ("SELECT * FROMNAMED <urn:g> { }", True),  # pyoxigraph reads it as FROM NAMED
    ("select * from named kg:x { }", True),
    ("SELECT * { ?s ?p 'FROM <urn:g>' }", False),
    ("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
    ("DELETE { ?s ?p ?o } USING <urn:g> WHERE { ?s ?p ?o }", True),
    ("INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }", False),
])
def test_the_guard_sees_whether_the_text_names_its_dataset(query: str, dataset: bool) -> None:
    assert inspect(query).dataset is dataset


def test_graphs_the_store_lacks_are_empty_and_never_fetched(listener: Listener) -> None:
    """FROM, FROM NAMED and the protocol's graphs name graphs of the store; pyoxigraph fetches none of them."""
    store, before = bait_store(), listener.hits
    queries = [(f"ASK FROM <{listener.url}data.ttl> {{ ?s ?p ?o }}", [], []),
               (f"ASK FROM NAMED <{listener.url}g> {{ GRAPH ?g {{ ?s ?p ?o }} }}", [], []),
               ("ASK { ?s ?p ?o }", [f"{listener.url}d"], []),
               ("ASK { GRAPH ?g { ?s ?p ?o } }", [], [f"{listener.url}n"])]
    for text, default, named in queries:
        job = prepare(text, None, None, 10, default, named, operation="query")
        assert evaluate(store, job).body == b'{"head": {}, "boolean": false}', text
    assert listener.hits == before


def test_the_wheres_of_an_update_are_found_where_a_dataset_can_be_written_in() -> None:
    text = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o } ; DELETE WHERE { ?s ?p ?o } ; "
            "INSERT { ?s rel:load ?o } WHERE { { SELECT * WHERE { ?s ?p ?o } } }")
    checked = inspect(text)
    assert [checked.query[at:at + 5] for at in checked.wheres] == ["WHERE", "WHERE"]
    assert len(checked.wheres) == 2  # not DELETE WHERE, not the subquery's


def test_a_protocol_dataset_and_the_updates_own_are_not_both_taken() -> None:
    with pytest.raises(QueryError, match="USING or WITH"):
        prepare("WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", None, None, 10, ["urn:x"],
                operation="update", allow_update=True)


def test_a_query_sent_as_an_update_and_the_other_way_round_are_refused() -> None:
    with pytest.raises(QueryError, match="sent as a query"):
        prepare("INSERT DATA { <urn:a> <urn:b> 1 }", None, None, 10, operation="query", allow_update=True)
    with pytest.raises(QueryError, match="sent as an update"):
        prepare("SELECT * { }", None, None, 10, operation="update", allow_update=True)
    with pytest.raises(QueryError, match="not an absolute IRI"):
        prepare("ASK { }", None, None, 10, ["not an iri"], operation="query")


def test_pyoxigraph_never_fetches_a_json_ld_context(listener: Listener) -> None:
    """The other way a document could reach the network: a remote @context (LOAD is refused)."""
    doc = f'{{"@context": "{listener.url}context.jsonld", "@id": "urn:x", "name": "y"}}'.encode()
    before = listener.hits
    with pytest.raises(SyntaxError):
        list(ox.parse(doc, format=ox.RdfFormat.JSON_LD))
    assert listener.hits == before


FRAGMENTS = ["SERVICE", "service", "SILENT", "LOAD", "true", "1", "a", "p:", ":", "ex:", "SERVICE:", "<", "<=",
             " ", "\n", "#", ".", ";", "{", "}", "(", ")", "FILTER(1 <", "\\#", '"', "'", '"""', "?x", "?s ?p ?o",
             "BIND(", " AS ?b)", "OPTIONAL", "UNION", "a.b.", "x", "<urn:c>", "$u", "%41"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*FRAGMENTS, "<URL>"]), max_size=14))
def test_what_the_guard_lets_through_never_connects(listener: Listener, parts: list[str]) -> None:
    """Differential: any text the guard accepts, evaluated by pyoxigraph itself, opens no connection."""
    body = "".join(parts).replace("<URL>", f"<{listener.url}>")
    text = (f"PREFIX p: <http://h:80> PREFIX : <{listener.url}> PREFIX ex: <http://h/#> "
            f"SELECT * WHERE {{ ?s ?p ?o {body} }}")
    try:
        job = prepare(text, None, None, 10)
    except QueryError:
        return
    before = listener.hits
    run_unguarded(job.query, update=False)
    assert listener.hits == before, text


def test_kg_query_shares_the_guard(built: Path) -> None:
    with pytest.raises(RefusedError):
        run_query(built, "SELECT * WHERE { FILTER(1 < 2) SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } }")
    with pytest.raises(QueryError, match="nests deeper"):
        run_query(built, "ASK " + "{" * 5000 + "}" * 5000)
    assert run_query(built, "SELECT ?s WHERE { ?s rel:load|rdf:type ?o } LIMIT 1").rows


def test_the_readme_and_the_openapi_give_the_limits() -> None:
    from api.routers.sparql import DESCRIPTION

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for text in (readme, DESCRIPTION):
        assert f"deeper than {MAX_DEPTH} brackets" in text.replace("\n", " ")
        assert f"over {MAX_TOKENS:,} tokens" in text.replace("\n", " ")
