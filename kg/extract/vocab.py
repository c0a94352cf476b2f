"""Wording of the ontology (cues, section cues, head nouns, negations) read from ontology/kg.ttl."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kg.extract.lexicon import lemma_tokens as key_tokens
from kg.namespaces import ontology_dir
from kg.terms import local

KG = "https://w3id.org/heroku-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass
class Vocabulary:
    cues: list[tuple[tuple[str, ...], str]] = field(default_factory=list)  # lemma tokens -> property
    section_cues: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    head_nouns: dict[str, str] = field(default_factory=dict)  # lemma -> class local name
    negation: dict[str, str] = field(default_factory=dict)
    limit_kinds: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    exclusive: set[str] = field(default_factory=set)  # properties whose stated objects are the only ones

    @property
    def aspect_words(self) -> set[str]:
        return {w for toks, _ in self.section_cues for w in toks}


@cache
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    data = (path or ontology_dir() / "kg.ttl").read_bytes()
    by_prop: dict[str, list[tuple[str, str]]] = {}
    v_exclusive: set[str] = set()
    for t in ox.parse(data, format=ox.RdfFormat.TURTLE):
        p = t.predicate.value
        if p == RDF_TYPE and t.object.value == KG + "ExclusiveProperty":
            v_exclusive.add(local(t.subject))
        if p.startswith(KG):
            by_prop.setdefault(p[len(KG):], []).append((local(t.subject), getattr(t.object, "value", "")))
    v = Vocabulary(exclusive=v_exclusive)
    exclusive_of = {local(value): name for name, value in by_prop.get("exclusive", [])}
    for name, value in by_prop.get("cue", []):
        toks = tuple(key_tokens(value)) if value != "=" else ("=",)
        target = v.limit_kinds if name in ("Maximum", "Minimum", "Default") else v.cues
        target.append((toks, name))
        if toks[:1] == ("be",) and len(toks) > 1:
            target.append((toks[1:], name))  # a question says "available for", the cue "be available for"
            if name in exclusive_of.values():
                only = next(k for k, n in exclusive_of.items() if n == name)
                target.append((("only", *toks[1:]), only))  # "only available for": the exclusive property
    for name, value in by_prop.get("sectionCue", []):
        v.section_cues.append((tuple(key_tokens(value)), name))
    for name, value in by_prop.get("headNoun", []):
        v.head_nouns[" ".join(key_tokens(value))] = name
    for name, value in by_prop.get("negation", []):
        v.negation[name] = local(value)
    # longest wording first, so "only available for" wins over "available for"
    v.cues.sort(key=lambda c: -len(c[0]))
    v.section_cues.sort(key=lambda c: -len(c[0]))
    v.limit_kinds.sort(key=lambda c: -len(c[0]))
    return v


def match_cue(tokens: list[str], cues: list[tuple[tuple[str, ...], str]]) -> str | None:
    """First (longest) cue whose tokens appear contiguous inside `tokens`."""
    present = set(tokens)
    n = len(tokens)
    for cue, prop in cues:
        k = len(cue)
        if k == 0 or cue[0] not in present:
            continue
        if any(tuple(tokens[i:i + k]) == cue for i in range(n - k + 1)):
            return prop
    return None
