"""RDF terms for building the graph: pyoxigraph's (Rust) terms, cached by name. rdflib stays out of the
build path: importing it and creating its terms cost more than a second of a 3-second build."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Triple = tuple[ox.NamedNode | ox.BlankNode, ox.NamedNode, Term]

XSD = "http://www.w3.org/2001/XMLSchema#"


class Vocab:
    """`KG.hasLimit` -> NamedNode("...#hasLimit"), created once."""

    def __init__(self, base: str) -> None:
        self._base = base

    def __getattr__(self, name: str) -> ox.NamedNode:
        return iri(self._base + name)

    def __getitem__(self, name: str) -> ox.NamedNode:
        return iri(self._base + name)


@cache
def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


RDF = Vocab("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Vocab("http://www.w3.org/2000/01/rdf-schema#")
OWL = Vocab("http://www.w3.org/2002/07/owl#")
SKOS = Vocab("http://www.w3.org/2004/02/skos/core#")
PROV = Vocab("http://www.w3.org/ns/prov#")
KGV = Vocab("https://w3id.org/heroku-kg/ontology#")
RELV = Vocab("https://w3id.org/heroku-kg/relation/")
UNITV = Vocab("http://qudt.org/vocab/unit/")


def text(value: str) -> ox.Literal:
    return ox.Literal(value)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=iri(XSD + "integer"))


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=iri(XSD + "boolean"))


def decimal(value: float) -> ox.Literal:
    d = Decimal(str(int(value))) if float(value).is_integer() else Decimal(str(value))
    return ox.Literal(str(d), datatype=iri(XSD + "decimal"))


def local(term: object) -> str:
    return str(getattr(term, "value", term)).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
