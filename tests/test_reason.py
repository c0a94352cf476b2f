from __future__ import annotations

from kg.build import load_ontology
from kg.reason import materialize
from kg.terms import KGV as KG
from kg.terms import RDF, Vocab

EX = Vocab("https://example.org/")


def test_inverse_transitive_subproperty_and_range() -> None:
    g = {(EX.a, KG.hasPlan, EX.p), (EX.x, KG.requires, EX.y), (EX.y, KG.requires, EX.z)}
    inf = materialize(g, load_ontology())
    assert (EX.p, KG.planOf, EX.a) in inf  # inverse
    assert (EX.a, KG.includes, EX.p) in inf  # sub-property
    assert (EX.p, KG.partOf, EX.a) in inf
    assert (EX.x, KG.requires, EX.z) in inf  # transitive
    assert (EX.p, RDF.type, KG.Plan) in inf  # range
    assert (EX.p, RDF.type, KG.Entity) in inf  # class hierarchy
    assert (EX.a, KG.hasPlan, EX.p) not in inf  # asserted triples stay out of the inferred graph
