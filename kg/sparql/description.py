"""The SPARQL 1.1 Service Description of the endpoint (https://www.w3.org/TR/sparql11-service-description/)."""

from __future__ import annotations

from typing import Any

from kg.sparql.formats import GRAPH_FORMATS, SELECT_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# The W3C's IRIs for the result formats served (https://www.w3.org/ns/formats/); text/plain has none
FORMAT_IRIS = {"json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
               "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
               "rdfxml": "RDF_XML", "nquads": "N-Quads", "trig": "TriG"}
COUNT_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
COUNT_UNION = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def describe_service(endpoint: str, update: bool, default_triples: int, named: dict[str, int]) -> list[Any]:
    """The description's triples: languages (Update when the token is set), features, result formats and the
    default dataset (the union default graph and each named graph, with their sizes as void:triples)."""
    import pyoxigraph as ox

    def sd(name: str) -> Any:
        return ox.NamedNode(SD + name)

    service, dataset, default = ox.NamedNode(endpoint), ox.BlankNode(), ox.BlankNode()
    a = ox.NamedNode(RDF_TYPE)
    triples = [ox.Triple(service, a, sd("Service")), ox.Triple(service, sd("endpoint"), service),
               ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
               ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
               ox.Triple(service, sd("feature"), sd("EmptyGraphs")),
               ox.Triple(service, sd("defaultDataset"), dataset), ox.Triple(dataset, a, sd("Dataset")),
               ox.Triple(dataset, sd("defaultGraph"), default), ox.Triple(default, a, sd("Graph")),
               ox.Triple(default, ox.NamedNode(VOID + "triples"), ox.Literal(str(default_triples),
                                                                             datatype=ox.NamedNode(_XSD_INTEGER)))]
    if update:
        triples.append(ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Update")))
    for name in [*SELECT_FORMATS, *GRAPH_FORMATS]:
        if name in FORMAT_IRIS:
            triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(_FORMATS + FORMAT_IRIS[name])))
    for iri, size in sorted(named.items()):
        entry, graph = ox.BlankNode(), ox.BlankNode()
        triples += [ox.Triple(dataset, sd("namedGraph"), entry), ox.Triple(entry, a, sd("NamedGraph")),
                    ox.Triple(entry, sd("name"), ox.NamedNode(iri)), ox.Triple(entry, sd("graph"), graph),
                    ox.Triple(graph, a, sd("Graph")),
                    ox.Triple(graph, ox.NamedNode(VOID + "triples"),
                              ox.Literal(str(size), datatype=ox.NamedNode(_XSD_INTEGER)))]
    return triples


_FORMATS = "http://www.w3.org/ns/formats/"
_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_OX_FORMATS = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML",
               "nquads": "N_QUADS", "trig": "TRIG"}


def serialize_description(triples: list[Any], fmt: str) -> bytes:
    import pyoxigraph as ox

    prefixes = {"sd": SD, "void": VOID, "formats": _FORMATS} if fmt in ("turtle", "trig", "rdfxml") else None
    body: bytes = ox.serialize(triples, format=getattr(ox.RdfFormat, _OX_FORMATS[fmt]), prefixes=prefixes) or b""
    return body
