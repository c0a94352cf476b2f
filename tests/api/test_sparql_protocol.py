"""SPARQL 1.1 as the standard says, against a running `kg serve`: the W3C protocol manifest, datasets, the update
protocol, refusals of what is ambiguous, and real clients (SPARQLWrapper, rdflib's SPARQLStore,
SPARQLUpdateStore and `sparqlquery`)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef

from tests.api.conftest import Server, start_server, stop_server

TOKEN = "protocol-token"  # noqa: S105 (a test token)
AUTH = {"authorization": f"Bearer {TOKEN}"}
ONTOLOGY = "https://w3id.org/heroku-kg/graph/ontology"
ASSERTED = "https://w3id.org/heroku-kg/graph/asserted"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
W3C = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "w3c-protocol"


@pytest.fixture(scope="module")
def token_server(built: Path) -> Iterator[Server]:
    """A server that takes updates: the W3C tests and the update tests change its (in-memory) graphs."""
    s = start_server(built, KG_UPDATE_TOKEN=TOKEN, KG_QUERY_TIMEOUT="5", KG_RELOAD_INTERVAL="0")
    yield s
    stop_server(s)


def count(server: Server, query: str = COUNT, **params: str | list[str]) -> int:
    r = httpx.get(server.url + "/sparql", params={"query": query, **params})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def update(server: Server, text: str, **params: str | list[str]) -> httpx.Response:
    return httpx.post(server.url + "/sparql", params=params, content=text.encode(),
                      headers={**AUTH, "content-type": "application/sparql-update"})


# ------------------------------------------------------------------ the W3C manifest


def test_the_w3c_protocol_manifest_passes(built: Path, tmp_path: Path) -> None:
    """All 34 tests of the W3C SPARQL 1.1 Protocol manifest (rdf-tests sparql11/protocol), each request sent as
    the manifest writes it by the runner beside it (Oxigraph's own server passes 31). Its own server: the tests
    run DROP ALL and CLEAR ALL."""
    if not (W3C / "w3c_protocol.py").is_file():
        pytest.skip(f"the W3C protocol manifest and runner are not at {W3C}")
    server = start_server(built, KG_UPDATE_TOKEN=TOKEN, KG_RELOAD_INTERVAL="0")
    out = tmp_path / "w3c.json"
    try:
        done = subprocess.run([sys.executable, str(W3C / "w3c_protocol.py"), "127.0.0.1",
                               server.url.rsplit(":", 1)[1], "/sparql", "--token", TOKEN, "--json", str(out)],
                              capture_output=True, text=True, timeout=300)
    finally:
        stop_server(server)
    results = json.loads(out.read_text())
    failed = [r["test"] for r in results if r["status"] != "pass"]
    assert len(results) == 34
    assert failed == [], done.stdout


# ------------------------------------------------------------------ datasets


def test_from_names_the_default_graph(server: Server) -> None:
    union, ontology = count(server), count(server, f"SELECT (COUNT(*) AS ?n) FROM <{ONTOLOGY}> WHERE {{ ?s ?p ?o }}")
    assert 0 < ontology < union
    assert count(server, default_graph_uri=ONTOLOGY) == union  # a parameter with '_' is not the protocol's
    assert count(server, **{"default-graph-uri": ONTOLOGY}) == ontology
    both = count(server, **{"default-graph-uri": [ONTOLOGY, ASSERTED]})
    assert ontology < both <= union


def test_a_dataset_of_named_graphs_only_has_an_empty_default_graph(server: Server) -> None:
    assert count(server, f"SELECT (COUNT(*) AS ?n) FROM NAMED <{ONTOLOGY}> WHERE {{ ?s ?p ?o }}") == 0
    assert count(server, **{"named-graph-uri": ONTOLOGY}) == 0
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert count(server, named, **{"named-graph-uri": ONTOLOGY}) == count(server, f"{named[:-1]} FILTER(?g = <{ONTOLOGY}>) }}")


def test_the_protocol_dataset_wins_over_from(server: Server) -> None:
    query = f"SELECT (COUNT(*) AS ?n) FROM <{ONTOLOGY}> WHERE {{ ?s ?p ?o }}"
    assert count(server, query, **{"default-graph-uri": "urn:x-kg:absent"}) == 0


def test_relative_iris_resolve_against_the_endpoint(server: Server) -> None:
    r = httpx.get(server.url + "/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}", "format": "nt"})
    assert r.status_code == 200
    assert r.text.startswith(f"<{server.url}/s> <{server.url}/p> ")
    behind_proxy = httpx.get(server.url + "/sparql", params={"query": "SELECT (<x> AS ?x) {}"},
                             headers={"x-forwarded-proto": "https", "host": "kg.example"}).json()
    assert behind_proxy["results"]["bindings"][0]["x"]["value"] == "https://kg.example/x"


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(("how", "message"), [
    ({"method": "GET", "params": [("query", "ASK {}"), ("query", "SELECT * {}")]}, "given 2 times"),
    ({"method": "GET", "params": {"update": "CLEAR ALL"}}, "cannot be sent with GET"),
    ({"method": "POST", "data": {"query": "ASK {}", "update": "CLEAR ALL"}}, "both"),
    ({"method": "POST", "content": "update=CLEAR+NAMED&update=CLEAR+DEFAULT",
      "headers": {"content-type": "application/x-www-form-urlencoded"}}, "given 2 times"),
    ({"method": "POST", "params": {"query": "ASK {}"}, "data": {"query": "ASK {}"}}, "in the body"),
    ({"method": "POST", "content": b"ASK { ?s ?p '\xff' }", "headers": {"content-type": "application/sparql-query"}},
     "not UTF-8"),
    ({"method": "GET", "params": {"query": "INSERT DATA { <urn:a> <urn:b> 1 }"}}, "sent as a query"),
])
def test_what_is_ambiguous_is_refused(server: Server, how: dict[str, object], message: str) -> None:
    r = httpx.request(url=server.url + "/sparql", **how)  # type: ignore[arg-type]
    assert r.status_code == 400, r.text
    assert message in r.json()["error"]


def test_a_query_sent_as_an_update_is_refused_saying_so(token_server: Server) -> None:
    r = update(token_server, "SELECT * WHERE { ?s ?p ?o }")
    assert r.status_code == 400
    assert "sent as an update" in r.json()["error"]
    r = httpx.post(token_server.url + "/sparql", data={"query": "CLEAR ALL"}, headers=AUTH)
    assert r.status_code == 400
    assert "sent as a query" in r.json()["error"]


@pytest.mark.parametrize("content_type", ["application/sparql-query; charset=UTF-16", "text/plain",
                                          "application/sparql-query; charset=latin-1"])
def test_other_media_types_and_charsets_are_415(server: Server, content_type: str) -> None:
    r = httpx.post(server.url + "/sparql", content="ASK {}".encode("utf-16" if "16" in content_type else "utf-8"),
                   headers={"content-type": content_type})
    assert r.status_code == 415
    assert r.json()["status"] == 415


# ------------------------------------------------------------------ the update protocol


def test_using_graph_uri_and_the_union_in_an_updates_where(token_server: Server) -> None:
    mark = "INSERT { GRAPH <urn:test:out> { ?c <urn:test:seen> 1 } } WHERE { ?c a owl:Class }"
    assert update(token_server, mark, **{"using-graph-uri": "urn:x-kg:absent"}).status_code == 204
    seen = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:test:out> { ?s ?p ?o } }"
    assert count(token_server, seen) == 0
    assert update(token_server, mark).status_code == 204  # the union, as queries see it
    classes = count(token_server, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a owl:Class }")
    assert count(token_server, seen) == classes > 0
    conflict = update(token_server, f"WITH <{ONTOLOGY}> {mark.replace('<urn:test:out>', '<urn:test:x>')}",
                      **{"using-graph-uri": ONTOLOGY})
    assert conflict.status_code == 400
    assert "USING or WITH" in conflict.json()["error"]
    assert update(token_server, "DROP SILENT GRAPH <urn:test:out>").status_code == 204


def test_prefixes_and_the_base_iri_apply_to_updates(token_server: Server) -> None:
    assert update(token_server, "INSERT DATA { GRAPH <urn:test:b> { kg:probe rdfs:label <rel> } }").status_code == 204
    rows = httpx.get(token_server.url + "/sparql",
                     params={"query": "SELECT ?o WHERE { GRAPH <urn:test:b> { kg:probe rdfs:label ?o } }"}).json()
    assert rows["results"]["bindings"][0]["o"]["value"] == f"{token_server.url}/rel"
    assert update(token_server, "DROP GRAPH <urn:test:b>").status_code == 204


# ------------------------------------------------------------------ real clients


QUEUE = 'SELECT ?e WHERE { ?e skos:prefLabel "Nimbus Queue" }'
CONSTRUCT = 'CONSTRUCT { ?e ?p ?o } WHERE { ?e skos:prefLabel "Nimbus Queue" ; ?p ?o }'


@pytest.mark.parametrize("fmt", ["turtle", "json-ld", "xml", "n3"])
def test_sparqlwrapper_construct_formats(server: Server, fmt: str) -> None:
    from SPARQLWrapper import SPARQLWrapper

    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(fmt)
    res = sw.query().convert()
    g = res if isinstance(res, Graph) else Graph().parse(data=res, format={"json-ld": "json-ld"}.get(fmt, "turtle"))
    assert len(g) > 3


def test_rdflib_sparqlstore_on_a_named_graph(server: Server) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server.url + "/sparql", returnFormat="json")
    ontology = Graph(store=store, identifier=URIRef(ONTOLOGY))
    union = Graph(store=store)
    assert len(list(ontology.query(COUNT))) > 0
    assert len(ontology) < len(union)
    assert not list(ontology.query(QUEUE))  # the entity lives in the asserted graph
    assert list(Graph(store=store, identifier=URIRef(ASSERTED)).query(QUEUE))


def test_rdflib_sparqlupdatestore_with_the_token(token_server: Server) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    endpoint = token_server.url + "/sparql"
    store = SPARQLUpdateStore(endpoint, endpoint, auth=None, headers=AUTH)
    g = Graph(store=store, identifier=URIRef("urn:test:rdflib"))
    g.add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
    assert (URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")) in g
    g.remove((None, None, None))
    assert len(g) == 0
    refused = SPARQLUpdateStore(endpoint, endpoint)
    with pytest.raises(Exception, match="403"):
        Graph(store=refused, identifier=URIRef("urn:test:rdflib")).add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))


def test_rdflib_sparqlquery(server: Server) -> None:
    """It sends default-graph-uri=urn:x-rdflib:default, rdflib's name for the default graph."""
    cli = Path(sys.executable).with_name("sparqlquery")
    done = subprocess.run([str(cli), server.url + "/sparql", "-q", QUEUE, "-f", "json"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["results"]["bindings"]) == 1


# ------------------------------------------------------------------ service description, HEAD

SD = "http://www.w3.org/ns/sparql-service-description#"


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    (None, "turtle"), ("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
    ("application/n-triples", "nt")])
def test_the_service_description_by_content_negotiation(server: Server, accept: str | None,
                                                        rdflib_format: str) -> None:
    r = httpx.get(server.url + "/sparql", headers={"accept": accept} if accept else {})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format=rdflib_format)
    service = URIRef(server.url + "/sparql")
    languages = set(g.objects(service, URIRef(SD + "supportedLanguage")))
    assert languages == {URIRef(SD + "SPARQL11Query")}  # no token on this server: no Update
    sizes = {int(n) for n in g.objects(None, URIRef("http://rdfs.org/ns/void#triples"))}
    assert count(server) in sizes
    assert len(set(g.objects(None, URIRef(SD + "name")))) == 3
    assert len(set(g.objects(service, URIRef(SD + "resultFormat")))) >= 8


