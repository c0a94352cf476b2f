"""The SPARQL 1.1 endpoint of a running `kg serve`, with real clients."""

from __future__ import annotations

import json
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from rdflib import Graph

from tests.api.conftest import Server, start_server, stop_server

LABELS = "SELECT ?l WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?l LIMIT 5"
QUEUE = 'SELECT ?e WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> "Nimbus Queue" }'
CONSTRUCT = "CONSTRUCT { ?e ?p ?o } WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> \"Nimbus Queue\" ; ?p ?o }"


def test_get_post_form_and_body(server: Server) -> None:
    r1 = httpx.get(server.url + "/sparql", params={"query": QUEUE})
    r2 = httpx.post(server.url + "/sparql", data={"query": QUEUE})
    r3 = httpx.post(server.url + "/sparql", content=QUEUE, headers={"content-type": "application/sparql-query"})
    for r in (r1, r2, r3):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/sparql-results+json")
        assert len(r.json()["results"]["bindings"]) == 1


@pytest.mark.parametrize(("accept", "media", "marker"), [
    ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
    ("text/csv", "text/csv", "l\r\n"),
    ("text/tab-separated-values", "text/tab-separated-values", "?l\n"),
])
def test_select_formats(server: Server, accept: str, media: str, marker: str) -> None:
    r = httpx.get(server.url + "/sparql", params={"query": LABELS}, headers={"accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert marker in r.text


@pytest.mark.parametrize(("fmt", "rdflib_format"), [
    ("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")])
def test_construct_formats_parse(server: Server, fmt: str, rdflib_format: str) -> None:
    r = httpx.get(server.url + "/sparql", params={"query": CONSTRUCT, "format": fmt})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format=rdflib_format)
    assert len(g) > 3


def test_errors_have_one_shape(server: Server) -> None:
    bad = httpx.get(server.url + "/sparql", params={"query": "SELEC ?x WHERE {"})
    assert bad.status_code == 400
    body = bad.json()
    assert body["ok"] is False
    assert body["status"] == 400
    assert "1:" in body["error"]  # the parser's position
    na = httpx.get(server.url + "/sparql", params={"query": LABELS}, headers={"accept": "image/png"})
    assert na.status_code == 406
    assert na.json()["status"] == 406
    fmt = httpx.get(server.url + "/sparql", params={"query": LABELS, "format": "yaml"}, headers={"accept": "image/png"})
    assert fmt.status_code == 406
    # a format this endpoint does not know falls back to the Accept header
    lenient = httpx.get(server.url + "/sparql", params={"query": LABELS, "format": "yaml"}, headers={"accept": "text/csv"})
    assert lenient.headers["content-type"].startswith("text/csv")


def test_service_description_and_health(server: Server) -> None:
    r = httpx.get(server.url + "/sparql")
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    assert len(g) > 5
    h = httpx.get(server.url + "/health").json()
    assert h["graph_loaded"] is True
    assert h["triples"] > 100
    assert h["built_at"]


def test_cors(server: Server) -> None:
    r = httpx.get(server.url + "/sparql", params={"query": QUEUE}, headers={"origin": "https://yasgui.example"})
    assert r.headers.get("access-control-allow-origin") in ("*", "https://yasgui.example")


def test_sparqlwrapper_formats(server: Server) -> None:
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    for fmt in (JSON, XML, CSV, TSV):
        sw = SPARQLWrapper(server.url + "/sparql")
        sw.setQuery(LABELS)
        sw.setReturnFormat(fmt)
        res = sw.query().convert()
        if fmt == JSON:
            assert len(res["results"]["bindings"]) == 5  # type: ignore[index]
        elif fmt == XML:
            assert len(res.getElementsByTagName("result")) == 5  # type: ignore[union-attr]
        else:
            assert len(res.decode().strip().splitlines()) == 6  # type: ignore[union-attr]


def test_rdflib_sparqlstore(server: Server) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(server.url + "/sparql", returnFormat="json")
    g = Graph(store=store)
    rows = list(g.query(QUEUE))
    assert len(rows) == 1


def test_row_cap_says_so(server: Server) -> None:
    r = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 200
    assert r.headers["x-kg-truncated"] == "true"
    body = r.json()
    assert body["truncated"] is True
    assert len(body["results"]["bindings"]) == 50


def test_body_cap(server: Server) -> None:
    r = httpx.post(server.url + "/sparql", content="#" * 2_000_000, headers={"content-type": "application/sparql-query"})
    assert r.status_code == 413
    assert r.json()["ok"] is False


def test_service_never_connects(server: Server) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    accepted: list[object] = []

    def watch() -> None:
        end = time.monotonic() + 2
        while time.monotonic() < end:
            try:
                accepted.append(listener.accept())
            except OSError:
                pass

    t = threading.Thread(target=watch)
    t.start()
    queries = [f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
               f"select * where {{ service <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}"]
    for q in queries:
        r = httpx.get(server.url + "/sparql", params={"query": q})
        assert r.status_code == 400, q
        assert "refused" in r.json()["error"]
    # graphs the store lacks, in FROM or in the protocol, are empty: answered, and never fetched
    empty = [({"query": f"ASK FROM <http://127.0.0.1:{port}/data.ttl> {{ ?s ?p ?o }}"}),
             ({"query": f"ASK FROM NAMED <http://127.0.0.1:{port}/g> {{ GRAPH ?g {{ ?s ?p ?o }} }}"}),
             ({"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"http://127.0.0.1:{port}/"}),
             ({"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": f"http://127.0.0.1:{port}/n"})]
    for params in empty:
        r = httpx.get(server.url + "/sparql", params=params)
        assert r.status_code == 200, params
        assert r.json()["boolean"] is False, params
    load = httpx.post(server.url + "/sparql", data={"update": f"LOAD <http://127.0.0.1:{port}/x>"})
    assert load.status_code in (400, 403)
    t.join()
    listener.close()
    assert accepted == []


def _cpu_ticks(pid: int) -> int:
    total = 0
    for child in _descendants(pid):
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            continue
    return total


def _descendants(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids = [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
        for k in kids:
            out.append(k)
            out.extend(_descendants(k))
    return out


def test_timeout_stops_the_query_and_others_are_served(server: Server) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result: dict[str, object] = {}

    def run_heavy() -> None:
        t0 = time.monotonic()
        r = httpx.get(server.url + "/sparql", params={"query": heavy}, timeout=30)
        result["status"], result["secs"], result["body"] = r.status_code, time.monotonic() - t0, r.json()

    t = threading.Thread(target=run_heavy)
    t.start()
    time.sleep(0.3)
    t0 = time.monotonic()
    quick = httpx.get(server.url + "/sparql", params={"query": QUEUE}, timeout=30)
    assert quick.status_code == 200
    assert time.monotonic() - t0 < 1.0  # answered while the heavy query runs
    t.join()
    assert result["status"] == 503
    assert float(result["secs"]) < 2 + 1  # type: ignore[arg-type]
    assert "limit" in json.dumps(result["body"])
    time.sleep(1.0)
    before = _cpu_ticks(server.proc.pid)
    time.sleep(1.0)
    assert _cpu_ticks(server.proc.pid) - before < 20  # under 0.2 s of CPU a second: nothing left running


def test_update_refused_without_token(server: Server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = httpx.get(server.url + "/sparql", params={"query": count}).json()
    r = httpx.post(server.url + "/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert r.status_code == 403
    r2 = httpx.post(server.url + "/sparql", content="DELETE WHERE { ?s ?p ?o }",
                    headers={"content-type": "application/sparql-update", "authorization": "Bearer guess"})
    assert r2.status_code == 403
    r3 = httpx.get(server.url + "/sparql", params={"query": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert r3.status_code == 400
    assert "sent as a query" in r3.json()["error"]
    assert httpx.get(server.url + "/sparql", params={"query": count}).json() == before


def test_update_with_token(built: Path) -> None:
    s = start_server(built, KG_UPDATE_TOKEN="s3cret", KG_WORKERS="2")
    try:
        ins = "INSERT DATA { GRAPH <https://w3id.org/heroku-kg/graph/asserted> { <urn:x> <urn:y> \"z\" } }"
        r = httpx.post(s.url + "/sparql", content=ins, headers={"content-type": "application/sparql-update",
                                                                 "authorization": "Bearer s3cret"})
        assert r.status_code == 204
        for _ in range(4):  # every worker sees it
            ask = httpx.get(s.url + "/sparql", params={"query": "ASK { <urn:x> <urn:y> \"z\" }"}).json()
            assert ask["boolean"] is True
    finally:
        stop_server(s)


def test_fast_get_and_the_routed_post_answer_alike(server: Server) -> None:
    """GET /sparql?query= is answered before FastAPI's router (an extra parameter too), POST by the router; one
    parameter reader (api/sparql_protocol.py) serves both, so they give the same body, headers and errors."""
    repeated = [("query", LABELS), ("query", LABELS)]
    get = httpx.get(server.url + "/sparql", params=repeated)
    post = httpx.post(server.url + "/sparql", content=urlencode(repeated).encode(),
                      headers={"content-type": "application/x-www-form-urlencoded"})
    assert get.status_code == post.status_code == 400
    assert get.json() == post.json()
    fast = httpx.get(server.url + "/sparql", params={"query": LABELS}, headers={"origin": "https://yasgui.example"})
    routed = httpx.post(server.url + "/sparql", data={"query": LABELS}, params={"x-trace": "1"},
                        headers={"origin": "https://yasgui.example"})
    assert fast.status_code == routed.status_code == 200
    assert fast.json() == routed.json()
    for header in ("content-type", "x-kg-rows", "access-control-allow-origin"):
        assert fast.headers.get(header) == routed.headers.get(header), header
    bad_fast = httpx.get(server.url + "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://x/> {} }"})
    bad_routed = httpx.post(server.url + "/sparql", data={"query": "SELECT * WHERE { SERVICE <http://x/> {} }"})
    assert bad_fast.status_code == bad_routed.status_code == 400
    assert bad_fast.json() == bad_routed.json()
