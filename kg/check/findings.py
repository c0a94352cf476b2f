"""Findings and derived figures, each with the facts of the graph behind it, their source lines, and one
SPARQL query that finds those facts in the graph (run it at /sparql or with `kg query`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from kg.qa.index import LimitRec, QAIndex, SourceLine, Statement

Severity = Literal["violation", "warning", "note"]
SEVERITIES: tuple[Severity, ...] = ("violation", "warning", "note")
PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX kg: <https://w3id.org/heroku-kg/ontology#>
"""


@dataclass(frozen=True)
class Fact:
    """One statement, limit or restriction of the graph, in words, with its line."""

    subject: str
    subject_label: str
    relation: str
    object: str  # an entity's IRI, or the text of a restriction
    object_label: str
    source: SourceLine | None
    kind: Literal["statement", "limit", "restriction"] = "statement"
    predicate: str = ""  # the property's IRI (statements, restrictions); the limit's IRI (limits)
    negated: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "subject": self.subject, "subject_label": self.subject_label,
                "relation": self.relation, "object": self.object, "object_label": self.object_label,
                "negated": self.negated, "source": self.source.as_dict() if self.source else None}


@dataclass
class Finding:
    severity: Severity
    rule: str
    message: str
    parts: list[str]  # the paths in the design it concerns
    facts: list[Fact] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)

    def key(self) -> tuple[str, str]:
        return self.rule, self.message

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"severity": self.severity, "rule": self.rule, "message": self.message,
                               "parts": self.parts, "facts": [f.as_dict() for f in self.facts],
                               "sparql": sparql_for(self.facts) if self.facts else None}
        if self.suggestions:
            out["suggestions"] = self.suggestions
        return out


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    formula: str
    parts: list[str]
    facts: list[Fact] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "unit": self.unit, "formula": self.formula,
                "parts": self.parts, "facts": [f.as_dict() for f in self.facts],
                "sparql": sparql_for(self.facts) if self.facts else None}


def statement_fact(idx: QAIndex, st: Statement, relation: str) -> Fact:
    return Fact(st.s, idx.label(st.s), relation, st.o, idx.label(st.o), st.source, "statement", st.p, st.negated)


def limit_fact(idx: QAIndex, lim: LimitRec) -> Fact:
    kind = lim.kind.lower()
    scope = "".join(f" in {idx.label(s)}" for s in lim.scope)
    return Fact(lim.subject, idx.label(lim.subject), f"{kind} {lim.label}{scope}", lim.iri, lim.label, lim.source,
                "limit", lim.iri)


def restriction_fact(idx: QAIndex, subject: str, text: str, source: SourceLine | None, predicate: str) -> Fact:
    return Fact(subject, idx.label(subject), "restriction", text, text, source, "restriction", predicate)


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


def sparql_for(facts: list[Fact]) -> str:
    """One SELECT returning each fact with its file, line and text: statements and restrictions by their
    subject, predicate and object; limits by their IRI."""
    blocks: list[str] = []
    statements = [f for f in facts if f.kind != "limit"]
    limits = [f for f in facts if f.kind == "limit"]
    if statements:
        rows = " ".join(f"(<{f.subject}> <{f.predicate}> "
                        f"{_literal(f.object) if f.kind == 'restriction' else '<' + f.object + '>'})"
                        for f in dict.fromkeys(statements))
        blocks.append("  { VALUES (?subject ?predicate ?object) { " + rows + " }\n"
                      "    ?fact rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object ;\n"
                      "          prov:wasDerivedFrom ?src .\n    OPTIONAL { ?fact kg:negated ?negated } }")
    if limits:
        rows = " ".join(f"<{f.predicate}>" for f in dict.fromkeys(limits))
        blocks.append("  { VALUES ?fact { " + rows + " }\n"
                      "    ?fact kg:limitOf ?subject ; kg:limitKind ?predicate ; rdfs:label ?object ;\n"
                      "          prov:wasDerivedFrom ?src . }")
    body = "\n  UNION\n".join(blocks)
    return (PREFIXES + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "SELECT ?fact ?subject ?predicate ?object ?negated ?file ?line ?text WHERE {\n" + body +
            "\n  ?src kg:file ?file ; kg:line ?line ; kg:sourceText ?text .\n} ORDER BY ?line")