def test_the_service_description_lists_update_and_the_scheme_behind_a_proxy(token_server: Server) -> None:
    r = httpx.get(token_server.url + "/sparql", headers={"x-forwarded-proto": "https"})  # from 127.0.0.1: trusted
    g = Graph().parse(data=r.text, format="turtle")
    service = URIRef(token_server.url.replace("http://", "https://") + "/sparql")
    assert URIRef(SD + "SPARQL11Update") in set(g.objects(service, URIRef(SD + "supportedLanguage")))


@pytest.mark.parametrize("path", ["/sparql", "/sparql?query=ASK%20%7B%7D", "/health", "/openapi.json"])
def test_head_on_every_get_route(server: Server, path: str) -> None:
    get, head = httpx.get(server.url + path), httpx.head(server.url + path)
    assert head.status_code == get.status_code == 200
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.content == b""


# ------------------------------------------------------------------ the Graph Store HTTP Protocol

GSP_GRAPH = "urn:test:gsp"


def gsp(server: Server, method: str, body: str | None = None, media: str = "text/turtle",
        token: bool = True, **params: str) -> httpx.Response:
    headers = {**(AUTH if token else {}), **({"content-type": media} if body is not None else {})}
    return httpx.request(method, server.url + "/sparql", params=params or {"graph": GSP_GRAPH},
                         content=body.encode() if body is not None else None, headers=headers)


