"""An update's dataset (kg.sparql.update) on a real pyoxigraph store: the union by default, the protocol's
using-graph-uri / using-named-graph-uri, the base IRI and the built-in prefixes."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.sparql import prepare
from kg.sparql.results import apply_update
from kg.sparql.update import SCRATCH

OUT = ox.NamedNode("urn:out")


def store_of() -> ox.Store:
    store = ox.Store()
    store.update("INSERT DATA { <urn:d> <urn:p> 1 . GRAPH <urn:g1> { <urn:a> <urn:p> 1 } "
                 "GRAPH <urn:g2> { <urn:b> <urn:p> 1 } }")
    return store


def seen(store: ox.Store) -> set[str]:
    return {q.subject.value for q in store.quads_for_pattern(None, None, None, OUT)}


def run(store: ox.Store, text: str, using: list[str] | None = None, named: list[str] | None = None,
        base: str | None = None) -> None:
    apply_update(store, prepare(text, None, None, 10, using, named, operation="update", allow_update=True,
                                base_iri=base))


MARK = "INSERT { GRAPH <urn:out> { ?s <urn:seen> 1 } } WHERE { ?s ?p ?o }"


def test_the_where_of_an_update_reads_the_union_as_queries_do() -> None:
    store = store_of()
    before = set(store)
    delta = apply_update(store, prepare(MARK, None, None, 10, operation="update", allow_update=True))
    assert seen(store) == {"urn:a", "urn:b", "urn:d"}
    assert ox.NamedNode(SCRATCH) not in set(store.named_graphs())
    assert all(q.graph_name == OUT for q in delta.added)
    assert not delta.removed
    assert set(store) - before == set(delta.added)


def test_named_graphs_stay_named_in_the_union() -> None:
    store = store_of()
    run(store, "INSERT { GRAPH <urn:out> { ?g <urn:seen> 1 } } WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert seen(store) == {"urn:g1", "urn:g2"}


@pytest.mark.parametrize(("using", "named", "expected"), [
    (["urn:g1"], [], {"urn:a"}),
    (["urn:g1", "urn:g2"], [], {"urn:a", "urn:b"}),
    ([], ["urn:g1"], set()),  # USING NAMED alone: the default graph is empty
    (["urn:missing"], [], set()),  # a graph the store lacks is empty
])
def test_using_graph_uri_is_the_updates_dataset(using: list[str], named: list[str], expected: set[str]) -> None:
    store = store_of()
    run(store, MARK, using, named)
    assert seen(store) == expected


def test_the_updates_own_with_is_kept() -> None:
    store = store_of()
    run(store, "WITH <urn:g2> INSERT { GRAPH <urn:out> { ?s <urn:seen> 1 } } WHERE { ?s ?p ?o }")
    assert seen(store) == {"urn:b"}


def test_a_failing_update_leaves_the_store_as_it_was() -> None:
    store = store_of()
    before = set(store)
    with pytest.raises(QueryError):
        run(store, f"{MARK} ; DROP GRAPH <urn:missing>")  # the union was copied to SCRATCH for the first part
    assert set(store) == before


def test_relative_iris_resolve_against_the_endpoint_and_prefixes_are_built_in() -> None:
    store = ox.Store()
    run(store, "INSERT DATA { GRAPH <urn:out> { kg:s <p> <test> } }", base="https://kg.example/sparql")
    (quad,) = list(store)
    assert quad.subject.value == "https://w3id.org/heroku-kg/ontology#s"
    assert quad.object == ox.NamedNode("https://kg.example/test")
