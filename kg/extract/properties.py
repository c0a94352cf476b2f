"""A clause's verb phrase -> the ontology property it expresses.

Each property of ontology/kg.ttl carries a few generic cue phrases (kg:cue, lemmas: "be available for",
"depend on"). A verb phrase maps to the property whose cue it matches on lemmas. Matching by similarity
in a static sentence-embedding space (wordllama) was measured (bench/fit_similarity.py) and is off: it
mapped far more phrases wrongly than rightly. A phrase that matches no cue stays a relation of its own,
named by its verb ("rel:run_in").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.extract.english import English, is_noun, stop_words
from kg.namespaces import KG, ontology_dir

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
# similarity a verb phrase needs to a cue phrase to take its property: fitted with 5-fold cross-validation on
# 293 labelled phrases of three notes files (bench/fit_similarity.py), every fold chose "never": wordllama's
# static embeddings mapped 40 phrases at 0.5, 3 of them right. Kept off; the cues on lemmas decide.
SIMILARITY_THRESHOLD = 1.01
# verbs that say nothing alone: "be", "have", "do" need an adjective, a preposition or a cue to mean something
LIGHT_VERBS = frozenset({"be", "have", "do", "get", "make", "go", "come", "give", "take", "show"})


@dataclass(frozen=True)
class Mapping:
    prop: str  # ontology local name ("requires") or a minted relation ("rel:run_in")
    how: str  # "cue" (matched on lemmas), "similar" (by embedding), "verb" (minted)
    score: float


@dataclass
class PropertyVocabulary:
    """Cues, section cues, negative counterparts and exclusive properties, read from the ontology."""

    cues: dict[str, str] = field(default_factory=dict)  # "be available for" -> "availableFor"
    section_cues: dict[str, str] = field(default_factory=dict)  # "plans" -> "hasPlan"
    negation: dict[str, str] = field(default_factory=dict)  # availableFor -> notAvailableFor
    exclusive: dict[str, str] = field(default_factory=dict)  # availableFor -> onlyAvailableWith
    context_object: set[str] = field(default_factory=set)  # "is disabled" with no object: where the section is
    head_nouns: dict[str, str] = field(default_factory=dict)  # "dyno" -> "DynoType"
    adverbs: dict[str, str] = field(default_factory=dict)  # "previously" -> "previouslyNamed"
    text_object: set[str] = field(default_factory=set)  # properties whose objects stay text (pros, cons)
    domain: dict[str, str] = field(default_factory=dict)  # grants -> Privilege
    labels: dict[str, str] = field(default_factory=dict)
    aspect_nouns: set[str] = field(default_factory=set)  # "limit" of "has limit": a property named by a noun
    embedder: Any = None
    _cue_vectors: Any = None

    def map(self, phrase: str, negated: bool = False, only: bool = False, exact: bool = False) -> Mapping | None:
        """The property of a lemmatised verb phrase ("be use with"), or None when it says nothing.
        exact: the preposition must be the cue's own ("support on" of "supports X on 32 dynos" is no
        "support": the verb's object is X, the place an adjunct)."""
        found = self._lookup(phrase, exact)
        if found is None:
            return self._minted(phrase)
        prop = found.prop
        if only and prop in self.exclusive:
            prop = self.exclusive[prop]
        if negated and prop in self.negation:
            prop = self.negation[prop]
        return Mapping(prop, found.how, found.score)

    def _lookup(self, phrase: str, exact: bool = False) -> Mapping | None:
        words = phrase.split()
        last = len(words) - 1 if exact else 0
        for cut in range(len(words), last, -1):  # "sync to" -> "sync": a cue without its preposition
            cand = " ".join(words[:cut])
            if cand in self.cues and (cut == len(words) or _preposition_only(words[cut:])):
                if cut < len(words) and any(c.startswith(cand + " ") for c in self.cues):
                    break  # "integrate for": the verb's cues name their prepositions ("integrate with")
                return Mapping(self.cues[cand], "cue", 1.0)
        return self._similar(phrase)

    def _similar(self, phrase: str) -> Mapping | None:
        if self.embedder is None or not phrase or (phrase.split()[0] in LIGHT_VERBS and len(phrase.split()) == 1):
            return None
        import numpy as np

        if self._cue_vectors is None:
            self._cue_vectors = self.embedder.embed(list(self.cues), norm=True)
        vec = self.embedder.embed([phrase], norm=True)[0]
        sims = self._cue_vectors @ vec
        best = int(np.argmax(sims))
        score = float(sims[best])
        if score < SIMILARITY_THRESHOLD:
            return None
        return Mapping(self.cues[list(self.cues)[best]], "similar", score)

    def advises(self, lemma: str) -> bool:
        """Whether a verb says to do what follows it ("recommended to use X"): the verb of a cue of
        recommendedFor ("be recommend for", "be suggest for")."""
        return any(prop == "recommendedFor" and cue.split()[1:2] == [lemma] for cue, prop in self.cues.items())

    @staticmethod
    def _minted(phrase: str) -> Mapping | None:
        words = phrase.split()
        content = [w for w in words if w not in ("be", "have", "do")]
        if not content or (len(words) == 1 and words[0] in LIGHT_VERBS) or \
                (words[0] in ("be", "have", "do") and len(words) == 2):
            return None  # "is for", "has in": a preposition says nothing alone
        return Mapping("rel:" + "_".join(words if words[0] != "be" or len(words) > 2 else content), "verb", 0.5)

    def allows(self, prop: str, classes: set[str]) -> bool:
        """Whether a subject of these classes may take the property (kg:domainClass)."""
        cls = self.domain.get(prop)
        return cls is None or cls in classes

    def section_property(self, lemmas: list[str]) -> str | None:
        """The property a heading or list intro names by its head noun ("Plans" -> hasPlan, "Sync
        performance factors" -> factor, "Prerequisites for SSO" -> requires), or by a cue phrase of two
        words or more anywhere ("Use when", "When to use")."""
        for n in range(len(lemmas), 1, -1):
            for i in range(len(lemmas) - n + 1):
                found = self.section_cues.get(" ".join(lemmas[i:i + n]))
                if found:
                    return found
        cut = next((i for i, w in enumerate(lemmas) if i and w in _LINK_WORDS), len(lemmas))
        head = lemmas[:cut]
        return self.section_cues.get(head[-1]) if head else None

    def section_property_of(self, words: list[str], singular: Callable[[str], str]) -> str | None:
        """As section_property, for the words as written: a head noun names a relation when plural or
        alone ("Plans", "Sync performance factors", "Prerequisites for X"), not when it names one thing
        ("Turbo tier", "Heroku Connect plan")."""
        lemmas = [singular(w.lower()) for w in words]
        found = self.section_property(lemmas)
        if found is None or any(" ".join(lemmas[i:i + n]) in self.section_cues
                                for n in range(2, len(lemmas) + 1) for i in range(len(lemmas) - n + 1)):
            return found
        cut = next((i for i, w in enumerate(lemmas) if i and w in _LINK_WORDS), len(lemmas))
        head = words[cut - 1].lower() if cut else ""
        plural = singular(head) != head
        return found if plural or cut == 1 else None


