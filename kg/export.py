"""Exports of the built graph and its validation."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.build import load_build
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, KG, ONTOLOGY_GRAPH, REL, ontology_dir
from kg.reason import validate

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "nq": "nquads", "trig": "trig"}


def graph_of(ds: Dataset, inferred: bool = True, ontology: bool = False) -> Graph:
    g = Graph()
    g.bind("kg", KG)
    g.bind("rel", REL)
    names = [ASSERTED_GRAPH] + ([INFERRED_GRAPH] if inferred else []) + ([ONTOLOGY_GRAPH] if ontology else [])
    for name in names:
        for t in ds.graph(URIRef(name)):
            g.add(t)
    return g


def export_graph(build_dir: Path, fmt: str, inferred: bool = True, ontology: bool = False) -> str:
    ds = load_build(build_dir)
    if fmt in ("nq", "trig"):
        return str(ds.serialize(format=RDF_FORMATS[fmt]))
    return str(graph_of(ds, inferred, ontology).serialize(format=RDF_FORMATS[fmt]))


def validate_build(build_dir: Path) -> tuple[bool, str]:
    ds = load_build(build_dir)
    data = graph_of(ds, inferred=True, ontology=False)
    shapes = Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")
    onto = ds.graph(URIRef(ONTOLOGY_GRAPH))
    return validate(data, shapes, onto)