def graph_of(server: Server, **params: str) -> Graph:
    r = httpx.get(server.url + "/sparql", params=params or {"graph": GSP_GRAPH}, headers={"accept": "text/turtle"})
    assert r.status_code == 200, r.text
    return Graph().parse(data=r.text, format="turtle")


def test_a_graph_store_round_trip(token_server: Server) -> None:
    assert gsp(token_server, "PUT", "<urn:a> <urn:b> 1 , 2 .").status_code == 204
    assert len(graph_of(token_server)) == 2
    assert gsp(token_server, "POST", '<urn:c> <urn:d> "e"@en .', "application/n-triples").status_code == 204
    assert len(graph_of(token_server)) == 3
    assert gsp(token_server, "PUT", '[{"@id": "urn:x", "urn:y": "z"}]', "application/ld+json").status_code == 204
    assert set(graph_of(token_server).subjects()) == {URIRef("urn:x")}  # PUT replaced it
    for accept, rdflib_format in (("application/rdf+xml", "xml"), ("application/ld+json", "json-ld"),
                                  ("application/n-triples", "nt"), ("application/trig", "trig")):
        r = httpx.get(token_server.url + "/sparql", params={"graph": GSP_GRAPH}, headers={"accept": accept})
        assert len(Graph().parse(data=r.text, format=rdflib_format)) == 1, accept
    assert count(token_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GSP_GRAPH}> {{ ?s ?p ?o }} }}") == 1
    assert gsp(token_server, "DELETE").status_code == 204
    assert httpx.get(token_server.url + "/sparql", params={"graph": GSP_GRAPH}).status_code == 404
    assert gsp(token_server, "DELETE").status_code == 404


