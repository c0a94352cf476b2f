"""The graph, read once into plain Python structures for answering questions fast (no SPARQL per
question): entities with labels and types, reified statements, limits, literals, and every line of the
notes with its place in the markdown (heading path, the item or paragraph it sits under)."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.extract.english import English
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, KG, ONTOLOGY_GRAPH
from kg.qa.text import Words
from kg.store import graph_file

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OWL_CLASS = "http://www.w3.org/2002/07/owl#Class"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
KGNS = KG
# properties whose objects are statements of the notes kept as text: answered like facts
TEXT_OBJECTS = frozenset({"advantage", "disadvantage", "usedWhen"})


@dataclass(frozen=True)
class SourceLine:
    file: str
    line: int
    section: str
    text: str

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "section": self.section, "text": self.text}


@dataclass
class Line:
    """One line of the notes where it stands: what kind of markdown block, the line it sits under (a
    list's parent item, or for a list's top items the paragraph or heading that leads it), its items."""

    source: SourceLine
    kind: str
    iri: str = ""
    lead: str = ""  # the bold or code term the line starts with
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return self.source.text


@dataclass
class Statement:
    s: str
    p: str  # property IRI
    o: str
    negated: bool
    wording: str
    source: SourceLine | None


@dataclass
class LimitRec:
    iri: str
    subject: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    kind: str
    limits: str
    label: str
    compared_to: float | None
    source: SourceLine | None
    scope: tuple[str, ...] = ()  # entities the amount holds in ("50 in Enterprise")


@dataclass
class QAIndex:
    labels: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # statement#text -> a value in the notes' words
    alt: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    statements: list[Statement] = field(default_factory=list)
    limits: list[LimitRec] = field(default_factory=list)
    literals: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    mentions: dict[str, list[SourceLine]] = field(default_factory=lambda: defaultdict(list))
    inferred: set[tuple[str, str, str]] = field(default_factory=set)
    prop_labels: dict[str, str] = field(default_factory=dict)
    forms: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    by_entity: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    limits_of: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_line: dict[tuple[str, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    brand: frozenset[str] = frozenset()  # the word that starts many names ("Heroku ..."), found in _finish
    classes: dict[str, set[str]] = field(default_factory=dict)  # entity -> its asserted classes
    class_parents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # from the ontology
    class_labels: dict[str, str] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)  # short id -> entity, filled on first use
    lines: list[Line] = field(default_factory=list)  # in reading order
    line_at: dict[tuple[str, int], int] = field(default_factory=dict)
    words: Words = field(default_factory=lambda: Words(English()))
    idf: dict[str, float] = field(default_factory=dict)  # of each normalised word over the lines
    context: list[frozenset[str]] = field(default_factory=list)  # a line's words with what it sits under
    name_words: dict[str, list[frozenset[str]]] = field(default_factory=dict)  # entity -> words of each name
    inferred_out: dict[str, set[tuple[str, str, str]]] | None = None  # entity -> its inferred edges, on first use

    def unbranded(self, name: str) -> str:
        """A name without the brand word in front: "Heroku Connect" -> "Connect"."""
        first, _, rest = name.partition(" ")
        return rest if rest and first.lower() in self.brand else name

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or self.texts.get(iri) or iri.rsplit("/", 1)[-1]

    def names(self, iri: str) -> set[str]:
        return {self.label(iri), *self.alt.get(iri, set())}

    def words_of_names(self, iri: str) -> list[frozenset[str]]:
        found = self.name_words.get(iri)
        if found is None:
            found = self.name_words[iri] = [frozenset(self.words.content(n)) for n in self.names(iri)]
        return found

    def prop_name(self, p: str) -> str:
        local = p.rsplit("#", 1)[-1].rsplit("/", 1)[-1].replace("_", " ")
        return self.prop_labels.get(p) or re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local).lower()  # "commandFor"


def _v(term: object) -> str:
    return str(getattr(term, "value", term))


def load_index(build_dir: Path) -> QAIndex:
    data = graph_file(build_dir).read_bytes()
    return build_index(ox.parse(data, format=ox.RdfFormat.N_QUADS))


def build_index(quads: object) -> QAIndex:
    idx = QAIndex()
    by_node: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for q in quads:  # type: ignore[attr-defined]
        g = _v(q.graph_name)
        s, p, o = _v(q.subject), _v(q.predicate), q.object
        if g == INFERRED_GRAPH:
            if isinstance(o, ox.NamedNode):
                if p == RDF + "type":
                    idx.types[s].add(_v(o).rsplit("#", 1)[-1])
                else:
                    idx.inferred.add((s, p, _v(o)))
            continue
        if g == ONTOLOGY_GRAPH:
            _read_schema(idx, s, p, o)
            continue
        if g != ASSERTED_GRAPH:
            continue
        by_node[s][p].append(o)
    sources: dict[str, SourceLine] = {}
    blocks: dict[str, tuple[str, str | None, str]] = {}
    for node, props in by_node.items():
        if KGNS + "SourceLine" in {_v(t) for t in props.get(RDF + "type", [])}:
            sources[node] = SourceLine(_v(props[KGNS + "file"][0]), int(_v(props[KGNS + "line"][0])),
                                       _v(props[KGNS + "section"][0]), _v(props[KGNS + "sourceText"][0]))
            within = props.get(KGNS + "withinLine")
            blocks[node] = (_v(props.get(KGNS + "blockKind", ["para"])[0]), _v(within[0]) if within else None,
                            _v(props.get(KGNS + "leadText", [""])[0]))
    for node, props in by_node.items():
        types = {_v(t).rsplit("#", 1)[-1] for t in props.get(RDF + "type", [])}
        src = sources.get(_v(props[PROV_DERIVED][0])) if props.get(PROV_DERIVED) else None
        if "Statement" in types:
            obj = props[RDF + "object"][0]
            if isinstance(obj, ox.Literal):  # a value in the notes' words (a pro, a description)
                if _v(props[RDF + "predicate"][0]).rsplit("#", 1)[-1] not in TEXT_OBJECTS:
                    continue
                text_node = f"{node}#text"
                idx.texts[text_node] = _v(obj)
                obj = text_node
            idx.statements.append(Statement(_v(props[RDF + "subject"][0]), _v(props[RDF + "predicate"][0]),
                                            _v(obj),
                                            _v(props.get(KGNS + "negated", ["false"])[0]) == "true",
                                            _v(props.get(KGNS + "wording", [""])[0]), src))
        elif "Limit" in types:
            def num(key: str, props: dict[str, list[object]] = props) -> float | None:
                vals = props.get(KGNS + key)
                return float(_v(vals[0])) if vals else None

            idx.limits.append(LimitRec(node, _v(props[KGNS + "limitOf"][0]), num("value"), num("minValue"),
                                       num("maxValue"), _v(props.get(KGNS + "unitText", [""])[0]),
                                       _v(props[KGNS + "limitKind"][0]).rsplit("#", 1)[-1],
                                       _v(props.get(KGNS + "limits", [""])[0]), _v(props[RDFS + "label"][0]),
                                       num("comparedTo"), src,
                                       tuple(_v(w) for w in props.get(KGNS + "appliesIn", []))))
        elif types & {"Entity", "Phrase", "ObjectProperty"}:
            if "ObjectProperty" in types and props.get(RDFS + "label"):
                idx.prop_labels[node] = _v(props[RDFS + "label"][0])
            if not types & {"Entity", "Phrase"}:
                continue
            idx.types[node] |= types
            idx.classes[node] = types - {"Entity"}
            idx.labels[node] = _v((props.get(SKOS + "prefLabel") or props[RDFS + "label"])[0])
            idx.alt[node] |= {_v(a) for a in props.get(SKOS + "altLabel", [])}
            for m in props.get(KGNS + "mentionedIn", []):
                if _v(m) in sources:
                    idx.mentions[node].append(sources[_v(m)])
            for key in ("purpose", "description", "status"):
                for val in props.get(KGNS + key, []):
                    idx.literals[node].append((key, _v(val)))
    _read_lines(idx, sources, blocks)
    _finish(idx)
    return idx


def _read_lines(idx: QAIndex, sources: dict[str, SourceLine],
                blocks: dict[str, tuple[str, str | None, str]]) -> None:
    """The notes' lines in reading order; a list's top items sit under the paragraph or heading just above
    the list ("Metrics gathered for web dynos only:" leads "- Response time")."""
    order = sorted(sources, key=lambda n: (sources[n].file, sources[n].line))
    position = {node: i for i, node in enumerate(order)}
    lead: int | None = None
    for i, node in enumerate(order):
        kind, within, lead_text = blocks.get(node, ("para", None, ""))
        line = Line(sources[node], kind, node, lead_text)
        if within is not None and within in position:
            line.parent = position[within]
        elif kind == "item" and lead is not None:
            line.parent = lead
        if kind != "item" and line.parent is None:  # a heading, its first paragraph, a caption leads a list
            leads = kind == "heading" or (kind == "para" and (
                line.text.rstrip().endswith(":") or len(line.text.split()) <= 4 or  # "**Cons**": a caption
                (bool(idx.lines) and idx.lines[-1].kind == "heading")))
            lead = i if leads else None
        idx.lines.append(line)
        idx.line_at[(line.source.file, line.source.line)] = i
    for i, line in enumerate(idx.lines):
        if line.parent is not None:
            idx.lines[line.parent].children.append(i)


def _read_schema(idx: QAIndex, s: str, p: str, o: object) -> None:
    if not s.startswith(KGNS):
        return
    if p == RDF + "type" and _v(o) == OWL_CLASS:
        idx.class_parents.setdefault(s[len(KGNS):], set())
    elif p == RDFS + "subClassOf" and _v(o).startswith(KGNS):
        idx.class_parents[s[len(KGNS):]].add(_v(o)[len(KGNS):])
    elif p == RDFS + "label" and s[len(KGNS):][:1].isupper():  # classes are capitalised, properties not
        idx.class_labels[s[len(KGNS):]] = _v(o)


def _brand(idx: QAIndex) -> frozenset[str]:
    """The capitalised word that starts many multi-word names: the notes' brand ("Heroku")."""
    firsts: Counter[str] = Counter()
    for label in idx.labels.values():
        words = label.split()
        if len(words) > 1 and words[0][:1].isupper() and words[0].isalpha():
            firsts[words[0].lower()] += 1
    if not firsts:
        return frozenset()
    word, count = firsts.most_common(1)[0]
    return frozenset({word}) if count >= 5 else frozenset()


