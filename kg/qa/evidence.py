"""Reading a line of evidence: its lead term, the parts it lists, the clause that best matches a question,
and how much of the question it covers. Markdown and punctuation only: notes are written in fragments."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg.qa.index import QAIndex
from kg.qa.question import Link, Question

_LEAD_SEP = re.compile(r"\s+[-–—]\s+|:\s+")
_PAREN = re.compile(r"\s*\([^()]*\)")
_CLAUSE_SEP = re.compile(r"(?<=[.!?;])\s+|\s+[-–—]\s+|,\s+|;\s*|:\s+")
_LAST_AND = re.compile(r"^(.+?)\s+and\s+(.+)$")
_FINAL_CONJUNCT = re.compile(r",\s+(?:and|or)\s+")  # "A, B, or C": what comes after C's comma is no item
_LIST_SEP = re.compile(r",\s+(?:and\s+|or\s+)?|;\s*|\s+AND\s+")  # "A AND B": a quiz's answers
MAX_LEAD_WORDS = 6


@dataclass(frozen=True)
class Item:
    label: str
    line: int  # index into idx.lines
    negated: bool = False


def plain(text: str) -> str:
    return _PAREN.sub("", text).strip(" .,;:")


def lead(idx: QAIndex, i: int, names: bool = False) -> tuple[str, str]:
    """A line's lead term and the rest: "Admin - full control" -> ("Admin", "full control"); with `names`,
    a line that starts with one of its names keeps the name ("Worker dynos run background jobs")."""
    text = idx.lines[i].text.strip()
    if idx.lines[i].kind == "row" and " | " in text:  # a table row: its first cell is what the row is about
        first, rest = text.split(" | ", 1)
        return plain(first), rest
    marked = idx.lines[i].lead
    if marked and text.startswith(marked):  # "**Worker dynos** run background jobs": the markdown says
        return plain(marked), text[len(marked):].strip(" -–—:")
    m = _LEAD_SEP.search(text)
    if m is not None and len(text[:m.start()].split()) <= MAX_LEAD_WORDS:
        return plain(text[:m.start()]), text[m.end():].strip()
    if not names:
        return plain(text), ""
    low = text.lower()
    for iri in sorted(idx.lines[i].entities, key=lambda e: -len(idx.label(e))):
        for name in idx.names(iri):
            if len(name) > 2 and low.startswith(name.lower() + " ") and len(name.split()) <= MAX_LEAD_WORDS:
                return name if text.startswith(name) else text[:len(name)], text[len(name):].strip()
    return plain(text), ""


def parts(text: str, parse: Callable[[str], Any]) -> list[str]:
    """The things a text lists. Comma lists by their commas ("Deploy code, run one-off dynos, and view
    config vars"), a first or last part longer than the others cut to the noun phrase it adds ("run
    background jobs, queues" -> "background jobs"); else the nouns the parser coordinates ("db migrations
    and console sessions")."""
    core = plain(text)
    final = _FINAL_CONJUNCT.search(core)
    if final is not None and "," in core[final.end():]:
        # "to proxy A, B, or C into SF, use X": the list ends with C
        core = core[:final.end() + core[final.end():].index(",")]
    pieces = [p.strip(" .") for p in _LIST_SEP.split(core) if p.strip(" .")]
    if len(pieces) < 2:
        return _coordinated(parse(core)) or _noun_halves(core, parse)
    short = max(len(p.split()) for p in pieces[1:-1]) if len(pieces) > 2 else 3
    tail = _LAST_AND.match(pieces[-1])
    if tail is not None and all(len(half.split()) <= short for half in tail.groups()):
        pieces[-1:] = list(tail.groups())  # "us-east, eu-west and ap-south": the last two without a comma
    first = _noun_of(pieces[0], parse, "object") if len(pieces[0].split()) > short else pieces[0]
    last = _noun_of(pieces[-1], parse, "subject") if len(pieces[-1].split()) > short else pieces[-1]
    if last == pieces[-1] and len(pieces[-1].split()) > short and all(_capitalised(p) for p in [first, *pieces[1:-1]]):
        last = _shared_head_cut(last, parse, short)
    return [first, *pieces[1:-1], last]


def _capitalised(text: str) -> bool:
    return all(w[:1].isupper() for w in text.split())


def _shared_head_cut(piece: str, parse: Callable[[str], Any], short: int) -> str:
    """"OData, SOAP, XML, or JSON data sources into SF" -> "JSON": names listed, then a name that modifies
    a common noun after it: the noun is shared by all the names ("reports or writable external objects"
    lists no names, and keeps its last part whole)."""
    words = re.sub(r"^(?:and|or)\s+", "", piece).split()
    if len(words) <= short or not _capitalised(" ".join(words[:short])):
        return piece
    doc = parse(" ".join(words))
    end = len(" ".join(words[:short]))
    item = [t for t in doc if t.idx < end]
    root = doc[:].root
    if root.pos_ not in ("NOUN", "PROPN") or root.idx < end or \
            not all(t.head.i > item[-1].i or t.head in item for t in item) or \
            not all(t.text.islower() for t in doc[item[-1].i + 1:root.i + 1]):
        return piece
    return " ".join(words[:short])


def _noun_of(piece: str, parse: Callable[[str], Any], side: str) -> str:
    """The noun phrase a list's first or last part adds: "run background jobs" -> "background jobs" (the
    object of a verb that leads in); "Titan include Geo Replication" -> "Titan" (the subject of a verb that
    follows)."""
    doc = parse(piece)
    root = doc[:].root
    if root.pos_ not in ("VERB", "AUX"):
        return piece
    deps = ("dobj", "pobj", "attr") if side == "object" else ("nsubj", "nsubjpass")
    arg = next((c for c in root.children if c.dep_ in deps), None)
    opens = root.i == 0 or (root.i == 1 and doc[0].tag_ == "TO")  # "run X", "to proxy X"
    if arg is None or (side == "object" and not opens) or (side == "subject" and arg.i > root.i):
        return piece
    return str(doc[arg.left_edge.i:arg.right_edge.i + 1].text)


def _noun_halves(text: str, parse: Callable[[str], Any]) -> list[str]:
    """"Infrastructure as a service (IaaS) and on-premises infrastructure": two noun phrases joined by one
    "and" that the small parser does not coordinate, each read alone as a noun phrase with no verb."""
    halves = text.split(" and ")
    if len(halves) != 2 or any(len(h.split()) < 2 for h in halves):
        return []  # "dev and prod parity": a one-word half may share the other's noun
    docs = [parse(h) for h in halves]
    if all(len(d) > 0 and d[:].root.pos_ in ("NOUN", "PROPN") and not any(t.pos_ in ("VERB", "AUX") for t in d)
           for d in docs):
        return [h.strip(" ,.") for h in halves]
    return []


def _coordinated(doc: Any) -> list[str]:
    """The largest group of nouns joined by "and"/"or", each with its own modifiers."""
    best: list[Any] = []
    for tok in doc:
        if tok.dep_ == "conj" or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        group = [tok]
        while True:
            nxt = next((c for c in group[-1].children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")), None)
            if nxt is None:
                break
            group.append(nxt)
        if len(group) > len(best):
            best = group
    if len(best) < 2:
        return []
    out = []
    for tok in best:
        skip = {t.i for c in tok.children if c.dep_ in ("conj", "cc", "punct", "prep", "relcl", "acl")
                for t in c.subtree}
        words = [t for t in tok.subtree if t.i not in skip and not t.is_punct]
        out.append(" ".join(t.text for t in words))
    return out


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE_SEP.split(text) if c and c.strip()]


def ancestors(idx: QAIndex, i: int) -> list[int]:
    out: list[int] = []
    parent = idx.lines[i].parent
    while parent is not None and len(out) < 3:
        out.append(parent)
        parent = idx.lines[parent].parent
    return out


def context_terms(idx: QAIndex, i: int) -> frozenset[str]:
    """The words of a line and of what it sits under (headings, parent lines), normalised."""
    return idx.context[i]


def context_entities(idx: QAIndex, i: int) -> set[str]:
    out = set(idx.lines[i].entities)
    for a in ancestors(idx, i):
        out |= idx.lines[a].entities
    return out


def mentions(idx: QAIndex, link: Link, i: int) -> float:
    """How far a line (with what it sits under) speaks of a name the question gives: 1 for the entity or all
    the words of one of its names, else the IDF-weighted share of its words found ("Heroku team" against a
    section on user management: "heroku" found, "team" not)."""
    if link.iris & context_entities(idx, i):
        return 1.0
    terms = context_terms(idx, i)
    best = 0.0
    for words in [frozenset(idx.words.content(link.text)), *(w for iri in link.iris for w in idx.words_of_names(iri))]:
        if words:
            weight = sum(idx.idf.get(w, 1.0) for w in words)
            best = max(best, sum(idx.idf.get(w, 1.0) for w in words & terms) / weight)
    return best


def specific_links(idx: QAIndex, q: Question) -> list[Link]:
    """The question's names of things: not the brand ("Heroku": it names everything, so it tells nothing),
    not phrases the extractor kept as concepts ("join locked apps": words, matched as words)."""
    return [lk for lk in q.links if not (lk.text.lower() in idx.brand or
                                         all(idx.label(i).lower() in idx.brand for i in lk.iris) or
                                         all(_concept(idx, i) for i in lk.iris))]


def asked_entities(idx: QAIndex, q: Question) -> set[str]:
    """The entities the question's own names may be (see specific_links)."""
    return {iri for lk in specific_links(idx, q) for iri in lk.iris}


def _concept(idx: QAIndex, iri: str) -> bool:
    return idx.classes.get(iri, set()) == {"Phrase"}  # a phrase of the notes; a name of no class is a name


def coverage(idx: QAIndex, q: Question, i: int) -> float:
    """The share of the question's names the line speaks of (1.0 when it gives none)."""
    links = specific_links(idx, q)
    if not links:
        return 1.0
    return sum(mentions(idx, lk, i) for lk in links) / len(links)


def word_overlap(idx: QAIndex, q: Question, i: int) -> float:
    """The share of the question's content words found in the line and what it sits under."""
    asked = set(q.terms) - {"not"}
    if not asked:
        return 0.0
    return len(asked & context_terms(idx, i)) / len(asked)
