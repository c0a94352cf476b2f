from __future__ import annotations

from rdflib import RDF, Graph, Namespace

from kg.build import load_ontology
from kg.namespaces import KG
from kg.reason import materialize

EX = Namespace("https://example.org/")


def test_inverse_transitive_subproperty_and_range() -> None:
    g = Graph()
    g.add((EX.a, KG.hasPlan, EX.p))
    g.add((EX.x, KG.requires, EX.y))
    g.add((EX.y, KG.requires, EX.z))
    inf = materialize(g, load_ontology())
    assert (EX.p, KG.planOf, EX.a) in inf  # inverse
    assert (EX.a, KG.includes, EX.p) in inf  # sub-property
    assert (EX.p, KG.partOf, EX.a) in inf
    assert (EX.x, KG.requires, EX.z) in inf  # transitive
    assert (EX.p, RDF.type, KG.Plan) in inf  # range
    assert (EX.p, RDF.type, KG.Entity) in inf  # class hierarchy
    assert (EX.a, KG.hasPlan, EX.p) not in inf  # asserted triples stay out of the inferred graph
