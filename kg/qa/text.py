"""Words of questions and of the notes, normalised the same way on both sides: lower case, a lemma from the
lemma table, a plural made singular when the notes or a dictionary know the singular. No word lists of
our own beyond English's closed-class words (spaCy's stop words, negators)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.english import English, lemma_of, stop_words

# English's negators: closed-class grammar, the same for every text
NEGATORS = frozenset({"not", "n't", "no", "never", "cannot", "can't", "don't", "doesn't", "isn't", "aren't",
                      "won't", "couldn't", "shouldn't", "wasn't", "weren't", "didn't", "nor"})
_TOKEN = re.compile(r"n't|[A-Za-z0-9][\w.:/+#*-]*[\w+#*]|[A-Za-z0-9*]")
_SPLIT = re.compile(r"[-_./:]")


@dataclass
class Words:
    """How one set of notes normalises words (its own words decide plurals: "dataclips" -> "dataclip")."""

    english: English

    def tokens(self, text: str) -> list[str]:
        """Lower-case tokens, names like "standard-2x" and "config:unset" kept whole."""
        return [t.lower() for t in _TOKEN.findall(text.replace("’", "'").replace("n't", " n't"))]

    def norm(self, token: str) -> str:
        w = token.lower()
        if w in NEGATORS:
            return "not"
        single = self.english.singular(w)
        return single if single != w else lemma_of(w)

    def terms(self, text: str) -> list[str]:
        """The content words of a text, normalised, each compound also as its parts ("standard-2x" ->
        "standard-2x standard 2x"): what retrieval matches on."""
        out: list[str] = []
        for tok in self.tokens(text):
            if tok in stop_words() and tok not in NEGATORS:
                continue
            out.append(self.norm(tok))
            parts = [p for p in _SPLIT.split(tok) if p]
            if len(parts) > 1:
                out.extend(self.norm(p) for p in parts if p not in stop_words())
        return out

    def content(self, text: str) -> set[str]:
        return {t for t in self.terms(text) if t != "not"}

    def name_key(self, text: str) -> tuple[str, ...]:
        return self.english.name_tokens(text)


def negated(text: str) -> bool:
    """Whether a piece of text says no: a negator among its words."""
    return any(t in NEGATORS for t in _TOKEN.findall(text.lower().replace("’", "'").replace("n't", " n't")))
