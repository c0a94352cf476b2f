"""/ask of a running `kg serve`: answers with sources, and bad input answered 4xx or empty, never 500."""

from __future__ import annotations

import httpx

from tests.api.conftest import Server


def test_ask_get_and_post(server: Server) -> None:
    r = httpx.get(server.url + "/ask", params={"q": "How many objects can a snapshot hold?"})
    assert r.status_code == 200
    body = r.json()
    assert body["answers"][0]["value"] == 250000
    assert body["answers"][0]["sources"][0]["file"] == "nimbus-notes.md"
    assert body["sparql"]
    p = httpx.post(server.url + "/ask", json={"question": "Which plans does Nimbus Queue have?"})
    assert p.status_code == 200
    assert {"starter", "scale", "vault"} <= {a["label"] for a in p.json()["answers"]}


def test_the_sparql_returned_gives_the_facts(server: Server) -> None:
    body = httpx.get(server.url + "/ask", params={"q": "Which plans does Nimbus Queue have?"}).json()
    rows = httpx.get(server.url + "/sparql", params={"query": body["sparql"]}).json()["results"]["bindings"]
    assert {"starter", "scale", "vault"} <= {r["label"]["value"] for r in rows}


def test_bad_questions(server: Server) -> None:
    empty = httpx.get(server.url + "/ask", params={"q": ""})
    assert empty.status_code == 422
    assert empty.json()["ok"] is False
    missing = httpx.get(server.url + "/ask")
    assert missing.status_code == 422
    huge = httpx.post(server.url + "/ask", json={"question": "x" * 10_000})
    assert huge.status_code == 422
    assert "limit" in huge.json()["error"]
    bad_json = httpx.post(server.url + "/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert bad_json.status_code == 422
    for q in ("SELECT ?s WHERE { ?s ?p ?o }", "¿Cuántos objetos puede tener un snapshot?", "%%%%"):
        r = httpx.get(server.url + "/ask", params={"q": q})
        assert r.status_code == 200, q
        assert r.json()["answers"] == []
