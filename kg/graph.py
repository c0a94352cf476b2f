"""Extracted facts -> RDF: entities with labels and types, relations reified with their provenance,
limits as typed quantities with QUDT units. Everything lands in the asserted named graph."""

from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import OWL, PROV
from rdflib.term import Node

from kg.extract.model import Extraction, Source
from kg.extract.quantities import Quantity
from kg.namespaces import KG, REL, UNIT, slug

Triple = tuple[Node, Node, Node]


class GraphWriter:
    def __init__(self, graph: set[Triple], base: str) -> None:
        self.g, self.base = graph, base.rstrip("/") + "/"
        self.sources: dict[Source, URIRef] = {}
        self.iris: dict[str, URIRef] = {}
        self.slugs: dict[str, str] = {}

    def entity_iri(self, key: str) -> URIRef:
        iri = self.iris.get(key)
        if iri is None:
            name = slug(key)
            if self.slugs.setdefault(name, key) != key:  # "--dyno" and "dyno" would share a slug
                name = f"{name}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
            iri = self.iris[key] = URIRef(f"{self.base}e/{name}")
        return iri

    def source(self, src: Source) -> URIRef:
        iri = self.sources.get(src)
        if iri is None:
            iri = URIRef(f"{self.base}src/{slug(src.file)}/L{src.line}")
            self.sources[src] = iri
            g = self.g
            g.add((iri, RDF.type, KG.SourceLine))
            g.add((iri, KG.file, Literal(src.file)))
            g.add((iri, KG.line, Literal(src.line, datatype=XSD.integer)))
            g.add((iri, KG.section, Literal(src.section)))
            g.add((iri, KG.sourceText, Literal(src.text)))
        return iri

    def property(self, name: str) -> URIRef:
        if not name.startswith("rel:"):
            return URIRef(KG[name])
        local = name[4:]
        iri = URIRef(REL[local])
        if (iri, RDF.type, OWL.ObjectProperty) not in self.g:
            self.g.add((iri, RDF.type, OWL.ObjectProperty))
            self.g.add((iri, RDFS.subPropertyOf, KG.relatedTo))
            self.g.add((iri, RDFS.label, Literal(local.replace("_", " "))))
        return iri

    def add_entities(self, ex: Extraction, keys: set[str]) -> None:
        g = self.g
        for key in keys:
            ent = ex.entities[key]
            iri = self.entity_iri(key)
            g.add((iri, RDF.type, KG.Entity))
            for cls in ent.classes or ({"Concept"} if ent.concept else set()):
                g.add((iri, RDF.type, KG[cls]))
            g.add((iri, RDFS.label, Literal(ent.label)))
            g.add((iri, SKOS.prefLabel, Literal(ent.label)))
            for alias in sorted(ent.aliases - {ent.label}):
                g.add((iri, SKOS.altLabel, Literal(alias)))
            for src in ent.sources[:20]:
                g.add((iri, KG.mentionedIn, self.source(src)))

    def fact(self, s: str, p: str, o: str, src: Source, negated: bool, wording: str) -> None:
        g = self.g
        si, pi, oi = self.entity_iri(s), self.property(p), self.entity_iri(o)
        g.add((si, pi, oi))
        digest = hashlib.sha1(f"{s}|{p}|{o}|{src.file}|{src.line}".encode()).hexdigest()[:16]
        st = URIRef(f"{self.base}f/{digest}")
        g.add((st, RDF.type, KG.Statement))
        g.add((st, RDF.subject, si))
        g.add((st, RDF.predicate, pi))
        g.add((st, RDF.object, oi))
        g.add((st, KG.negated, Literal(negated)))
        if wording:
            g.add((st, KG.wording, Literal(wording)))
        g.add((st, PROV.wasDerivedFrom, self.source(src)))

    def limit(self, s: str, q: Quantity, what: str, src: Source) -> None:
        g = self.g
        digest = hashlib.sha1(f"{s}|{q.text}|{src.file}|{src.line}|{q.start}".encode()).hexdigest()[:16]
        li = URIRef(f"{self.base}limit/{digest}")
        si = self.entity_iri(s)
        g.add((si, KG.hasLimit, li))
        g.add((li, RDF.type, KG.Limit))
        g.add((li, KG.limitOf, si))
        g.add((li, RDFS.label, Literal(q.text)))
        if q.value is not None:
            g.add((li, KG.value, _decimal(q.value)))
        if q.low is not None and q.high is not None:
            g.add((li, KG.minValue, _decimal(q.low)))
            g.add((li, KG.maxValue, _decimal(q.high)))
        if q.compared_to is not None:
            g.add((li, KG.comparedTo, _decimal(q.compared_to)))
        g.add((li, KG.unit, self.unit(q)))
        g.add((li, KG.unitText, Literal(q.unit)))
        g.add((li, KG.limitKind, KG[q.kind]))
        if what:
            g.add((li, KG.limits, Literal(what)))
        g.add((li, PROV.wasDerivedFrom, self.source(src)))

    def unit(self, q: Quantity) -> URIRef:
        if q.qudt:
            return URIRef(UNIT[q.qudt])
        iri = URIRef(f"{self.base}unit/{slug(q.unit or 'count')}")
        if (iri, RDF.type, KG.Unit) not in self.g:
            self.g.add((iri, RDF.type, KG.Unit))
            self.g.add((iri, RDFS.label, Literal(q.unit or "count")))
        return iri


def _decimal(x: float) -> Literal:
    return Literal(Decimal(str(int(x))) if float(x).is_integer() else Decimal(str(x)), datatype=XSD.decimal)


def to_triples(ex: Extraction, base: str) -> set[Triple]:
    """The asserted triples of an extraction (a plain set: rdflib's store is the slow part of a build)."""
    g: set[Triple] = set()
    w = GraphWriter(g, base)
    used = {f.subject for f in ex.facts} | {f.obj for f in ex.facts} | {x.subject for x in ex.limits} \
        | {x.subject for x in ex.literals}
    keys = {k for k, e in ex.entities.items() if not e.concept or k in used}
    for key in sorted(keys, key=lambda k: (not k[:1].isalnum(), k)):  # plain names get the plain IRIs
        w.entity_iri(key)
    w.add_entities(ex, keys)
    for fact in ex.facts:
        w.fact(fact.subject, fact.prop, fact.obj, fact.source, fact.negated, fact.wording)
    for lim in ex.limits:
        w.limit(lim.subject, lim.quantity, lim.limits, lim.source)
    for lit in ex.literals:
        s = w.entity_iri(lit.subject)
        g.add((s, KG[lit.prop], Literal(lit.value)))
    return g
