"""Whether an evidence line says yes or no to a question, read with the parser: the clause of the line
that shares most words with the question's main clause (not its "if ..." part), and whether that clause
is negated ("can't be used for Heroku Connect", "the new release isn't deployed") or says "only"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.qa.index import QAIndex

CLAUSE_DEPS = frozenset({"ROOT", "conj", "advcl", "relcl", "ccomp", "acl", "csubj", "parataxis"})
CONDITION_DEPS = frozenset({"advcl"})


@dataclass(frozen=True)
class Polarity:
    negated: bool
    only: bool
    matched: int  # question words in the chosen clause
    clause: str


def clause_head(tok: Any) -> Any:
    """The verb whose clause a token belongs to (itself, for a verb heading a clause)."""
    t = tok
    while t.head.i != t.i:
        if t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSE_DEPS:
            return t
        t = t.head
    return t


def main_terms(idx: QAIndex, doc: Any) -> set[str]:
    """The question's words outside its conditions: "If my migration fails, does the release go live?" ->
    release, go, live."""
    cond: set[int] = set()
    for tok in doc:
        if tok.dep_ in CONDITION_DEPS and any(c.dep_ == "mark" for c in tok.children):
            cond |= {t.i for t in tok.subtree}
    return {t for tok in doc if tok.i not in cond for t in idx.words.content(tok.text)}


def polarity(idx: QAIndex, doc: Any, asked: set[str]) -> Polarity:
    """The clause of `doc` with most `asked` words (ties: the later clause, whose words say what happens),
    negated when its verb (or one it hangs from) has a negation, or an object has "no"."""
    by_head: dict[int, set[str]] = {}
    for tok in doc:
        words = idx.words.content(tok.text) & asked
        if words:
            by_head.setdefault(clause_head(tok).i, set()).update(words)
    if not by_head:
        head = doc[:].root
        matched = 0
    else:
        best = max(by_head, key=lambda h: (len(by_head[h]), h))
        head, matched = doc[best], len(by_head[best])
    span = doc[head.left_edge.i:head.right_edge.i + 1]
    return Polarity(_negated(head), any(t.lower_ == "only" for t in span), matched, span.text)


def _negated(head: Any) -> bool:
    t = head
    for _ in range(3):  # "doesn't allow you to X": the negation of the verb X hangs from
        if any(c.dep_ == "neg" for c in t.children):
            return True
        if any(c.lower_ == "no" and c.dep_ == "det" for o in t.children for c in o.children):
            return True
        # "replaying dead letters is not possible": a clause as subject takes the negation of its verb
        if t.dep_ not in ("xcomp", "ccomp", "csubj", "csubjpass") or t.head.i == t.i:
            return False
        t = t.head
    return False
