"""Retrieval and scoring for question answering: the statements around a question's entities and words,
each scored by how well its wording, relation and source line match the question (IDF-weighted)."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kg.extract.lexicon import STOP, lemma_tokens, verb_stem
from kg.namespaces import KG
from kg.qa_index import QAIndex, SourceLine, Statement
from kg.qa_question import Understanding


@dataclass
class Answer:
    label: str
    iri: str | None = None
    value: Any = None
    unit: str | None = None
    sources: list[SourceLine] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        value = int(self.value) if isinstance(self.value, float) and self.value.is_integer() else self.value
        return {"label": self.label, "iri": self.iri, "value": value, "unit": self.unit,
                "sources": [s.as_dict() for s in self.sources]}


@cache
def PROPERTY_WORDS() -> dict[str, frozenset[str]]:  # noqa: N802
    """Words of each ontology property: its label, cues and section cues ("has role" + "levels")."""
    from kg.extract.vocab import load_vocabulary

    v = load_vocabulary()
    out: dict[str, set[str]] = defaultdict(set)
    for cues in (v.cues, v.section_cues):
        for toks, prop in cues:
            out[KG + prop] |= set(toks)
    return {k: frozenset(w - STOP) for k, w in out.items()}


@cache
def ASPECT_WORDS() -> dict[str, frozenset[str]]:  # noqa: N802
    """Heading words that name a property ("cons" -> disadvantage, "factors" -> factor)."""
    from kg.extract.vocab import load_vocabulary

    out: dict[str, set[str]] = defaultdict(set)
    for toks, prop in load_vocabulary().section_cues:
        if len(toks) == 1:
            out[KG + prop].add(toks[0])
    return {k: frozenset(w - STOP) for k, w in out.items()}


def fact_words(idx: QAIndex, st: Statement) -> set[str]:
    cached = idx.fact_words.get(id(st))
    if cached is not None:
        return cached
    words = set(lemma_tokens(idx.prop_name(st.p))) | set(lemma_tokens(st.wording))
    words |= PROPERTY_WORDS().get(st.p, frozenset())
    if st.source:
        words |= set(lemma_tokens(st.source.text)) | set(lemma_tokens(st.source.section.split(" > ")[-1]))
    words |= set(lemma_tokens(idx.label(st.o))) | set(lemma_tokens(idx.label(st.s)))
    idx.fact_words[id(st)] = words
    return words


def mentions(text: str, name: str) -> bool:
    n = name.lower()
    return len(n) >= 2 and bool(re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", text))


@cache
def accepts(w: str) -> frozenset[str]:
    """The words that count as a match for question word w: itself, its verb, its synonyms."""
    return frozenset({w, verb_stem(w)} | _SYN.get(w, set()))


def overlap(idx: QAIndex, qwords: list[str], words: set[str] | frozenset[str]) -> float:
    if not qwords:
        return 0.0
    total = 0.0
    hit = 0.0
    for w in qwords:
        weight = idx.weight(w)
        total += weight
        if not accepts(w).isdisjoint(words):
            hit += weight
    return hit / total if total else 0.0


_SYN = {"need": {"require", "requires", "prerequisite", "must"}, "require": {"need", "must", "prerequisite"},
        "available": {"only", "use", "support"}, "use": {"used", "available"}, "kind": {"type"},
        "type": {"kind"}, "remove": {"unset", "delete"}, "delete": {"remove", "unset"}, "level": {"levels"},
        "part": {"include", "together", "bring"}, "pr": {"pull", "request"}, "first": {"start", "initial"},
        "automatically": {"auto", "automatic"}, "auto": {"automatically"}, "stage": {"stages"},
        "offer": {"support", "include", "enable", "provide"},
        "cover": {"grant", "allow", "include"},
        "minimum": {"least", "min"}, "maximum": {"most", "much", "max", "up"}, "recommend": {"should", "choose",
        "sufficient", "best"}, "pros": {"advantage", "pro"}, "advantage": {"pro"},
        "permission": {"privilege"}, "privilege": {"permission"}}


@dataclass
class Candidate:
    answer: str
    statement: Statement
    score: float
    anchor: str
    forward: bool


def anchor_weight(idx: QAIndex, iri: str) -> float:
    """Specific entities count more than hubs ("Heroku", "app") and phrase nodes."""
    degree = len(idx.by_entity.get(iri, ())) + 1
    w = 1.5 / math.log(2 + degree)
    if "Concept" in idx.types.get(iri, set()):
        w *= 0.6
    return min(1.0, w * 2)


def _pool(idx: QAIndex, u: Understanding) -> list[int]:
    """Statements about the linked entities, and those whose source line matches most question words."""
    seen: dict[int, None] = {}
    for e in u.entities:
        for i in idx.by_entity.get(e, []):
            seen[i] = None
    words = u.words + u.mention_words
    if words:
        total = sum(idx.weight(w) for w in words)
        for line, ids in idx.by_line.items():
            text_words = idx.line_words[line]
            hit = sum(idx.weight(w) for w in words if w in text_words)
            if total and hit / total >= 0.5:
                for i in ids:
                    seen[i] = None
        postings = _word_postings(idx)
        near: set[int] = set()
        for w in words:
            for a in accepts(w):
                near |= postings.get(a, set())
        for i in near:
            if i not in seen and overlap(idx, words, fact_words(idx, idx.statements[i])) >= 0.6:
                seen[i] = None
    return list(seen)


def _word_postings(idx: QAIndex) -> dict[str, set[int]]:
    """Word -> statements whose words (wording, predicate, labels, source line) hold it; built once."""
    if not idx.postings:
        for i, st in enumerate(idx.statements):
            for w in fact_words(idx, st):
                idx.postings.setdefault(w, set()).add(i)
    return idx.postings


def candidates(idx: QAIndex, u: Understanding) -> list[Candidate]:
    anchors = set(u.entities)
    weights = {e: anchor_weight(idx, e) for e in anchors}
    out: list[Candidate] = []
    words = u.words + [w for w in u.mention_words if w not in u.words]
    for i in _pool(idx, u):
        st = idx.statements[i]
        fw = fact_words(idx, st)
        rel = 0.7 * overlap(idx, u.words, fw) + 0.3 * overlap(idx, words, fw)
        cover = sum(weights[x] for x in anchors if x in (st.s, st.o))
        text = st.source.text.lower() if st.source else ""
        cover += 0.8 * sum(weights[x] for x in anchors - {st.s, st.o}
                           if any(mentions(text, n) for n in idx.names(x)))
        score = cover + 2.0 * rel
        if not ASPECT_WORDS().get(st.p, frozenset()).isdisjoint(u.words):
            score += 0.6  # "what are the cons of X": the relation the asked noun names
        if st.s in anchors and st.o not in anchors:
            out.append(Candidate(st.o, st, score, st.s, True))
        elif st.o in anchors and st.s not in anchors:
            out.append(Candidate(st.s, st, score - 0.1, st.o, False))
        elif st.s in anchors:
            out.append(Candidate(st.o, st, score, st.s, True))
        else:  # found by its words alone: either end may be the answer
            out.append(Candidate(st.o, st, score, st.s, True))
            out.append(Candidate(st.s, st, score - 0.1, st.o, False))
    return sorted(out, key=lambda c: -c.score)


def statement_sparql(st: Statement, forward: bool) -> str:
    var_end = "?object" if forward else "?subject"
    fixed = f"rdf:subject <{st.s}>" if forward else f"rdf:object <{st.o}>"
    other = "rdf:object" if forward else "rdf:subject"
    return ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX kg: <https://w3id.org/heroku-kg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
            f"SELECT {var_end} ?label ?negated ?line ?text WHERE {{\n  ?st a kg:Statement ; {fixed} ;\n"
            f"      rdf:predicate <{st.p}> ; {other} {var_end} ; kg:negated ?negated ;\n"
            f"      prov:wasDerivedFrom [ kg:line ?line ; kg:sourceText ?text ] .\n  {var_end} rdfs:label ?label .\n}}")