def _finish(idx: QAIndex) -> None:
    idx.class_labels = {c: label for c, label in idx.class_labels.items() if c in idx.class_parents}
    idx.words = Words(English.of([line.text for line in idx.lines] + list(idx.labels.values())))
    idx.brand = _brand(idx)
    for i, st in enumerate(idx.statements):
        idx.by_entity[st.s].append(i)
        idx.by_entity[st.o].append(i)
        if st.source:
            key = (st.source.file, st.source.line)
            idx.by_line[key].append(i)
            at = idx.line_at.get(key)
            if at is not None:
                idx.lines[at].entities |= {st.s, st.o} & idx.labels.keys()
    for i, lim in enumerate(idx.limits):
        idx.limits_of[lim.subject].append(i)
    for iri, sources in idx.mentions.items():
        for src in sources:
            at = idx.line_at.get((src.file, src.line))
            if at is not None:
                idx.lines[at].entities.add(iri)
    df: Counter[str] = Counter()
    own = [frozenset(idx.words.content(line.text)) for line in idx.lines]
    sections = {sec: frozenset(idx.words.content(sec)) for sec in {line.source.section for line in idx.lines}}
    for i, line in enumerate(idx.lines):
        df.update(own[i] | sections[line.source.section])
        words = set(own[i]) | sections[line.source.section]
        parent, depth = line.parent, 0
        while parent is not None and depth < 3:
            words |= own[parent]
            parent, depth = idx.lines[parent].parent, depth + 1
        idx.context.append(frozenset(words))
    n = max(1, len(idx.lines))
    idx.idf = {w: math.log(1 + n / c) for w, c in df.items()}
    for iri in idx.labels:
        for name in idx.names(iri):
            toks = idx.words.name_key(name)
            if toks:
                idx.forms[toks].add(iri)
