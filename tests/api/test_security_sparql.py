"""The SPARQL guard against a running `kg serve`: no disguise of SERVICE or LOAD opens a connection (GET, form
POST, body POST, with and without the update token), a megabyte of hostile text does not freeze the server,
deep nesting is refused without losing a worker, and the update token is compared as bytes."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.sparql import MAX_DEPTH
from tests.api.conftest import Server, start_server, stop_server
from tests.api.procs import worker_pids
from tests.sparql_vectors import LEGITIMATE, Listener, Vector, load_vectors, service_vectors

TOKEN = "tök en"  # noqa: S105 (a test token) not ASCII, and a space inside: compared exactly, as the UTF-8 the client sends
AUTH = {"authorization": f"Bearer {TOKEN}".encode()}
INSERT = "INSERT DATA { GRAPH <https://w3id.org/heroku-kg/graph/asserted> { <urn:sec> <urn:p> 1 } }"


@pytest.fixture(scope="module")
def token_server(built: Path) -> Iterator[Server]:
    s = start_server(built, KG_UPDATE_TOKEN=TOKEN, KG_QUERY_TIMEOUT="2", KG_MAX_ROWS="50")
    yield s
    stop_server(s)


def send(client: httpx.Client, v: Vector, how: str, auth: dict[str, bytes]) -> httpx.Response:
    field = "update" if v.update else "query"
    if how == "get":
        return client.get("/sparql", params={"query": v.text}, headers=auth)
    if how == "form":
        return client.post("/sparql", data={field: v.text}, headers=auth)
    media = "application/sparql-update" if v.update else "application/sparql-query"
    return client.post("/sparql", content=v.text.encode(), headers={**auth, "content-type": media})


@pytest.mark.parametrize("with_token", [False, True], ids=["no token", "update token"])
def test_no_disguise_of_service_or_load_connects(server: Server, token_server: Server, with_token: bool) -> None:
    target, auth = (token_server, AUTH) if with_token else (server, {})
    with Listener() as listener, httpx.Client(base_url=target.url, timeout=10) as client:
        for v in service_vectors(listener.url) + load_vectors(listener.url):
            for how in ("get", "form", "body"):
                r = send(client, v, how, auth)
                refused_update = v.update and not with_token and how != "get"
                assert r.status_code == (403 if refused_update else 400), (v.name, how, r.text)
                assert r.json()["ok"] is False
                if r.status_code == 400:
                    assert "refused" in r.json()["error"] or "malformed" in r.json()["error"], (v.name, r.text)
        time.sleep(0.2)
        assert listener.hits == 0


def test_lookalikes_still_answer(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for query, _ in LEGITIMATE:
            for r in (client.get("/sparql", params={"query": query}), client.post("/sparql", data={"query": query})):
                assert r.status_code == 200, (query, r.text)


HOSTILE = {
    "less-than signs": "SELECT * WHERE { ?s ?p ?o } " + "<" * 990_000,
    "open braces": "SELECT * WHERE " + "{" * 990_000,
    "dotted names": "SELECT * WHERE { " + "a." * 495_000 + " }",
    "variables": "SELECT * WHERE { " + "?a" * 330_000 + " }",
    "escapes": "PREFIX ex: <urn:x:> SELECT * WHERE { ?s ?p ex:a" + "\\#" * 495_000 + " }",
    "a long string": 'SELECT * WHERE { ?s ?p "' + "x" * 990_000 + '" }',
    "a long string that does not end": 'SELECT * WHERE { ?s ?p """' + 'x"' * 495_000,
    "as many tokens as allowed": "SELECT * WHERE { VALUES ?x { " + "1 " * 49_000 + "} }",
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_health_answers_while_a_megabyte_query_is_handled(server: Server, name: str) -> None:
    done: dict[str, float] = {}

    def post() -> None:
        t0 = time.monotonic()
        r = httpx.post(server.url + "/sparql", content=HOSTILE[name].encode(),
                       headers={"content-type": "application/sparql-query"}, timeout=30)
        done["status"], done["secs"] = r.status_code, time.monotonic() - t0

    t = threading.Thread(target=post)
    with httpx.Client(base_url=server.url, timeout=5) as client:
        t.start()
        slowest = 0.0
        while t.is_alive():
            t0 = time.monotonic()
            assert client.get("/health").status_code == 200
            slowest = max(slowest, time.monotonic() - t0)
            time.sleep(0.02)
        t.join()
    assert slowest < 1.0
    assert done["status"] in (200, 400)
    assert done["secs"] < 3.0


NESTED = {
    "braces": "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000,
    "parentheses": "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "brackets": "SELECT * WHERE { ?s ?p " + "[ <urn:p> " * 5000 + "1" + " ]" * 5000 + " }",
    "FILTER EXISTS": "SELECT * WHERE { " + "FILTER EXISTS { " * 1000 + "?s ?p ?o" + " }" * 1000 + " }",
    "negations": "SELECT * WHERE { FILTER(" + "!" * 10_000 + "true) }",
    "just past the limit": "SELECT * WHERE " + "{" * (MAX_DEPTH + 1) + " ?s ?p ?o " + "}" * (MAX_DEPTH + 1),
}


def test_deep_nesting_is_refused_and_no_worker_is_lost(server: Server) -> None:
    before = worker_pids(server.proc.pid)
    with httpx.Client(base_url=server.url, timeout=10) as client:
        for name, query in NESTED.items():
            for r in (client.get("/sparql", params={"query": query}) if len(query) < 8000 else None,
                      client.post("/sparql", content=query, headers={"content-type": "application/sparql-query"})):
                if r is not None:
                    assert r.status_code == 400, name
                    assert "nests deeper" in r.json()["error"]
        ok = "SELECT * WHERE " + "{" * MAX_DEPTH + " ?s ?p ?o " + "}" * MAX_DEPTH + " LIMIT 1"
        assert client.post("/sparql", data={"query": ok}).status_code == 200
    assert worker_pids(server.proc.pid) == before


def test_an_update_token_in_any_encoding_is_compared_as_bytes(token_server: Server) -> None:
    with httpx.Client(base_url=token_server.url, timeout=10) as client:
        def update(authorization: bytes) -> int:
            return client.post("/sparql", content=INSERT, headers={"content-type": "application/sparql-update",
                                                                    "authorization": authorization}).status_code

        assert update(f"Bearer {TOKEN}".encode()) == 204
        assert update(f"bearer {TOKEN}".encode()) == 204  # the scheme in any case (RFC 9110)
        assert update(f"BEARER  {TOKEN}".encode()) == 204  # one or more spaces after it
        assert update("Bearer tök  en".encode()) == 403  # the token's own spaces are kept
        assert update(b"Bearer tokn") == 403
        assert update("Bearer tök en".encode("latin-1")) == 403  # not the bytes of the token
        assert update("Bearer €".encode()) == 403  # not ASCII: 403, never 500
        assert update(b"Bearer \xff\xfe") == 403
        assert update(f"Basic {TOKEN}".encode()) == 403
        assert update(b"Bearer") == 403
