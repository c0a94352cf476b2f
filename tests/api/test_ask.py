"""/ask of a running `kg serve`: answers with sources, and bad input answered 4xx or empty, never 500."""

from __future__ import annotations

import re
import sys

import httpx
import pytest
from pydantic import ValidationError

from api.routers.ask import QUESTION_PATTERN, AskRequest
from kg.qa import MAX_QUESTION_CHARS
from tests.api.conftest import Server


def test_ask_get_and_post(server: Server) -> None:
    r = httpx.get(server.url + "/ask", params={"q": "How many objects can a snapshot hold?"})
    assert r.status_code == 200
    body = r.json()
    assert body["answers"][0]["value"] == 250000
    assert body["answers"][0]["sources"][0]["file"] == "nimbus-notes.md"
    assert body["sparql"]
    p = httpx.post(server.url + "/ask", json={"question": "Which levels exist on the Nimbus Platform?"})
    assert p.status_code == 200
    assert {"Owner", "Editor", "Auditor"} <= {a["label"] for a in p.json()["answers"]}


def test_the_sparql_returned_gives_the_lines_and_their_facts(server: Server) -> None:
    body = httpx.get(server.url + "/ask", params={"q": "Which levels exist on the Nimbus Platform?"}).json()
    rows = httpx.get(server.url + "/sparql", params={"query": body["sparql"]}).json()["results"]["bindings"]
    texts = {r["text"]["value"] for r in rows}
    assert {src["text"] for a in body["answers"] for src in a["sources"]} <= texts
    assert any("predicate" in r for r in rows)


def test_no_answer_comes_with_the_closest_lines(server: Server) -> None:
    body = httpx.get(server.url + "/ask", params={"q": "How many shards does Nimbus Graphite have?"}).json()
    assert body["answers"] == []
    assert len(body["evidence"]) == 3
    assert all(e["file"] == "nimbus-notes.md" for e in body["evidence"])


def test_bad_questions(server: Server) -> None:
    empty = httpx.get(server.url + "/ask", params={"q": ""})
    assert empty.status_code == 422
    assert empty.json()["ok"] is False
    missing = httpx.get(server.url + "/ask")
    assert missing.status_code == 422
    huge = httpx.post(server.url + "/ask", json={"question": "x" * (MAX_QUESTION_CHARS + 1)})
    assert huge.status_code == 422
    assert str(MAX_QUESTION_CHARS) in huge.json()["error"]
    for blank in (" ", "\t\n", "\u3000", "\x1c"):
        assert httpx.get(server.url + "/ask", params={"q": blank}).status_code == 422, repr(blank)
    assert httpx.get(server.url + "/ask", params={"q": "x" * MAX_QUESTION_CHARS}).status_code == 200
    bad_json = httpx.post(server.url + "/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert bad_json.status_code == 422
    for q in ("SELECT ?s WHERE { ?s ?p ?o }", "¿Cuántos objetos puede tener un snapshot?", "%%%%"):
        r = httpx.get(server.url + "/ask", params={"q": q})
        assert r.status_code == 200, q
        assert r.json()["answers"] == []


def test_the_question_pattern_keeps_what_strip_keeps() -> None:
    """The OpenAPI's pattern, pydantic's check and the question reader agree on what is only whitespace."""
    pattern = re.compile(QUESTION_PATTERN)
    chars = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    assert [c for c in chars if bool(pattern.search(c)) != bool(c.strip())] == []
    for c in (c for c in chars if not c.strip()):
        with pytest.raises(ValidationError):
            AskRequest(question=c * 2)
    for kept in ("\ufeff", "\u200b", "a", " a "):
        assert AskRequest(question=kept).question == kept


def test_examples_are_questions_answered_with_confidence(server: Server) -> None:
    found = httpx.get(server.url + "/ask/examples").json()["questions"]
    assert found
    for example in found:
        assert example["confidence"] >= 0.8
        body = httpx.get(server.url + "/ask", params={"q": example["question"]}).json()
        assert body["answers"]
        assert body["confidence"] == example["confidence"]
