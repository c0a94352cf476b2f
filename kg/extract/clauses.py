"""Clause-level helpers: units of a sentence (words, names, quantities), segments, the verb group,
parentheticals and coordinations. No state: the extractor in relations.py calls them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    NEGATIONS,
    PREPOSITIONS,
    PRONOUNS,
    STOP,
    is_adjective,
    is_noun,
    is_verb,
    is_verb_form,
    lemma,
)
from kg.extract.quantities import Quantity

SUBORDINATORS = {"whenever", "when", "if", "once", "to", "while", "because", "although", "unless", "since"}
CUE_VERBS = {"default", "require", "sync", "integrate", "replace"}
PREDICATE_ADJECTIVES = {"available", "unavailable", "compatible", "incompatible", "disabled", "enabled",
                        "mandatory", "required", "optional", "unique", "supported", "unsupported"}


@dataclass
class Unit:
    kind: str  # ENT | QTY | W
    text: str
    start: int
    end: int
    key: str | None = None
    quantity: Quantity | None = None

    @property
    def low(self) -> str:
        return self.text.lower()


def plan_tail(span: object) -> bool:
    words = [t.text.lower() for t in span]  # type: ignore[attr-defined]
    return bool(words) and all(lemma(w) in ("plan", "tier", "type", "add-on", "addon", "-", "on", "add")
                               for w in words)


def plain_phrase(units: list[Unit]) -> bool:
    """Two or more ordinary words, no names or numbers: one side of "fast startup and graceful shutdown"."""
    words = [u for u in units if u.kind == "W" and u.low not in DETERMINERS]
    return len(words) >= 2 and all(u.kind == "W" for u in units) and len(words) <= 4


def split_list(text: str) -> list[str]:
    """"Deploy code, run one-off dynos, and view config" -> three items (commas, final "and")."""
    text = re.sub(r"\*\*AND\*\*|\bAND\b", ",", text)
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?", text.strip().rstrip("."))]
    return [p for p in parts if p]


def split_parentheticals(units: list[Unit]) -> tuple[list[Unit], list[tuple[Unit | None, list[Unit]]]]:
    """Take "( ... )" out of a clause: each inside part comes back with the unit just before it."""
    outer: list[Unit] = []
    inner: list[tuple[Unit | None, list[Unit]]] = []
    depth = 0
    for u in units:
        if u.kind == "W" and u.text == "(":
            depth += 1
            if depth == 1:
                inner.append((outer[-1] if outer else None, []))
            continue
        if u.kind == "W" and u.text == ")" and depth:
            depth -= 1
            continue
        (inner[-1][1] if depth else outer).append(u)
    return outer, [(b, p) for b, p in inner if p]


def passive_effects(units: list[Unit]) -> list[str]:
    """"your app is restarted and a new release is created" -> ["app restart", "new release create"]."""
    out: list[str] = []
    words: list[str] = []
    for i, u in enumerate(units):
        if u.kind == "W" and u.low in ("is", "are", "gets", "get", "be") and i + 1 < len(units):
            part = units[i + 1].low
            if part.endswith("ed") and words:
                out.append(" ".join([*words, lemma(part)]))
            words = []
            continue
        if u.low in ("and", ",", "then") or u.low in DETERMINERS or u.low in PRONOUNS:
            if u.low in ("and", ",", "then"):
                words = []
            continue
        if u.text.isalpha() and not (u.low.endswith("ed") and not words):
            words.append(u.low if u.kind == "W" else u.text)
    return out


def _until_comma(units: list[Unit], start: int) -> list[Unit]:
    end = next((j for j in range(start, len(units)) if units[j].text == ","), len(units))
    return units[start:end]


def _has_verb(units: list[Unit]) -> bool:
    return any(u.kind == "W" and (u.low in AUXILIARIES or u.low in CUE_VERBS or is_verb_form(u.low)) for u in units)


def _has_clause(units: list[Unit]) -> bool:
    """An entity followed by a finite verb: a clause of its own, not a list item."""
    seen_ent = False
    for u in units:
        if u.kind == "ENT":
            seen_ent = True
        elif seen_ent and u.kind == "W" and (u.low in AUXILIARIES or u.low in CUE_VERBS or
                                              (is_verb_form(u.low) and not u.low.endswith("s"))):
            return True
    return False


def split_segments(units: list[Unit]) -> list[list[Unit]]:
    out: list[list[Unit]] = [[]]
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        after = units[i + 2] if i + 2 < len(units) else None
        in_list = after is None or (after.kind == "W" and (after.text == "," or after.low in ("and", "or")))
        if u.kind == "W" and u.text == "," and nxt is not None and nxt.kind == "W" and out[-1] and \
                (nxt.low in AUXILIARIES or nxt.low in NEGATIONS or (is_verb_form(nxt.low) and not in_list)):
            out.append([])  # ", runs in containers" starts a clause; "apps, pipelines, spaces, users" does not
            continue
        if u.kind == "W" and u.text == "," and out[-1] and _has_verb(out[-1]) and \
                out[-1][0].low not in SUBORDINATORS and _has_clause(_until_comma(units, i + 1)):
            out.append([])  # "in CR apps default to Basic dynos, Private spaces the default is private-M"
            continue
        if u.kind == "W" and u.text in (";", "-", "–", "=>", "<=>") and out[-1] and u.text not in ("<=>",):
            spaced = out[-1][-1].end < u.start and (nxt is None or nxt.start > u.end)
            if u.text in ("-", "–") and spaced:
                out.append([])
                continue
            if u.text == ";":
                out.append([])
                continue
        out[-1].append(u)
    return [s for s in out if s]


def find_verb(units: list[Unit]) -> int | None:
    for i, u in enumerate(units):
        if u.kind != "W":
            continue
        w = u.low
        prev = units[i - 1].low if i > 0 and units[i - 1].kind == "W" else ""
        if prev in ("all", "both") and i > 1 and units[i - 2].low.endswith("s") and is_verb(w):
            return i  # "CI build results all show up": the verb follows the quantifier after the subject
        if prev in DETERMINERS:
            continue
        if w in ("only",) and i + 1 < len(units) and units[i + 1].kind == "W" and \
                (is_verb(units[i + 1].text) or units[i + 1].low in PREDICATE_ADJECTIVES):
            return i
        if w in PREDICATE_ADJECTIVES:
            return i
        if w in AUXILIARIES or w in NEGATIONS or w in ("cannot", "can't"):
            return i
        if w in STOP or not w.isalpha():
            continue
        nxt = units[i + 1] if i + 1 < len(units) else None
        plural_noun = w.endswith("s") and i > 0 and (
            nxt is None or (nxt.kind == "W" and (nxt.text in ",;.)" or nxt.low in CONJUNCTIONS)) or
            (units[i - 1].kind == "W" and is_adjective(units[i - 1].low) and not is_verb(units[i - 1].low)))
        if i > 0 and units[i - 1].text == "," and (nxt is None or nxt.text in ",;." or nxt.low in CONJUNCTIONS):
            continue  # "notifications, merges, and results", "deployments, scaling, restarts": a list item
        if w.endswith("s") and nxt is not None and nxt.low in ("all", "both") and i > 0:
            continue  # "CI build results all show up": "results" is the subject, not a verb
        if is_verb_form(w) and not (u.text[:1].isupper() and i > 0) and not plural_noun:
            return i
        if w in CUE_VERBS and prev not in DETERMINERS and i > 0:
            return i
        if i == 0 and is_verb(w):
            return i
        if prev in ("to",) and is_verb(w) and i > 1:
            return i - 1
        if is_verb(w) and not is_noun(w):
            return i
    return None


def verb_group_end(units: list[Unit], v: int) -> int:
    i = v
    seen_verb = False
    while i < len(units):
        u = units[i]
        if u.kind != "W":
            break
        w = u.low
        if w in AUXILIARIES or w in NEGATIONS or w in ADVERBS or w in ("not", "n't", "to", "be", "cannot"):
            i += 1
            continue
        if not seen_verb and (is_verb(w) or w.endswith(("ed", "able", "ible")) or lemma(w) == "available"):
            seen_verb = True
            i += 1
            continue
        if seen_verb and (w in PREDICATE_ADJECTIVES or w in ("responsible", "able", "included", "limited", "based",
                                                            "used") or (w.endswith("ed") and is_verb_form(w))):
            i += 1
            continue
        if seen_verb and w in PREPOSITIONS and w not in ("as",):
            i += 1
            # keep one preposition with the verb ("syncs to", "compatible with")
            break
        break
    return max(i, v + 1)


def phrase_around(units: list[Unit], q: Unit) -> str:
    """What a number limits: the words of its clause around it, without the number itself."""
    words = [u.text for u in units if u is not q and u.kind != "QTY"]
    text = " ".join(words)
    return re.sub(r"\s+([,.;:)])", r"\1", text).strip(" -,.;:")[:120] or (q.quantity.unit if q.quantity else "")