def test_the_store_default_graph_by_the_graph_store(token_server: Server) -> None:
    assert gsp(token_server, "PUT", "<urn:dflt> <urn:b> 1 .", default="").status_code == 204
    assert set(graph_of(token_server, default="").subjects()) == {URIRef("urn:dflt")}
    assert count(token_server, "SELECT (COUNT(*) AS ?n) WHERE { <urn:dflt> ?p ?o }") == 1  # in the union
    assert gsp(token_server, "DELETE", default="").status_code == 204
    assert len(graph_of(token_server, default="")) == 0


def test_graph_store_writes_need_the_token_and_a_bad_body_changes_nothing(token_server: Server) -> None:
    assert gsp(token_server, "PUT", "<urn:a> <urn:b> 1 .").status_code == 204
    for method in ("PUT", "POST", "DELETE"):
        r = gsp(token_server, method, "<urn:a> <urn:b> 2 ." if method != "DELETE" else None, token=False)
        assert r.status_code == 403, method
    bad = gsp(token_server, "PUT", "<urn:a> <urn:b> .")
    assert bad.status_code == 400
    assert "does not parse" in bad.json()["error"]
    assert gsp(token_server, "PUT", "<urn:a> <urn:b> 3 .", "application/pdf").status_code == 415
    assert gsp(token_server, "POST", "<urn:a> <urn:b> 3 .", "text/turtle; charset=latin-1").status_code == 415
    quads = gsp(token_server, "PUT", "<urn:a> <urn:b> 4 <urn:other> .", "application/n-triples")
    assert quads.status_code == 400
    assert [str(o) for o in graph_of(token_server).objects()] == ["1"]
    assert gsp(token_server, "PUT", "<urn:a> <urn:b> 1 .", graph=GSP_GRAPH, default="").status_code == 400
    assert gsp(token_server, "PUT", "<urn:a> <urn:b> 1 .", graph="not an iri").status_code == 400
    assert gsp(token_server, "DELETE").status_code == 204


def test_graph_store_get_for_everyone(server: Server) -> None:
    g = graph_of(server, graph=ONTOLOGY)
    assert len(g) > 0
    assert httpx.get(server.url + "/sparql", params={"graph": "urn:x-kg:absent"}).status_code == 404
    r = httpx.put(server.url + "/sparql", params={"graph": ONTOLOGY}, content=b"<urn:a> <urn:b> 1 .",
                  headers={"content-type": "text/turtle"})
    assert r.status_code == 403
