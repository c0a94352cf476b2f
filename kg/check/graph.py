"""What the checker reads from a build beyond the question index: the ontology's vocabulary (the nouns that
name each class, the exclusive and negative properties, the cues of a recommendation), the statements that
say "only", and the restrictions in the notes' words ("cannot be enabled after ..."), each with its line."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.lookup import ancestors
from kg.namespaces import ASSERTED_GRAPH, KG, ONTOLOGY_GRAPH
from kg.qa.index import QAIndex, SourceLine, load_index
from kg.store import graph_file

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
# classes too general to say what slot of a design a thing fills
VAGUE_CLASSES = frozenset({"Entity", "Phrase", "Capability", "Topic"})


@dataclass(frozen=True)
class Restriction:
    subject: str
    text: str
    source: SourceLine | None


@dataclass
class Vocabulary:
    """The ontology's generic words: no fact of the notes."""

    head_nouns: dict[str, str] = field(default_factory=dict)  # "dyno" -> "DynoType"
    generic_nouns: frozenset[str] = frozenset()  # head nouns and section cues ("type", "plan")
    sub_properties: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # p -> its parents
    exclusive: set[str] = field(default_factory=set)  # properties whose objects are the only ones
    recommend_cues: set[str] = field(default_factory=set)  # the words of kg:recommendedFor's cues

    def is_sub_property(self, p: str, parent: str) -> bool:
        return p == parent or parent in ancestors(self.sub_properties, p)


@dataclass
class RuleGraph:
    """The question index of a build, with what the rules need that the index leaves out."""

    index: QAIndex
    vocab: Vocabulary
    only: set[tuple[str, str, str, int]] = field(default_factory=set)  # (s, p, o, line) said with "only"
    restrictions: list[Restriction] = field(default_factory=list)
    build: Path = Path()
    word_cache: dict[str, frozenset[str]] = field(default_factory=dict)  # name -> its words (kg.check.match)
    by_words: dict[frozenset[str], set[str]] = field(default_factory=dict)  # distinctive words -> entities
    known: set[str] = field(default_factory=set)  # every name, id and IRI resolve() knows, case-folded


def load_rule_graph(build: Path, index: QAIndex | None = None) -> RuleGraph:
    """Read a build folder (one build's own, or a folder with `current`) for checking designs."""
    path = graph_file(build)
    quads = ox.parse(path.read_bytes(), format=ox.RdfFormat.N_QUADS)
    graph = RuleGraph(index or load_index(path.parent), Vocabulary(), build=path.parent)
    _read(graph, quads)
    return graph


def _v(term: object) -> str:
    return str(getattr(term, "value", term))


def _read(graph: RuleGraph, quads: object) -> None:
    schema: list[tuple[str, str, str]] = []
    nodes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for q in quads:  # type: ignore[attr-defined]
        g = _v(q.graph_name)
        if g == ONTOLOGY_GRAPH:
            schema.append((_v(q.subject), _v(q.predicate), _v(q.object)))
        elif g == ASSERTED_GRAPH and _v(q.predicate) in _STATEMENT_KEYS:
            nodes[_v(q.subject)][_v(q.predicate)].append(_v(q.object))
    _read_vocabulary(graph.vocab, schema)
    sources = {line.iri: line.source for line in graph.index.lines}
    for props in nodes.values():
        _read_statement(graph, props, sources)


_STATEMENT_KEYS = frozenset({RDF + "subject", RDF + "predicate", RDF + "object", KG + "only", PROV_DERIVED})


def _read_vocabulary(vocab: Vocabulary, schema: list[tuple[str, str, str]]) -> None:
    for s, p, o in schema:
        if p == KG + "headNoun" and s.startswith(KG):
            vocab.head_nouns[o.lower()] = s[len(KG):]
            vocab.generic_nouns |= {o.lower()}
        elif p == KG + "sectionCue":
            vocab.generic_nouns |= set(o.lower().split())
        elif p == RDFS + "subPropertyOf":
            vocab.sub_properties[s].add(o)
        elif p == RDF + "type" and o == KG + "ExclusiveProperty":
            vocab.exclusive.add(s)
        elif p == KG + "cue" and s == KG + "recommendedFor":
            vocab.recommend_cues.update(w for w in o.lower().split() if w not in {"be", "for"})


def _read_statement(graph: RuleGraph, props: dict[str, list[str]], sources: dict[str, SourceLine]) -> None:
    if not props.get(RDF + "predicate") or not props.get(RDF + "subject"):
        return
    subject, predicate = props[RDF + "subject"][0], props[RDF + "predicate"][0]
    src = sources.get(props[PROV_DERIVED][0]) if props.get(PROV_DERIVED) else None
    if predicate == KG + "restriction" and props.get(RDF + "object"):
        graph.restrictions.append(Restriction(subject, props[RDF + "object"][0], src))
    elif props.get(KG + "only") == ["true"] and props.get(RDF + "object"):
        graph.only.add((subject, predicate, props[RDF + "object"][0], src.line if src else 0))