_LINK_WORDS = frozenset({"for", "with", "of", "in", "on", "to", "that", "which", "captured", "gathered", "by",
                         "from", "and", "or", "&", "/"})


def plural_relation(words: list[str], eng: English) -> str | None:
    """"Adapters", "header fields": a plural noun (phrase) names the things it heads as the subject's
    adapters, header fields: a relation of its own, rel:has_adapter, rel:has_header_field."""
    low = [w.lower() for w in words]
    if not low or not all(w.isalpha() for w in low):
        return None
    noun = eng.singular(low[-1])
    if noun == low[-1] or not eng.is_dictionary_word(noun):
        return None
    return "rel:has_" + "_".join([*low[:-1], noun])


def _preposition_only(words: list[str]) -> bool:
    return len(words) == 1 and words[0].isalpha() and len(words[0]) <= 7


_PROPERTY_TYPES = frozenset({"http://www.w3.org/2002/07/owl#ObjectProperty",
                             "http://www.w3.org/2002/07/owl#DatatypeProperty"})


def _label_noun(label: str) -> str:
    """The noun a property's label names it by: "has limit" -> "limit", "restriction"; "" for a verb
    ("requires") or a phrase ("only available with")."""
    words = label.split()
    if len(words) == 2 and words[0] == "has":
        words = words[1:]
    if len(words) != 1 or not words[0].isalpha() or words[0].endswith("s") or words[0] in stop_words():
        return ""
    return words[0] if is_noun(words[0]) else ""


@cache
def load_properties(path: Path | None = None, embed: bool = True) -> PropertyVocabulary:
    data = (path or ontology_dir() / "kg.ttl").read_bytes()
    v = PropertyVocabulary()
    properties: set[str] = set()
    for t in ox.parse(data, format=ox.RdfFormat.TURTLE):
        s, p, o = t.subject.value, t.predicate.value, t.object
        if not s.startswith(KG):
            continue
        name = s[len(KG):]
        value = getattr(o, "value", "")
        if p == KG + "cue":
            v.cues[value.lower()] = name
        elif p == KG + "sectionCue":
            v.section_cues[value.lower()] = name
        elif p == KG + "negation":
            v.negation[name] = value[len(KG):]
        elif p == KG + "exclusive":
            v.exclusive[name] = value[len(KG):]
        elif p == KG + "contextObject":
            v.context_object.add(name)
        elif p == KG + "textObject":
            v.text_object.add(name)
        elif p == KG + "domainClass":
            v.domain[name] = value[len(KG):]
        elif p == KG + "adverbCue":
            v.adverbs[value.lower()] = name
        elif p == KG + "headNoun":
            v.head_nouns[value.lower()] = name
        elif p == "http://www.w3.org/2000/01/rdf-schema#label":
            v.labels[name] = value
        elif p == RDF_TYPE and value in _PROPERTY_TYPES:
            properties.add(name)
    v.aspect_nouns = {noun for name in properties for noun in [_label_noun(v.labels.get(name, ""))] if noun}
    if embed and SIMILARITY_THRESHOLD <= 1:
        v.embedder = load_embedder()
    return v


def load_embedder() -> Any:
    """wordllama's static embeddings, from the files inside its wheel (it never downloads here)."""
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        return None
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
