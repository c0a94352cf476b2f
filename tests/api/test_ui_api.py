"""The UI's pages and assets, the entity API and the export endpoint, over HTTP with a real server."""

from __future__ import annotations

import io
import json

import httpx
import networkx as nx
import pytest
from rdflib import Graph

from tests.api.conftest import Server


def test_pages_and_bundled_assets_are_served(server: Server) -> None:
    for path in ("/", "/query", "/graph", "/entity/anything"):
        r = httpx.get(server.url + path)
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/html")
        for asset in ("/static/app.js", "/static/app.css"):
            assert asset in r.text
        assert "https://" not in r.text.replace("https://w3id.org", "")  # no CDN
    for asset in ("cytoscape.min.js", "yasgui.min.js", "yasgui.min.css"):
        r = httpx.get(f"{server.url}/static/vendor/{asset}")
        assert r.status_code == 200
        assert len(r.content) > 10_000


def test_entities_search_and_card(server: Server) -> None:
    r = httpx.get(server.url + "/entities", params={"search": "nimbus queue", "limit": 3}).json()
    assert r["results"][0]["label"] == "Nimbus Queue"
    card = httpx.get(f"{server.url}/entities/{r['results'][0]['id']}").json()
    assert card["label"] == "Nimbus Queue"
    assert any(f["entity"]["label"] == "Nimbus Store" and f["source"]["line"] > 0 for f in card["facts_out"])
    assert any(lim["value"] == 64 for lim in card["limits"])
    by_label = httpx.get(server.url + "/entities/Nimbus Queue").json()
    assert by_label["id"] == card["id"]


def test_unknown_entity_is_404_with_suggestions(server: Server) -> None:
    r = httpx.get(server.url + "/entities/Nimbus Queu")
    assert r.status_code == 404
    body = r.json()
    assert body["ok"] is False
    assert "Nimbus Queue" in body["suggestions"]


def test_classes_for_the_legend(server: Server) -> None:
    classes = httpx.get(server.url + "/classes").json()["classes"]
    assert {"name", "label", "count", "color"} <= set(classes[0])
    assert any(c["name"] == "Plan" for c in classes)


@pytest.mark.parametrize(("fmt", "media"), [("graphml", "application/graphml+xml"), ("gexf", "application/gexf+xml"),
                                            ("cytoscape", "application/json"), ("d3", "application/json"),
                                            ("dot", "text/vnd.graphviz"), ("ttl", "text/turtle"),
                                            ("rdfxml", "application/rdf+xml"), ("jsonld", "application/ld+json")])
def test_export_formats(server: Server, fmt: str, media: str) -> None:
    r = httpx.get(server.url + "/export", params={"format": fmt, "focus": "Nimbus Queue", "download": "true"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    assert "attachment" in r.headers["content-disposition"]
    if fmt == "graphml":
        g = nx.read_graphml(io.BytesIO(r.content))
        assert "Nimbus Queue" in {d["label"] for _, d in g.nodes(data=True)}
    elif fmt == "cytoscape":
        assert json.loads(r.text)["elements"]["nodes"]
    elif fmt in ("ttl", "rdfxml", "jsonld"):
        parsed = Graph().parse(data=r.text, format={"ttl": "turtle", "rdfxml": "xml", "jsonld": "json-ld"}[fmt])
        assert len(parsed) > 10


def test_export_errors(server: Server) -> None:
    assert httpx.get(server.url + "/export", params={"format": "png"}).status_code == 400
    assert httpx.get(server.url + "/export", params={"format": "gexf", "types": "Spaceship"}).status_code == 400
    assert httpx.get(server.url + "/export", params={"format": "gexf", "focus": "Nope Nothing"}).status_code == 404
    r = httpx.get(server.url + "/export", params={"format": "gexf", "focus": "Nimbus Queue", "depth": 99})
    assert r.status_code == 422
    assert r.json()["ok"] is False


def test_openapi_documents_the_new_endpoints(server: Server) -> None:
    paths = httpx.get(server.url + "/openapi.json").json()["paths"]
    assert {"/export", "/entities", "/entities/{entity_id}", "/classes"} <= set(paths)
    assert "/graph" not in paths  # pages are not API


def test_odd_entity_requests_get_clear_errors(server: Server) -> None:
    long = httpx.get(server.url + "/entities/" + "x" * 800)
    assert long.status_code == 422
    assert long.json()["ok"] is False
    unknown = httpx.get(server.url + "/entities/" + "y" * 300)
    assert unknown.status_code == 404
    assert len(unknown.json()["error"]) < 200  # the name is not echoed back whole
