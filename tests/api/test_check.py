"""POST /check, GET /check/schema, GET /check/examples and the /check page, against a real `kg serve` over the
shipped notes' graph."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest

from kg.build import BuildResult, write_build
from kg.check import design_schema
from kg.check.examples import HERE as EXAMPLES
from tests.api.conftest import Server, start_server, stop_server

PORTAL = (EXAMPLES / "patient-portal.yaml").read_text()
YAML = {"Content-Type": "application/yaml"}


@pytest.fixture(scope="module")
def shipped_server(shipped: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    d = tmp_path_factory.mktemp("check-server")
    write_build(shipped, d)
    s = start_server(d)
    yield s
    stop_server(s)


def post(server: Server, body: str | bytes, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.post(server.url + "/check", content=body, headers=headers or YAML, timeout=30)


def test_a_yaml_design_gets_its_findings_with_lines(shipped_server: Server) -> None:
    r = post(shipped_server, PORTAL)
    assert r.status_code == 200
    data = r.json()
    assert data["ok"] is False
    violations = {(f["rule"], f["facts"][0]["source"]["line"]) for f in data["findings"] if f["severity"] == "violation"}
    assert {("exclusive", 126), ("exclusive", 220), ("exclusive", 44), ("not-available", 135), ("requires", 54),
            ("restrictions", 147)} == violations
    assert all(f["sparql"].startswith("PREFIX") for f in data["findings"] if f["facts"])


def test_the_same_design_in_json(shipped_server: Server) -> None:
    import yaml

    body = json.dumps(yaml.safe_load(PORTAL))
    r = post(shipped_server, body, {"Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200
    assert r.json()["counts"] == post(shipped_server, PORTAL).json()["counts"]


def test_a_fine_design_gets_no_violation(shipped_server: Server) -> None:
    r = post(shipped_server, (EXAMPLES / "claims-api.yaml").read_text())
    assert r.json()["ok"] is True


@pytest.mark.parametrize(("body", "headers", "status", "says"), [
    ("a: [", YAML, 422, "not YAML"),
    ("{", {"Content-Type": "application/json"}, 422, "not JSON"),
    ("apps: 3", YAML, 422, "apps"),
    ("name: x", {"Content-Type": "text/csv"}, 415, "application/yaml"),
    (b"\xff\xfe", YAML, 422, "UTF-8"),
    ("a: &x [1]\nb: *x\n", YAML, 422, "aliases"),
])
def test_bad_input_gets_a_clear_4xx(shipped_server: Server, body: str | bytes, headers: dict[str, str], status: int,
                                    says: str) -> None:
    r = post(shipped_server, body, headers)
    assert r.status_code == status
    assert r.json()["ok"] is False
    assert says in r.json()["error"]


def test_a_megabyte_and_ten_thousand_processes(shipped_server: Server) -> None:
    r = post(shipped_server, "name: x\n" + "#" * 1_100_000)
    assert r.status_code == 413
    procs = {f"p{i}": {"dyno": "standard-1x"} for i in range(10_000)}
    r = post(shipped_server, json.dumps({"apps": [{"name": "a", "processes": procs}]}),
             {"Content-Type": "application/json"})
    assert r.status_code == 422
    assert "10,000 processes" in r.json()["error"]


def test_unknown_names_are_findings_with_suggestions(shipped_server: Server) -> None:
    r = post(shipped_server, "addons: [{name: Heroku Conect}, {name: Nothing Like It}]\nwants: [autoscalin]\n")
    assert r.status_code == 200
    notes = [f for f in r.json()["findings"] if f["rule"] == "unknown-names"]
    assert any("read as Heroku Connect" in f["message"] for f in notes)


def test_schema_and_examples(shipped_server: Server) -> None:
    assert httpx.get(shipped_server.url + "/check/schema").json() == json.loads(json.dumps(design_schema()))
    designs = httpx.get(shipped_server.url + "/check/examples").json()["designs"]
    assert len(designs) == 2
    for d in designs:
        assert post(shipped_server, d["text"]).status_code == 200


def test_the_page_has_the_strict_csp_and_no_inline_script(shipped_server: Server) -> None:
    r = httpx.get(shipped_server.url + "/check")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert re.findall(r"<script(?![^>]*\bsrc=)", r.text) == []
    assert 'id="design"' in r.text
    assert httpx.get(shipped_server.url + "/static/check.js").status_code == 200


def test_the_openapi_documents_both_bodies(shipped_server: Server) -> None:
    doc = httpx.get(shipped_server.url + "/openapi.json").json()
    body = doc["paths"]["/check"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "application/yaml"}
    assert {"413", "415", "422"} <= set(doc["paths"]["/check"]["post"]["responses"])
    assert "/check/schema" in doc["paths"]


def test_the_entity_pages_the_findings_link_to_exist(shipped_server: Server) -> None:
    data = post(shipped_server, PORTAL).json()
    ids = {fact["subject"].rsplit("/", 1)[-1] for f in data["findings"] for fact in f["facts"]}
    for entity_id in sorted(ids)[:5]:
        assert httpx.get(f"{shipped_server.url}/entities/{entity_id}").status_code == 200

