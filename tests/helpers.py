from __future__ import annotations

from rdflib import Dataset, URIRef

from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH

PREFIXES = """PREFIX kg: <https://w3id.org/heroku-kg/ontology#>
PREFIX rel: <https://w3id.org/heroku-kg/relation/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def rows(ds: Dataset, query: str) -> list[tuple[str, ...]]:
    ds.default_union = True
    return [tuple(str(x) for x in r) for r in ds.query(PREFIXES + query)]  # type: ignore[union-attr]


def facts(ds: Dataset) -> set[tuple[str, str, str]]:
    """(subject label, property local name, object label) of every asserted statement."""
    out = set()
    for s, p, o in rows(ds, """SELECT ?s ?p ?o WHERE { ?st a kg:Statement ; rdf:subject/rdfs:label ?s ;
                               rdf:predicate ?p ; rdf:object/rdfs:label ?o }"""):
        out.add((s, p.rsplit("#", 1)[-1].rsplit("/", 1)[-1], o))
    return out


def limits(ds: Dataset) -> list[tuple[str, ...]]:
    return rows(ds, """SELECT ?s ?v ?lo ?hi ?unit ?kind WHERE { ?l a kg:Limit ; kg:limitOf/rdfs:label ?s ;
        kg:unitText ?unit ; kg:limitKind ?kind . OPTIONAL { ?l kg:value ?v } OPTIONAL { ?l kg:minValue ?lo ;
        kg:maxValue ?hi } }""")


def asserted(ds: Dataset) -> object:
    return ds.graph(URIRef(ASSERTED_GRAPH))


def inferred(ds: Dataset) -> object:
    return ds.graph(URIRef(INFERRED_GRAPH))
