"""English word knowledge that needs no parse: WordNet's word lists and lemma look-up (spacy-lookups-data),
and the words of the notes being read. Used to normalise names before the parser runs."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kg.extract.lexicon import _lookup, word_class

DETERMINERS = frozenset({"a", "an", "the", "this", "that", "these", "those", "each", "every", "any", "all",
                         "some", "your", "their", "its", "our", "my", "both", "either", "no", "other"})
_WORD = re.compile(r"(?<![\w-])--?[a-z][\w-]*|(?<!\w)_+[A-Za-z0-9]\w*|[A-Za-z0-9][\w.:/+#@$-]*[\w+#]|[A-Za-z0-9]")
_ACRONYM_S = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z]*S\b")


@dataclass
class English:
    """Dictionary words and the notes' own words (which decide plurals: "dataclips" -> "dataclip")."""

    corpus_words: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)  # "KVS", "AWS": written in capitals, no plural
    # name_tokens is asked of the same texts tens of thousands of times per build: its answers, kept
    # (filled only after `of`, when the words that decide plurals are all known)
    _names: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, texts: Iterable[str]) -> English:
        eng = cls()
        for text in texts:
            eng.corpus_words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z-]+", text))
            eng.acronyms.update(w.lower() for w in _ACRONYM_S.findall(text) if sum(c.isupper() for c in w) >= 2)
        return eng

    def is_dictionary_word(self, word: str) -> bool:
        w = word.lower()
        if w in _stop_words():
            return True
        base = _lookup().get(w, w)  # "enables" -> "enable"
        if w in _lookup() or w in _lemmas():
            return True  # the lemma table knows words WordNet does not ("app")
        return any(base in word_class(p) or w in word_class(p) or self.singular(w) in word_class(p)
                   for p in ("noun", "verb", "adj", "adv"))

    def in_class(self, word: str, pos: str) -> bool:
        w = word.lower()
        return w in word_class(pos) or _lookup().get(w, w) in word_class(pos)

    def singular(self, word: str) -> str:
        """The singular of a plural noun, when a dictionary or the notes know the singular."""
        w = word.lower()
        if w in self.acronyms or len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
            return w
        found = _lookup().get(w)
        if found and found != w and w.startswith(found[:2]):
            return found
        for suffix, repl in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", "")):
            if w.endswith(suffix):
                cand = w[: -len(suffix)] + repl
                if cand in word_class("noun") or cand in self.corpus_words:
                    return cand
        return w

    @staticmethod
    def words(text: str) -> list[str]:
        """A text's words as names are written: "--dyno", "__e", "HTTP/2", "Heroku's"."""
        return _WORD.findall(text.replace("’", "'"))

    def name_tokens(self, text: str) -> tuple[str, ...]:
        """A name as normalised words: lower case, no determiner or possessive, the last word singular."""
        found = self._names.get(text)
        if found is None:
            found = self._names[text] = self._name_tokens(text)
        return found

    def _name_tokens(self, text: str) -> tuple[str, ...]:
        text = text.replace("’", "'").replace("'s ", " ").replace("s' ", "s ")
        toks = [t.lower().rstrip(".:") for t in _WORD.findall(text)]
        if len(toks) == 1 and toks[0].startswith("-"):
            return (toks[0],)  # a CLI option is its own name: "--dyno" is not "dyno"
        toks = [re.sub(r"'s?$", "", t) for t in toks if t]
        while len(toks) > 1 and toks[0] in DETERMINERS:
            toks = toks[1:]
        if toks:
            toks[-1] = self.singular(toks[-1])
        return tuple(t for t in toks if t)


@cache
def _lemmas() -> frozenset[str]:
    return frozenset(_lookup().values())


@cache
def _stop_words() -> frozenset[str]:
    """spaCy's English closed-class words ("some", "which", "also"), which WordNet does not list."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def words(text: str) -> list[tuple[int, int, str]]:
    """The words of a text with their character offsets (names, numbers, identifiers like pg:psql)."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def lemma_of(word: str) -> str:
    """The lemma table's lemma of a lower-case word, else the word ("captured" -> "capture"); a noun in its
    base form stays itself ("number" is no form of "numb")."""
    if word in word_class("noun") and not word.endswith(("s", "ing", "ed")):
        return word
    return _lookup().get(word, word)


def stop_words() -> frozenset[str]:
    return _stop_words()


def is_noun(word: str) -> bool:
    """A noun of WordNet, in any number ("plans", "plan")."""
    return word in word_class("noun") or _lookup().get(word, word) in word_class("noun")


def self_verb_form(word: str) -> bool:
    """"condenses", "syncs": a third-person verb form (the dictionary knows its base as a verb)."""
    base = _lookup().get(word, word[:-1])
    return base != word and base in word_class("verb")
