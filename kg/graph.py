"""Extracted facts -> RDF: entities with labels and types, relations reified with their provenance,
limits as typed quantities with QUDT units. Everything lands in the asserted named graph."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import pyoxigraph as ox

from kg.extract.model import Extraction, Fact, LimitFact, LiteralFact, Source
from kg.extract.quantities import Quantity
from kg.namespaces import slug
from kg.notes import Block, Note
from kg.terms import KGV as KG
from kg.terms import OWL, PROV, RDF, RDFS, SKOS, Triple, boolean, decimal, integer, text
from kg.terms import RELV as REL
from kg.terms import UNITV as UNIT


class GraphWriter:
    def __init__(self, graph: set[Triple], base: str) -> None:
        self.g, self.base = graph, base.rstrip("/") + "/"
        self.sources: dict[Source, ox.NamedNode] = {}
        self.lines: set[ox.NamedNode] = set()
        self.iris: dict[str, ox.NamedNode] = {}
        self.slugs: dict[str, str] = {}

    def entity_iri(self, key: str) -> ox.NamedNode:
        iri = self.iris.get(key)
        if iri is None:
            name = slug(key)
            if self.slugs.setdefault(name, key) != key:  # "--dyno" and "dyno" would share a slug
                name = f"{name}-{hashlib.sha1(key.encode()).hexdigest()[:6]}"
            iri = self.iris[key] = ox.NamedNode(f"{self.base}e/{name}")
        return iri

    def line_iri(self, file: str, line: int) -> ox.NamedNode:
        return ox.NamedNode(f"{self.base}src/{slug(file)}/L{line}")

    def source(self, src: Source) -> ox.NamedNode:
        iri = self.sources.get(src)
        if iri is None:
            iri = self.line_iri(src.file, src.line)
            self.sources[src] = iri
            if iri in self.lines:
                return iri  # one line read twice (a quiz stem, a term's text): its text is written once
            self.lines.add(iri)
            g = self.g
            g.add((iri, RDF.type, KG.SourceLine))
            g.add((iri, KG.file, text(src.file)))
            g.add((iri, KG.line, integer(src.line)))
            g.add((iri, KG.section, text(src.section)))
            g.add((iri, KG.sourceText, text(src.text)))
        return iri

    def block(self, block: Block) -> None:
        """A line of the notes as it stands, with its kind and the list item or heading it sits under: the
        text answers are read from, whether or not a fact came of it."""
        iri = self.source(Source(block.file, block.line, block.section_path, block.text))
        self.g.add((iri, KG.blockKind, text(block.kind)))
        lead = next((s for s in block.spans if s.kind in ("bold", "code") and not block.text[:s.start].strip()), None)
        if lead is not None and block.kind in ("item", "para") and lead.end < len(block.text.rstrip(" .:")):
            self.g.add((iri, KG.leadText, text(block.span_text(lead))))  # "**Admin** - full control"
        if block.parent is not None:
            self.g.add((iri, KG.withinLine, self.line_iri(block.parent.file, block.parent.line)))

    def property(self, name: str) -> ox.NamedNode:
        if not name.startswith("rel:"):
            return KG[name]
        local = name[4:]
        iri = REL[local]
        if (iri, RDF.type, OWL.ObjectProperty) not in self.g:
            self.g.add((iri, RDF.type, OWL.ObjectProperty))
            self.g.add((iri, RDFS.subPropertyOf, KG.relatedTo))
            self.g.add((iri, RDFS.label, text(local.replace("_", " "))))
        return iri

    def add_entities(self, ex: Extraction, keys: set[str]) -> None:
        g = self.g
        for key in keys:
            ent = ex.entities[key]
            iri = self.entity_iri(key)
            classes = ent.classes - {"Concept"}
            # words the statements need that name no thing ("access", "timed jobs"): a phrase, of no kind
            phrase = ent.concept and classes <= {"Capability"}
            g.add((iri, RDF.type, KG.Phrase if phrase else KG.Entity))
            for cls in classes:
                g.add((iri, RDF.type, KG[cls]))
            g.add((iri, RDFS.label, text(ent.label)))
            g.add((iri, SKOS.prefLabel, text(ent.label)))
            for alias in sorted(ent.aliases - {ent.label}):
                g.add((iri, SKOS.altLabel, text(alias)))
            for src in ent.sources:
                g.add((iri, KG.mentionedIn, self.source(src)))

    def only_together(self, facts: list[Fact]) -> None:
        """"Only available for Performance, Private and Shield-tier dynos": each statement of an "only" list
        names the others, so that one read alone does not say its object is the only one."""
        groups: dict[tuple[str, str, str, int, bool], list[Fact]] = {}
        for f in facts:
            if f.only:
                groups.setdefault((f.subject, f.prop, f.source.file, f.source.line, f.negated), []).append(f)
        for group in groups.values():
            for f in group:
                for other in group:
                    if other.obj != f.obj:
                        self.g.add((self.statement_iri(f), KG.onlyTogetherWith, self.entity_iri(other.obj)))

    def statement_iri(self, fact: Fact) -> ox.NamedNode:
        s, p, o, src = fact.subject, fact.prop, fact.obj, fact.source
        digest = hashlib.sha1(f"{s}|{p}|{o}|{src.file}|{src.line}|{fact.negated}".encode()).hexdigest()[:16]
        return ox.NamedNode(f"{self.base}f/{digest}")

    def fact(self, fact: Fact) -> None:
        """The statement, reified with how it was read; the plain triple only when it is not negated (a
        negated statement says the relation does not hold)."""
        g = self.g
        s, p, o, src = fact.subject, fact.prop, fact.obj, fact.source
        si, pi, oi = self.entity_iri(s), self.property(p), self.entity_iri(o)
        if not fact.negated:
            g.add((si, pi, oi))
        st = self.statement_iri(fact)
        g.add((st, RDF.type, KG.Statement))
        g.add((st, RDF.subject, si))
        g.add((st, RDF.predicate, pi))
        g.add((st, RDF.object, oi))
        g.add((st, KG.negated, boolean(fact.negated)))
        g.add((st, KG.mechanism, KG[fact.mechanism]))
        g.add((st, KG.confidence, decimal(fact.confidence)))
        if fact.only:
            g.add((st, KG.only, boolean(True)))
        if fact.condition:
            g.add((st, KG.condition, text(fact.condition)))
        if fact.qualifier:
            g.add((st, KG.qualifier, text(fact.qualifier)))
        for thing in fact.things:
            g.add((st, KG.qualifierThing, self.entity_iri(thing)))
        for thing in fact.condition_things:
            g.add((st, KG.conditionThing, self.entity_iri(thing)))
        if fact.wording:
            g.add((st, KG.wording, text(fact.wording)))
        g.add((st, PROV.wasDerivedFrom, self.source(src)))

    def limit(self, lim: LimitFact) -> None:
        g = self.g
        s, q, what, src = lim.subject, lim.quantity, lim.limits, lim.source
        # (two cells of one table row may hold the same text: their columns tell them apart)
        digest = hashlib.sha1(f"{s}|{q.text}|{src.file}|{src.line}|{q.start}|{what}".encode()).hexdigest()[:16]
        li = ox.NamedNode(f"{self.base}limit/{digest}")
        si = self.entity_iri(s)
        g.add((si, KG.hasLimit, li))
        g.add((li, RDF.type, KG.Limit))
        g.add((li, KG.limitOf, si))
        g.add((li, RDFS.label, text(q.text)))
        if q.value is not None:
            g.add((li, KG.value, decimal(q.value)))
        if q.low is not None and q.high is not None:
            g.add((li, KG.minValue, decimal(q.low)))
            g.add((li, KG.maxValue, decimal(q.high)))
        if q.compared_to is not None:
            g.add((li, KG.comparedTo, decimal(q.compared_to)))
        g.add((li, KG.unit, self.unit(q)))
        g.add((li, KG.unitText, text(q.unit)))
        g.add((li, KG.limitKind, KG[q.kind]))
        if what:
            g.add((li, KG.limits, text(what)))
        if lim.measure:
            g.add((li, KG.measures, self.entity_iri(lim.measure)))
        for where in lim.scope:
            g.add((li, KG.appliesIn, self.entity_iri(where)))
        if lim.condition:
            g.add((li, KG.condition, text(lim.condition)))
        g.add((li, KG.mechanism, KG[lim.mechanism]))
        g.add((li, KG.confidence, decimal(lim.confidence)))
        g.add((li, PROV.wasDerivedFrom, self.source(src)))

    def literal(self, lit: LiteralFact) -> None:
        """A value in the notes' words (a description, a pro, a command's purpose), reified like a fact so it
        keeps its source line and how it was read."""
        g = self.g
        si, pi, value = self.entity_iri(lit.subject), KG[lit.prop], text(lit.value)
        g.add((si, pi, value))
        digest = hashlib.sha1(f"{lit.subject}|{lit.prop}|{lit.value}|{lit.source.file}|{lit.source.line}".encode())
        st = ox.NamedNode(f"{self.base}f/{digest.hexdigest()[:16]}")
        g.add((st, RDF.type, KG.Statement))
        g.add((st, RDF.subject, si))
        g.add((st, RDF.predicate, pi))
        g.add((st, RDF.object, value))
        g.add((st, KG.negated, boolean(False)))
        g.add((st, KG.mechanism, KG[lit.mechanism]))
        g.add((st, KG.confidence, decimal(lit.confidence)))
        g.add((st, PROV.wasDerivedFrom, self.source(lit.source)))

    def unit(self, q: Quantity) -> ox.NamedNode:
        if q.qudt:
            return UNIT[q.qudt]
        iri = ox.NamedNode(f"{self.base}unit/{slug(q.unit or 'count')}")
        if (iri, RDF.type, KG.Unit) not in self.g:
            self.g.add((iri, RDF.type, KG.Unit))
            self.g.add((iri, RDFS.label, text(q.unit or "count")))
        return iri


def to_triples(ex: Extraction, base: str, notes: Iterable[Note] = ()) -> set[Triple]:
    """The asserted triples of an extraction (a plain set: rdflib's store is the slow part of a build),
    with every line of `notes` as a source line."""
    g: set[Triple] = set()
    w = GraphWriter(g, base)
    used = ex.used_keys()
    keys = {k for k, e in ex.entities.items() if not e.concept or k in used}
    for key in sorted(keys, key=lambda k: (not k[:1].isalnum(), k)):  # plain names get the plain IRIs
        w.entity_iri(key)
    w.add_entities(ex, keys)
    written = [f for f in ex.facts if f.subject in ex.entities and f.obj in ex.entities]
    for fact in written:
        w.fact(fact)
    w.only_together(written)
    for narrower, broader in ex.broader:
        if narrower in keys and broader in keys:
            g.add((w.entity_iri(narrower), SKOS.broader, w.entity_iri(broader)))
    for lim in ex.limits:
        if lim.subject in ex.entities:
            w.limit(lim)
    for lit in ex.literals:
        if lit.subject in ex.entities:
            w.literal(lit)
    for note in notes:
        for block in note.blocks:
            w.block(block)
    return g
