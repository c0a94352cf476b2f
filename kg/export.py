"""Exports of the built graph: one registry for the CLI (`kg export`) and the API (`GET /export`).
RDF formats serialise the triples themselves; visualization formats draw the entity graph (kg.visual)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from kg import visual
from kg.errors import KGError
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, ontology_dir
from kg.qa.index import QAIndex, load_index
from kg.store import GRAPH_FILE, build_path

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
PREFIXES = {"kg": "https://w3id.org/heroku-kg/ontology#", "rel": "https://w3id.org/heroku-kg/relation/",
            "id": "https://w3id.org/heroku-kg/id/e/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "prov": "http://www.w3.org/ns/prov#", "xsd": "http://www.w3.org/2001/XMLSchema#",
            "owl": "http://www.w3.org/2002/07/owl#", "unit": "http://qudt.org/vocab/unit/"}


class ExportError(KGError):
    status = 400


@dataclass(frozen=True)
class Exporter:
    name: str
    media_type: str
    extension: str
    description: str
    rdf: ox.RdfFormat | None = None  # RDF formats: how pyoxigraph writes it
    draw: Callable[[nx.MultiDiGraph], str] | None = None  # visualization formats: how the picture is written


EXPORTERS: dict[str, Exporter] = {e.name: e for e in [
    Exporter("ttl", "text/turtle", "ttl", "Turtle (RDF)", rdf=ox.RdfFormat.TURTLE),
    Exporter("nt", "application/n-triples", "nt", "N-Triples (RDF)", rdf=ox.RdfFormat.N_TRIPLES),
    Exporter("jsonld", "application/ld+json", "jsonld", "JSON-LD (RDF)", rdf=ox.RdfFormat.JSON_LD),
    Exporter("rdfxml", "application/rdf+xml", "rdf", "RDF/XML (RDF)", rdf=ox.RdfFormat.RDF_XML),
    Exporter("nq", "application/n-quads", "nq", "N-Quads, named graphs kept (RDF)", rdf=ox.RdfFormat.N_QUADS),
    Exporter("trig", "application/trig", "trig", "TriG, named graphs kept (RDF)", rdf=ox.RdfFormat.TRIG),
    Exporter("graphml", "application/graphml+xml", "graphml", "GraphML (yEd, Cytoscape desktop)",
             draw=visual.to_graphml),
    Exporter("gexf", "application/gexf+xml", "gexf", "GEXF with colours by class (Gephi)", draw=visual.to_gexf),
    Exporter("cytoscape", "application/json", "cyjs", "Cytoscape.js JSON (elements.nodes/edges)",
             draw=visual.to_cytoscape),
    Exporter("d3", "application/json", "json", "D3 node-link JSON (nodes/links)", draw=visual.to_d3),
    Exporter("dot", "text/vnd.graphviz", "dot", "Graphviz DOT", draw=visual.to_dot),
]}
ALIASES = {"turtle": "ttl", "ntriples": "nt", "json-ld": "jsonld", "xml": "rdfxml", "rdf": "rdfxml",
           "nquads": "nq", "cyjs": "cytoscape", "gv": "dot", "graphviz": "dot"}


def exporter(fmt: str) -> Exporter:
    name = ALIASES.get(fmt.lower(), fmt.lower())
    if name not in EXPORTERS:
        raise ExportError(f"unknown export format {fmt!r}; formats: {', '.join(EXPORTERS)}")
    return EXPORTERS[name]


def export_graph(build_dir: Path, fmt: str, view: visual.View | None = None, *, inferred: bool | None = None,
           ontology: bool = False, index: QAIndex | None = None) -> str:
    """The graph in one format. `inferred` defaults to True for RDF (the full graph) and False for pictures
    (inverse properties would double every arrow). A view with a focus or classes narrows either kind."""
    exp = exporter(fmt)
    build_dir = build_path(build_dir)  # one build for the index and the triples, even if `current` moves
    view = view or visual.View()
    if exp.draw is not None:
        if ontology:
            raise ExportError("--ontology applies to the RDF formats only")
        idx = index or load_index(build_dir)
        want = view.inferred if inferred is None else inferred
        return exp.draw(visual.to_networkx(idx, visual.View(view.focus, view.depth, view.types, want)))
    keep = None
    if view.focus or view.types:
        idx = index or load_index(build_dir)
        keep = set(visual.to_networkx(idx, view).nodes)
    return _rdf(build_dir, exp.rdf, True if inferred is None else inferred, ontology, keep)


def _rdf(build_dir: Path, fmt: ox.RdfFormat | None, inferred: bool, ontology: bool, keep: set[str] | None) -> str:
    if fmt is None:
        raise ExportError("not an RDF format")
    path = build_dir / GRAPH_FILE
    graphs = {ASSERTED_GRAPH} | ({INFERRED_GRAPH} if inferred else set()) | ({ONTOLOGY_GRAPH} if ontology else set())
    quads = [q for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
             if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in graphs]
    if keep is not None:
        quads = _about(quads, keep)
    quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate)))  # Turtle groups by subject
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):  # the named graphs kept; JSON-LD flattened like ttl
        out = ox.serialize(quads, format=fmt, prefixes=PREFIXES)
    else:
        out = ox.serialize((q.triple for q in quads), format=fmt, prefixes=PREFIXES)
    return out.decode("utf-8") if isinstance(out, bytes) else str(out)


def _about(quads: list[ox.Quad], keep: set[str]) -> list[ox.Quad]:
    """The triples about the kept entities: their own, their statements' and limits', and the source lines."""
    kept = {ox.NamedNode(k) for k in keep}
    statements = {q.subject for q in quads if q.predicate.value == RDF_SUBJECT and q.object in kept}
    subjects = kept | statements
    chosen = [q for q in quads if q.subject in subjects]
    objects = {q.object for q in chosen if isinstance(q.object, ox.NamedNode)}
    sources = {q.subject for q in quads if q.subject in objects and q.subject not in subjects
               and q.predicate.value == RDF_TYPE and str(q.object).endswith("#SourceLine>")}
    return chosen + [q for q in quads if q.subject in sources]


def validate_build(build_dir: Path) -> tuple[bool, str]:
    from rdflib import Graph

    from kg.build import load_build
    from kg.reason import validate

    ds = load_build(build_dir)
    data = Graph()
    for name in (ASSERTED_GRAPH, INFERRED_GRAPH):
        for t in ds.graph(name):
            data.add(t)
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    return validate(data, shapes, ds.graph(ONTOLOGY_GRAPH))
