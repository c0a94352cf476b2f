"""`kg serve` on a remote SPARQL store (KG_STORE=sparql): a real Oxigraph server process, real `kg serve`
processes. The endpoint's query tests run against the embedded and the remote store alike."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.remote import push_build
from kg.store import build_path, read_summary
from tests.api import test_sparql as sparql_tests
from tests.api import test_sparql_protocol as protocol_tests
from tests.api.conftest import Server, start_server, stop_server
from tests.remote_servers import StoreServer, oxigraph_server

HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="session")
def store(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreServer]:
    """One Oxigraph server for the session, serving the test notes' build; its own time limit just over
    KG_QUERY_TIMEOUT, so that a query we gave up on does not keep a core busy for the tests after it."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph"), timeout_s=3) as s:
        push_build(s.remote(), build_path(built))
        yield s


@pytest.fixture(scope="session")
def remote_server(store: StoreServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`kg serve` on the remote store, with the settings of the embedded `server` fixture."""
    folder = tmp_path_factory.mktemp("remote-serve")
    s = start_server(folder, KG_QUERY_TIMEOUT="2", KG_MAX_ROWS="50", **store.env(folder))
    yield s
    stop_server(s)


@pytest.fixture(params=["embedded", "remote"])
def either(request: pytest.FixtureRequest) -> Server:
    server: Server = request.getfixturevalue("server" if request.param == "embedded" else "remote_server")
    return server


# the endpoint's own tests, unchanged, each run on both stores
SAME_TESTS: list[tuple[Callable[..., None], dict[str, Any]]] = [
    (sparql_tests.test_get_post_form_and_body, {}),
    *[(sparql_tests.test_select_formats, {"accept": a, "media": a, "marker": m})
      for a, m in [("application/sparql-results+xml", "<sparql"), ("text/csv", "l\r\n"),
                   ("text/tab-separated-values", "?l\n")]],
    *[(sparql_tests.test_construct_formats_parse, {"fmt": f, "rdflib_format": r})
      for f, r in [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")]],
    (sparql_tests.test_errors_have_one_shape, {}),
    (sparql_tests.test_service_description_and_health, {}),
    (sparql_tests.test_sparqlwrapper_formats, {}),
    (sparql_tests.test_rdflib_sparqlstore, {}),
    (sparql_tests.test_row_cap_says_so, {}),
    (sparql_tests.test_service_never_connects, {}),
    (sparql_tests.test_update_refused_without_token, {}),
    (sparql_tests.test_fast_get_and_the_routed_post_answer_alike, {}),
    (protocol_tests.test_from_names_the_default_graph, {}),
    (protocol_tests.test_a_dataset_of_named_graphs_only_has_an_empty_default_graph, {}),
    (protocol_tests.test_the_protocol_dataset_wins_over_from, {}),
    (protocol_tests.test_relative_iris_resolve_against_the_endpoint, {}),
    (protocol_tests.test_rdflib_sparqlquery, {}),
    (protocol_tests.test_graph_store_get_for_everyone, {}),
]


@pytest.mark.parametrize(("test", "kwargs"), SAME_TESTS,
                         ids=[f"{t.__name__}-{'-'.join(map(str, k.values()))}" for t, k in SAME_TESTS])
def test_the_endpoint_tests_pass_on_both_stores(either: Server, test: Callable[..., None],
                                                 kwargs: dict[str, Any]) -> None:
    test(either, **kwargs)


@pytest.mark.parametrize("path", ["/entities?search=Nimbus", "/entities/Nimbus%20Queue", "/classes",
                                  "/ask?q=How+many+connections+does+Nimbus+Queue+allow%3F", "/check/examples"])
def test_the_graph_read_from_the_store_answers_as_the_build(server: Server, remote_server: Server, path: str) -> None:
    embedded, remote = httpx.get(server.url + path, timeout=30), httpx.get(remote_server.url + path, timeout=30)
    assert remote.status_code == embedded.status_code
    assert remote.json() == embedded.json()


def test_the_store_s_time_limit_is_our_error(remote_server: Server) -> None:
    t0 = time.monotonic()
    r = httpx.get(remote_server.url + "/sparql", params={"query": HEAVY}, timeout=30)
    assert r.status_code == 503
    assert r.json() == {"ok": False, "status": 503, "error": r.json()["error"]}
    assert "time" in r.json()["error"]
    assert time.monotonic() - t0 < 6  # KG_QUERY_TIMEOUT=2, enforced on our side
    assert httpx.get(remote_server.url + "/sparql", params={"query": sparql_tests.QUEUE}).status_code == 200


def test_an_unreachable_store_is_503_in_our_shape_and_one_line_in_the_cli(built: Path, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "oxigraph") as store:
        push_build(store.remote(), build_path(built))
        s = start_server(tmp_path / "serve", **store.env(tmp_path / "serve"))
        try:
            store.proc.terminate()
            store.proc.wait(10)
            r = httpx.get(s.url + "/sparql", params={"query": sparql_tests.QUEUE}, timeout=10)
            assert r.status_code == 503
            assert r.json()["ok"] is False
            assert "cannot be reached" in r.json()["error"]
            assert httpx.get(s.url + "/entities?search=Nimbus").status_code == 200  # its copy of the graph
        finally:
            stop_server(s)
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "kg", "serve", "--get", "/health"], capture_output=True, text=True,
                          env={**__import__("os").environ, **store.env(tmp_path / "serve2")}, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "cannot be reached" in done.stderr


def test_two_replicas_answer_alike_and_both_see_a_push(built: Path, shipped_build: Path, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "oxigraph") as store:
        push_build(store.remote(), build_path(built))
        replicas = [start_server(tmp_path / f"r{i}", KG_RELOAD_INTERVAL="0.2", **store.env(tmp_path / f"r{i}"))
                    for i in (1, 2)]
        try:
            query = {"query": "SELECT ?l WHERE { ?e skos:prefLabel ?l } ORDER BY ?l LIMIT 20"}
            first = [httpx.get(r.url + "/sparql", params=query).json() for r in replicas]
            assert first[0] == first[1]
            assert first[0]["results"]["bindings"]
            new_id = read_summary(build_path(shipped_build))["build_id"]
            push_build(store.remote(), build_path(shipped_build))
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                ids = [httpx.get(r.url + "/health").json()["build_id"] for r in replicas]
                if ids == [new_id, new_id]:
                    break
                time.sleep(0.2)
            assert ids == [new_id, new_id]
            after = [httpx.get(r.url + "/sparql", params=query).json() for r in replicas]
            assert after[0] == after[1] != first[0]
            ask = [httpx.get(r.url + "/ask", params={"q": "How many rows can a dataclip return?"}).json()
                   for r in replicas]
            assert ask[0] == ask[1]
            assert ask[0]["answers"][0]["value"] == 100000  # the shipped notes, not the test notes
        finally:
            for r in replicas:
                stop_server(r)


def test_an_update_with_the_token_reaches_the_store(built: Path, tmp_path: Path) -> None:
    with oxigraph_server(tmp_path / "oxigraph") as store:
        push_build(store.remote(), build_path(built))
        s = start_server(tmp_path / "serve", KG_UPDATE_TOKEN="s3cret", **store.env(tmp_path / "serve"))
        try:
            insert = "INSERT DATA { GRAPH kg:graph-x { <urn:x:a> rdfs:label \"added\" } }".replace(
                "kg:graph-x", "<https://w3id.org/heroku-kg/graph/asserted>")
            refused = httpx.post(s.url + "/sparql", data={"update": insert})
            assert refused.status_code == 403
            done = httpx.post(s.url + "/sparql", data={"update": insert}, headers={"authorization": "Bearer s3cret"})
            assert done.status_code == 204, done.text
            r = httpx.get(s.url + "/sparql", params={"query": 'ASK { <urn:x:a> rdfs:label "added" }'})
            assert r.json()["boolean"] is True
        finally:
            stop_server(s)
