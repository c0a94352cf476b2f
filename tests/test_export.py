"""Exports, each loaded back by its own tool's reader, on the graph of the test notes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pydot
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from kg.build import BuildResult, write_build
from kg.cli import cli
from kg.errors import KGError
from kg.export import EXPORTERS, ExportError, export_graph
from kg.lookup import UnknownEntityError, resolve
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH
from kg.qa.index import QAIndex, load_index
from kg.store import graph_file
from kg.visual import View, ViewError, to_networkx


@pytest.fixture(scope="module")
def full(index: QAIndex) -> nx.MultiDiGraph:
    return to_networkx(index)


def test_registry_lists_rdf_and_picture_formats() -> None:
    assert {"ttl", "nt", "jsonld", "rdfxml", "graphml", "gexf", "cytoscape", "d3", "dot"} <= set(EXPORTERS)
    assert all(bool(e.rdf) != bool(e.draw) for e in EXPORTERS.values())


def test_picture_holds_entities_limits_and_relations(index: QAIndex, full: nx.MultiDiGraph) -> None:
    entities = [n for n, d in full.nodes(data=True) if d["kind"] == "entity"]
    limits = [d for _, d in full.nodes(data=True) if d["kind"] == "limit"]
    assert len(entities) == len(index.labels)
    assert {d["label"] for d in limits} >= {"64 connections"}
    queue = resolve(index, "Nimbus Queue")
    store = resolve(index, "Nimbus Store")
    assert any(d["label"] == "syncs with" for d in full.get_edge_data(queue, store).values())
    # schema and provenance stay out: no node is a source line, a statement or a class
    assert not [n for n in full if "/src/" in n or "/f/" in n or "ontology#" in n]
    assert all(d["label"] for _, d in full.nodes(data=True))


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "rdfxml", "nq", "trig"])
def test_rdf_formats_parse_in_rdflib(built: Path, fmt: str) -> None:
    text = export_graph(built, fmt)
    ds = Dataset()
    ds.parse(graph_file(built), format="nquads")
    expected = len(ds.graph(ASSERTED_GRAPH)) + len(ds.graph(INFERRED_GRAPH))  # type: ignore[arg-type]
    rdf_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml", "nq": "nquads", "trig": "trig"}
    if fmt in ("nq", "trig"):
        back = Dataset()
        back.parse(data=text, format=rdf_format[fmt])
        assert sum(len(g) for g in back.graphs() if str(g.identifier) in {ASSERTED_GRAPH, INFERRED_GRAPH}) == expected
    else:
        assert len(Graph().parse(data=text, format=rdf_format[fmt])) == expected


def test_graphml_and_gexf_load_in_networkx(built: Path, full: nx.MultiDiGraph, tmp_path: Path) -> None:
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"g.{fmt}"
        path.write_text(export_graph(built, fmt))
        g = reader(path)
        assert g.number_of_nodes() == full.number_of_nodes()
        assert g.number_of_edges() == full.number_of_edges()
        some = next(iter(g.nodes(data=True)))[1]
        assert some["label"]
    gexf = (tmp_path / "g.gexf").read_text()
    assert "<viz:color" in gexf


def test_cytoscape_and_d3_structure(built: Path, full: nx.MultiDiGraph) -> None:
    cy = json.loads(export_graph(built, "cytoscape"))
    nodes, edges = cy["elements"]["nodes"], cy["elements"]["edges"]
    assert len(nodes) == full.number_of_nodes()
    assert len(edges) == full.number_of_edges()
    ids = {n["data"]["id"] for n in nodes}
    assert all({"id", "label", "type", "color"} <= set(n["data"]) for n in nodes)
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids and e["data"]["label"] for e in edges)
    assert len({e["data"]["id"] for e in edges}) == len(edges)
    d3 = json.loads(export_graph(built, "d3"))
    assert len(d3["nodes"]) == full.number_of_nodes()
    assert len(d3["links"]) == full.number_of_edges()
    assert nx.node_link_graph(d3, edges="links").number_of_edges() == full.number_of_edges()


def test_dot_parses_in_pydot(built: Path, full: nx.MultiDiGraph) -> None:
    (graph,) = pydot.graph_from_dot_data(export_graph(built, "dot"))
    nodes = [n for n in graph.get_nodes() if n.get_name() not in ("node", "edge", "graph")]
    assert len(nodes) == full.number_of_nodes()
    assert len(graph.get_edges()) == full.number_of_edges()


def test_focus_keeps_the_entity_and_its_direct_neighbours(index: QAIndex, full: nx.MultiDiGraph) -> None:
    queue = resolve(index, "Nimbus Queue")
    g = to_networkx(index, View(focus="nimbus queue", depth=1))
    neighbours = set(full.successors(queue)) | set(full.predecessors(queue))
    assert set(g.nodes) == {queue} | neighbours
    assert resolve(index, "Nimbus Store") in g
    assert len(to_networkx(index, View(focus="Nimbus Queue", depth=2))) > len(g)
    assert set(to_networkx(index, View(focus=queue, depth=0)).nodes) == {queue}


def test_types_filter_keeps_subclasses(index: QAIndex) -> None:
    g = to_networkx(index, View(types=("Plan",)))
    assert len(g) > 0
    assert all("Plan" in index.types[n] for n in g)
    limits = to_networkx(index, View(types=("limit",)))
    assert {d["kind"] for _, d in limits.nodes(data=True)} == {"limit"}


def test_inferred_edges_only_when_asked(index: QAIndex, full: nx.MultiDiGraph) -> None:
    with_inferred = to_networkx(index, View(inferred=True))
    assert with_inferred.number_of_edges() > full.number_of_edges()
    assert not any(d["inferred"] for _, _, d in full.edges(data=True))


def test_focus_on_rdf_keeps_only_triples_about_the_neighbourhood(built: Path, index: QAIndex) -> None:
    small = Graph().parse(data=export_graph(built, "nt", View(focus="Nimbus Queue")), format="nt")
    everything = Graph().parse(data=export_graph(built, "nt"), format="nt")
    assert 0 < len(small) < len(everything)
    subjects = {str(s) for s in small.subjects()}
    assert resolve(index, "Nimbus Queue") in subjects
    assert resolve(index, "Vault Zones") not in subjects


def test_bad_requests_are_clear_errors(built: Path, index: QAIndex) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export_graph(built, "png")
    with pytest.raises(UnknownEntityError, match="did you mean") as err:
        to_networkx(index, View(focus="Nimbus Queu"))
    assert "Nimbus Queue" in err.value.suggestions
    with pytest.raises(ViewError, match="unknown class"):
        to_networkx(index, View(types=("Spaceship",)))
    with pytest.raises(ViewError, match="depth"):
        to_networkx(index, View(focus="Nimbus Queue", depth=99))
    with pytest.raises(KGError, match="kg build"):
        export_graph(built / "missing", "graphml")


def test_cli_export_with_filters(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "queue.graphml"
    res = CliRunner().invoke(cli, ["export", "--build-dir", str(built), "--format", "graphml", "--focus",
                                   "Nimbus Queue", "--depth", "1", "-o", str(out)])
    assert res.exit_code == 0, res.output
    g = nx.read_graphml(out)
    assert "Nimbus Queue" in {d["label"] for _, d in g.nodes(data=True)}
    bad = CliRunner().invoke(cli, ["export", "--build-dir", str(built), "--format", "gexf", "--focus", "Nope Nothing"])
    assert bad.exit_code == 2
    assert "no entity named" in bad.output


def test_focus_on_the_shipped_notes(shipped: BuildResult, tmp_path: Path) -> None:
    """The issue's own check: Heroku Connect at depth 1 is Heroku Connect and its direct neighbours only."""
    write_build(shipped, tmp_path)
    idx = load_index(tmp_path)
    connect = resolve(idx, "Heroku Connect")
    full = to_networkx(idx)
    g = nx.read_graphml(io.StringIO(export_graph(tmp_path, "graphml", View(focus="Heroku Connect"), index=idx)))
    assert set(g.nodes) == {connect} | set(full.successors(connect)) | set(full.predecessors(connect))
    assert g.number_of_edges() == full.subgraph(g.nodes).number_of_edges()
