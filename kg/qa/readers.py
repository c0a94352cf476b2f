"""Answers by kind, each read from the best evidence line: yes/no from the polarity of the clause that
matches (no where an "only" or an "except" leaves the asked thing out, or an amount passes a limit); a
value from the amounts on the line, with its unit, converted or worked out when the question gives an
amount; a list from the items or parts of the line that names what is asked; one thing from what fills the
wh-word's place in the line, else the graph's names on it; a definition from "X is ..." or X's line."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from kg.extract.quantities import SECONDS, UNIT_SYNONYMS, Quantity, find_quantities
from kg.qa.antonyms import opposed
from kg.qa.context import QA
from kg.qa.evidence import (
    Item,
    asked_entities,
    clauses,
    context_terms,
    coverage,
    lead,
    parts,
    plain,
    specific_links,
    word_overlap,
)
from kg.qa.index import QAIndex, SourceLine, Statement
from kg.qa.polarity import Polarity, main_terms, polarity
from kg.qa.question import Question, whole_word
from kg.qa.search import Hit
from kg.qa.text import Words, negated

EVIDENCE_DEPTH = 5  # hits a reader looks at
BOOLEAN_DEPTH = 3  # lines a yes/no looks at when the best says nothing of the question's words
SCORED = 30  # hits whose scores count: a group whose line and items rank lower counts for nothing
_ONLY = re.compile(r"\bonly\b", re.I)
_SEGMENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|\s+[-–—]\s+")


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


@dataclass
class Reading:
    """What one reader made of the evidence: answers, the line they came from, and the measurements the
    confidence is computed from."""

    kind: str
    answers: list[Answer]
    line: int
    how: str
    features: dict[str, float] = field(default_factory=dict)


def grounded(idx: QAIndex, q: Question, hits: list[Hit]) -> Hit:
    """The best line. Weighing the ranks by how many of the question's names a line speaks of was measured
    (top line right: 0.81 -> 0.77 on dev_qa, equal on the others): the ranking already holds the names."""
    return hits[0]


def base_features(idx: QAIndex, q: Question, hits: list[Hit], hit: Hit) -> dict[str, float]:
    second = next((h.score for h in hits if h.line != hit.line), 0.0)
    return {"cosine": hit.cosine, "bm25": min(hit.bm25 / max(1, len(set(q.terms))), 3.0),
            "coverage": coverage(idx, q, hit.line), "overlap": word_overlap(idx, q, hit.line),
            "margin": hit.score - second, "rank": float(hits.index(hit))}


def source(idx: QAIndex, i: int) -> list[SourceLine]:
    return [idx.lines[i].source]


# ------------------------------------------------------------------ yes / no

def _said(qa: QA, q: Question, i: int) -> tuple[set[str], Polarity]:
    idx = qa.index
    term, rest = lead(idx, i, names=True)
    asked = main_terms(idx, q.doc) - (idx.words.content(term) if rest else set())
    return asked, polarity(idx, qa.parse(rest or idx.lines[i].text), asked)


def read_boolean(qa: QA, q: Question, hits: list[Hit]) -> Reading:
    idx = qa.index
    hit = grounded(idx, q, hits)
    asked, said = _said(qa, q, hit.line)
    if said.matched == 0:
        # the best line has no clause with a word of the question: of the next lines, one that has
        for other in hits[1:BOOLEAN_DEPTH]:
            other_asked, other_said = _said(qa, q, other.line)
            if other_said.matched > 0:
                hit, asked, said = other, other_asked, other_said
                break
    line = idx.lines[hit.line]
    absent = q.nouns - context_terms(idx, hit.line)
    parent_only = line.parent is not None and bool(_ONLY.search(idx.lines[line.parent].text))
    within = _within_limit(idx, q, hit.line)
    excepted = _excepted(idx, q, line.text)
    if excepted:
        yes, how = said.negated, "except"  # "for any Heroku Postgres databases except Shield Tier plans"
    elif within is not None:
        yes, how = within, "limit"  # "Can a dataclip return 200,000 rows?" against "up to 100,000 rows"
    elif (said.only or parent_only) and absent:
        yes, how = False, "only"  # "Only shield dynos can run in shield spaces": standard-2x is left out
    else:
        yes, how = not said.negated, "polarity"
        said_words = idx.words.content(said.clause)
        if opposed(asked - said_words, said_words - asked):
            yes, how = not yes, "antonym"  # "loosely coupled?" of "tightly couples the two": no
    if q.negated:
        yes = not yes
    features = base_features(idx, q, hits, hit)
    features["only"] = float(how == "only")
    features["clause_negated"] = float(said.negated)
    features["clause_words"] = said.matched / max(1, len(asked))
    label = "yes" if yes else "no"
    return Reading("boolean", [Answer(label, None, yes, None, source(idx, hit.line))], hit.line, how, features)


_EXCEPT = re.compile(r"\b(?:except(?: for)?|excluding|other than|but not)\s+([^.;,()]+)", re.I)


def _excepted(idx: QAIndex, q: Question, text: str) -> bool:
    """Whether the question asks about what a line's "except ..." leaves out: a name written there (a
    capitalised word) that the question also says."""
    asked = set(q.terms)
    for m in _EXCEPT.finditer(text):
        names = {w for word in m.group(1).split() if word[:1].isupper() for w in idx.words.content(word)}
        if names & asked:
            return True
    return False


def _within_limit(idx: QAIndex, q: Question, i: int) -> bool | None:
    """Whether an amount the question gives is within a limit the line states of the same thing: a maximum
    ("up to", "at most"), a minimum, or a range; None when the line states none of it."""
    for amount in q.amounts:
        for x in _quantities(idx, i):
            if not amount.noun or x.unit.split(" per ")[0].split()[-1:] != [amount.noun]:
                continue
            if x.kind == "Maximum" and x.value is not None:
                return amount.value <= x.value
            if x.kind == "Minimum" and x.value is not None:
                return amount.value >= x.value
            if x.kind == "Range" and x.low is not None and x.high is not None:
                return x.low <= amount.value <= x.high
    return None


# ------------------------------------------------------------------ definitions

def defined(idx: QAIndex, q: Question) -> str | None:
    """The entity a "what is X?" / "what does X do?" question asks to define: one name, and no other word
    of the question but the asking ones."""
    named = [lk for lk in q.links if not all(_concept_only(idx, i) for i in lk.iris)]
    links = [lk for lk in (specific_links(idx, q) or named) if not lk.fuzzy]  # "What is Heroku?": the brand
    if q.kind != "open" or q.plural or len(links) != 1 or len(links[0].iris) > 3:
        return None
    left = set(q.terms) - idx.words.content(links[0].text) - {"do", "mean"}
    if left:
        return None
    return min(links[0].iris, key=lambda iri: (_concept_only(idx, iri), iri))


def _concept_only(idx: QAIndex, iri: str) -> bool:
    return idx.classes.get(iri, set()) == {"Phrase"}  # a phrase of the notes; a name of no class is a name


def read_definition(qa: QA, q: Question, hits: list[Hit], iri: str) -> Reading | None:
    """What the notes say the thing is: "X is a ..." first, then the text of a line X leads ("Gatekeeper
    Lists - restrict ..."), then the first sentence under X's own heading."""
    idx = qa.index
    names = sorted((n for n in idx.names(iri) if len(n) > 1), key=len, reverse=True)
    lows = [n.lower() for n in names]
    said: list[tuple[int, int, str]] = []
    for i, line in enumerate(idx.lines):
        text = line.text.strip()
        low = text.lower()
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            sl = sentence.lower()
            if any(re.match(rf"(?:an?\s+|the\s+)?{re.escape(n)}\s+(?:is|are)\s+\S", sl) for n in lows) and \
                    len(sentence.split()) > 4:
                said.append((0, i, sentence.strip()))
                break
        term, rest = lead(idx, i)
        if rest and term.lower() in lows and len(rest.split()) >= 3:
            said.append((1, i, plain(rest)))
        if line.kind == "heading" and low in lows:
            below = next((c for c in range(i + 1, min(i + 3, len(idx.lines))) if idx.lines[c].kind == "para"), None)
            if below is not None:
                said.append((2, below, re.split(r"(?<=[.!?])\s+", idx.lines[below].text.strip())[0]))
    for rank, hit in enumerate(hits[:EVIDENCE_DEPTH]):  # else the best line that speaks of it
        if iri in idx.lines[hit.line].entities or any(n in idx.lines[hit.line].text.lower() for n in lows):
            said.append((3 + rank, hit.line, plain(idx.lines[hit.line].text)))
            break
    if not said:
        return None
    _, i, label = min(said)
    hit = next((h for h in hits if h.line == i), Hit(i, 0.0, 0.0, qa.search.cosine(q.text, idx.lines[i].text)))
    features = base_features(idx, q, [*hits, hit] if hit not in hits else hits, hit)
    features["coverage"] = 1.0
    return Reading("definition", [Answer(label, iri, None, None, source(idx, i))], i, "definition", features)


# ------------------------------------------------------------------ values

def _unit_of(word: str) -> str:
    return UNIT_SYNONYMS.get(word, word)


def _matches_unit(q: Question, quantity: Quantity, about: set[str]) -> bool:
    """Whether an amount counts what is asked: its unit, or, for "1 per app" on a line about codebases,
    the thing the line is about (`about`: the words of its lead)."""
    unit = quantity.unit.split(" per ")[0]
    if q.unit is not None and unit.startswith("per") and _unit_of(q.unit) in about:
        return True
    if q.unit is None:
        return True
    if q.unit == "time":
        return unit in SECONDS
    if q.unit == "size":
        return unit.endswith("byte")  # "32 KB", "1 GB": an amount of data
    if q.unit == "rate":  # "30 requests per minute": an amount per a time
        return any(per.split()[0] in SECONDS for per in quantity.unit.split(" per ")[1:] if per)
    asked = _unit_of(q.unit)
    if asked in SECONDS:
        return unit in SECONDS
    return asked in unit.split() or (asked in ("count", "number") and unit not in SECONDS)


def _converted(q: Question, x: Quantity) -> tuple[float | None, str]:
    """The amount in the unit asked for ("how many seconds" of "ten minutes" -> 600 seconds)."""
    value = x.value if x.value is not None else x.low
    asked = _unit_of(q.unit or "")
    if value is not None and asked in SECONDS and x.unit in SECONDS and asked != x.unit:
        return value * SECONDS[x.unit] / SECONDS[asked], asked + "s"
    return value, x.unit


def _quantities(idx: QAIndex, i: int) -> list[Quantity]:
    return [x for x in find_quantities(idx.lines[i].text) if not x.version]


def read_value(idx: QAIndex, q: Question, hits: list[Hit], derived_only: bool = False) -> Reading | None:
    """The amount asked for. When the question gives its own amounts ("uploads 45,000 records: how many
    batches?"), a line that works them through answers it before a line that only states a number of the
    same unit, whichever ranks higher."""
    stated: tuple[Hit, list[Quantity], list[Quantity]] | None = None
    for hit in hits[:EVIDENCE_DEPTH]:
        every = _quantities(idx, hit.line)
        derived = _derive(q, every, idx.lines[hit.line].text, idx.words) if q.amounts else None
        if derived is not None:
            value, unit, how = derived
            features = base_features(idx, q, hits, hit)
            about = idx.words.content(lead(idx, hit.line)[0])
            features["amounts"] = float(len([x for x in every if _matches_unit(q, x, about)]) or len(every))
            features["derived"] = 1.0
            label = f"{_number(value)} {unit}".strip()
            return Reading("value", [Answer(label, None, value, unit, source(idx, hit.line))], hit.line, how, features)
        if stated is None and not derived_only and not _opposite(idx, q, hit.line) and \
                not _about_another(idx, q, hit.line):
            about = idx.words.content(lead(idx, hit.line)[0])
            found = [x for x in every if _matches_unit(q, x, about)]
            if found:
                stated = (hit, found, every)
    if stated is None:
        return None
    hit, found, every = stated
    features = base_features(idx, q, hits, hit)
    features["amounts"] = float(len(found) or len(every))
    best = max(found, key=lambda x: _near_words(idx, q, hit.line, x))
    amount, unit = _converted(q, best)
    label = best.text if unit == best.unit else f"{_number(amount or 0)} {unit} ({best.text})"
    return Reading("value", [Answer(label, None, amount, unit, source(idx, hit.line))], hit.line, "amount", features)


def _about_another(idx: QAIndex, q: Question, i: int) -> bool:
    """Whether a line speaks of another thing of the kind the question asks of: "`demo` 10k rows" (or a line
    under it) says nothing of the enterprise plan, though both are plans of the product asked."""
    asked = asked_entities(idx, q)
    kinds = {c for iri in asked for c in idx.classes.get(iri, set())} - {"Phrase"}
    j: int | None = i
    while j is not None and kinds:
        term, _ = lead(idx, j)
        said = idx.words.content(term)
        own = [iri for iri in idx.lines[j].entities if said and idx.words.content(idx.label(iri)) == said]
        if own:
            return not set(own) & asked and any(idx.classes.get(iri, set()) & kinds for iri in own)
        j = idx.lines[j].parent
    return False


NEGATING_PREFIXES = ("un", "non", "non-")  # English: "unauthenticated" is not "authenticated"


def _opposite(idx: QAIndex, q: Question, i: int) -> bool:
    """A line that speaks of the opposite of a word the question asks with ("unauthenticated users" asked
    of "authenticated users"), and not of the word itself: its amounts are not the ones asked for."""
    line, asked = _written_words(idx.lines[i].text), _written_words(q.text)  # as written: lemmas differ

    def negates(a: str, b: str) -> bool:
        return any(a == p + b for p in NEGATING_PREFIXES) and len(b) > 3

    return any(negates(w, t) or negates(t, w) for w in line - asked for t in asked - line)


def _written_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z-]+", text.lower()))


def _near_words(idx: QAIndex, q: Question, i: int, x: Quantity) -> int:
    """How many of the question's words stand within a few words of the amount."""
    text = idx.lines[i].text
    window = text[max(0, x.start - 60):x.end + 60]
    return len(set(q.terms) & idx.words.content(window))


def _derive(q: Question, found: list[Quantity], text: str, words: Words) -> tuple[float, str, str] | None:
    """Amounts the question gives, worked through the line: a rate ("1,000 per license" on top of "100,000",
    asked for 40 licenses -> 140,000) or a size of what is asked for ("batches of up to 2,000 records",
    asked how many batches for 9,000 records -> 5)."""
    example = _worked_example(q, text)
    if example is not None:
        return example  # the notes show how it is worked out
    example_at = min((text.find(m) for m in ("=", "e.g.") if m in text), default=len(text))
    stated = [x for x in found if x.end <= example_at]  # a worked example's numbers are no rates or bases
    for amount in q.amounts:
        for x in stated:
            counted, _, per = f" {x.unit}".partition(" per ")
            counted = counted.strip()
            after = text[x.start:].partition(" per ")[2].split()[:3]  # "per Salesforce license"
            if per and x.value is not None and amount.noun in {words.norm(w.strip(".,;")) for w in after}:
                base = next((y.value for y in stated if y is not x and y.value and y.unit in (counted, "count")
                             and " per " not in f" {y.unit}"), 0.0)
                return (base or 0.0) + x.value * amount.value, counted or "", "rate"
            size = x.high if x.high is not None else x.value
            before = words.content(" ".join(text[:x.start].split()[-4:]))
            if size and x.unit.split()[-1] == amount.noun and q.unit and q.unit in before:
                return float(math.ceil(amount.value / size)), q.unit, "batches"
    return None


_EXAMPLE = re.compile(r"(?P<left>[^=]*?)=\s*(?P<right>\d[\d,]*(?:\.\d+)?)")
_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _worked_example(q: Question, text: str) -> tuple[float, str, str] | None:
    """A worked example on the line, done again with the question's numbers: "1,000 events to 10 clients =
    10,000 deliveries" with 2,000 events and 5 subscribers -> 10,000; "20 mappings = 21 connections" with
    9 mappings -> 10. The example's rule is found, never assumed: a product, a sum, or one more."""
    m = _EXAMPLE.search(text)
    if m is None or not q.amounts:
        return None
    given = [float(n.replace(",", "")) for n in _NUM.findall(m.group("left"))[-2:]]
    result = float(m.group("right").replace(",", ""))
    asked = [a.value for a in q.amounts][-len(given):]
    unit = text[m.end("right"):].split()[0].strip(".,;") if text[m.end("right"):].split() else ""
    if len(given) == 2 and len(asked) == 2:
        if given[0] * given[1] == result:
            return asked[0] * asked[1], unit, "example"
        if given[0] + given[1] == result:
            return asked[0] + asked[1], unit, "example"
    if len(given) >= 1 and asked and given[-1] + 1 == result:
        return asked[-1] + 1, unit, "example"
    return None


def _number(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


# ------------------------------------------------------------------ one thing or a list

def read_open(qa: QA, q: Question, hits: list[Hit]) -> Reading | None:
    """A list: of the top lines, the group whose line says what it is (a line's items, the items of the line
    above it, the parts it lists) that ranks highest. One thing: the best line's name the question does
    not give (nearest the noun asked about), else its lead."""
    idx = qa.index
    score = {h.line: h.score for h in hits[:SCORED]}
    if q.plural is False:
        return _read_one(qa, q, hits, score)
    found: list[tuple[float, int, float, float, int, str, list[Item], int]] = []
    if q.plural is None and not _lists(qa, q, hits[0].line):
        return _read_one(qa, q, hits, score)  # number unknown: a list only if the best line is one
    for hit in hits[:EVIDENCE_DEPTH] if q.plural else hits[:1]:
        i = hit.line
        groups: list[tuple[str, list[Item], int]] = [("items", _children(idx, i), i)]
        parent = idx.lines[i].parent
        if parent is not None:
            groups.append(("items", _children(idx, parent), parent))
        groups.append(("parts", _parts(qa, q, i), i))
        for how, items, header in groups:
            if len(items) >= 2:
                best = max([score.get(header, 0.0), *(score.get(it.line, 0.0) for it in items)])
                found.append((_of_focus_class(idx, q, items), int(_has_focus(idx, q, header)), best,
                              _names_in(idx, q, header), int(header == i), how, items, header))
    if not found:
        return _read_one(qa, q, hits, score)
    # a group of things the graph types as the noun asked ("which plans": the items the graph holds as plans)
    # first; then one headed by that noun; then by its best line; then the one whose own line names what the
    # question names ("Professional dynos" over one of their items, "Offer faster builds and preboot"); then
    # the line's own items or parts over those of the line above it
    *_, how, items, header = max(found, key=lambda f: f[:5])
    how, items, header = _narrowed(qa, q, how, items, header)
    items = _of_focus(qa, q, items, header)
    items = _alike(qa, items)
    hit = next((h for h in hits if h.line == header), hits[0])
    features = base_features(idx, q, hits, hit)
    features["items"] = float(len(items))
    answers = [Answer(it.label, None, None, None, source(idx, it.line)) for it in items]
    return Reading("list", answers, header, how, features)


def _narrowed(qa: QA, q: Question, how: str, items: list[Item], header: int) -> tuple[str, list[Item], int]:
    """"Which memory metrics": of the metrics listed, the one item the noun's modifier names ("memory usage -
    quota, total, RSS, swap") holds the things asked, when it lists them."""
    idx = qa.index
    modifiers = _focus_modifiers(idx, q)
    if not modifiers:
        return how, items, header
    named = [it for it in items if modifiers <= idx.words.content(it.label)]
    if len(named) != 1 or named[0].line == header:
        return how, items, header
    line = named[0].line
    for sub_how, sub in (("items", _children(idx, line)), ("parts", _parts(qa, q, line))):
        if len(sub) >= 2:
            return sub_how, sub, line
    return how, items, header


FOCUS_PHRASE_WORDS = 6  # an item's opening phrase that ends in the noun asked ("shield Heroku Connect plan")


def _of_focus(qa: QA, q: Question, items: list[Item], header: int) -> list[Item]:
    """Of a section's items, the ones that name the noun asked ("which plans": "shield postgres plans, store
    regulated data ...", "shield Kafka plans", not "small, medium, large dynos"), each as its opening phrase
    up to that noun; all of them when the line above names the noun or fewer than two items do."""
    idx = qa.index
    if q.focus is None or _has_focus(idx, q, header):
        return items
    named: list[Item] = []
    for it in items:
        words = it.label.split()
        for k, word in enumerate(words[:FOCUS_PHRASE_WORDS]):
            if idx.words.norm(word.strip(",.;:()")) == q.focus:
                named.append(Item(" ".join(words[:k + 1]).strip(",.;:"), it.line, it.negated))
                break
            if word.endswith((",", ";", ":")):
                break  # the noun asked comes after the item's own opening phrase: it is not what the item names
    return named if 2 <= len(named) < len(items) else items


def _focus_modifiers(idx: QAIndex, q: Question) -> set[str]:
    """The content words that narrow the noun asked about ("memory" of "which memory metrics")."""
    if q.focus is None or q.doc is None:
        return set()
    for tok in q.doc:
        if idx.words.norm(whole_word(tok)) == q.focus:
            return {w for c in tok.children if c.dep_ in ("compound", "amod") and c.tag_ not in ("WDT", "WP")
                    for w in idx.words.content(c.text)} - set(q.focus.split())
    return set()


def _read_one(qa: QA, q: Question, hits: list[Hit], score: dict[int, float]) -> Reading | None:
    idx = qa.index
    asked = asked_entities(idx, q)
    hit = max(hits[:EVIDENCE_DEPTH], key=lambda h: score.get(h.line, 0.0))
    # a line that has the question's verb with its asked place filled, of the first few: the verb and the
    # role together say more than the rank ("get removed" over a line that only names the snapshots)
    fillers: list[str] = []
    for other in hits[:BOOLEAN_DEPTH]:
        fillers = _role_fillers(qa, q, other.line)
        if fillers:
            hit = other
            break
    filler = fillers[0] if fillers else None
    named = [Item(filler, hit.line)] if filler else _named(idx, q, hit.line, asked)
    if not filler and len(named) > 1 and _focus_position(idx, q, idx.lines[hit.line].text.lower()) < 0:
        named = _by_clause(qa, q, hit.line, named)
    row_key, _ = lead(idx, hit.line)
    if idx.lines[hit.line].kind == "row" and not idx.words.content(row_key) & set(q.terms):
        named = [Item(row_key, hit.line), *named]  # a table row is about its first cell
    features = base_features(idx, q, hits, hit)
    if len(fillers) == 1 and q.plural is not False:
        # "use CDC and Platform Events instead": the one place filled with two names that answer together
        named_parts = [p for p in re.split(r",\s*|\s+(?:and|or)\s+", fillers[0]) if p.strip()]
        names = {frozenset(w) for iri in idx.lines[hit.line].entities for w in idx.words_of_names(iri)}
        if len(named_parts) >= 2 and all(idx.words.content(p) in names for p in named_parts):
            fillers = named_parts
    if len(fillers) > 1:  # "deleted when you switch to polling or when you delete the mapping": both
        features["items"] = float(len(fillers))
        return Reading("list", [Answer(f, None, None, None, source(idx, hit.line)) for f in fillers], hit.line,
                       "role", features)
    if filler:
        label, how = filler, "role"
    elif named:
        label, how = named[0].label, "names"
    else:
        if idx.lines[hit.line].kind == "code" or _asked_wh(q) in CIRCUMSTANCE_WH:
            return None  # a command's output, or a line's head asked when or how: no answer of the kind asked
        term, rest = lead(idx, hit.line)
        label, how = (term if rest else plain(idx.lines[hit.line].text)), "lead"
        said = idx.words.content(label)
        if said and said <= {w for lk in q.links for w in idx.words.content(lk.text)}:
            # the line's lead is what the question names already ("Professional Edition - ..."): what the graph
            # states of that thing, if one relation is what the question asks
            return _read_statement(qa, q, hits)
    features["items"] = float(len(named))
    return Reading("entity", [Answer(label, None, None, None, source(idx, hit.line))], hit.line, how, features)


STATEMENT_MARGIN = 0.1  # set a priori, not fitted: how much closer in meaning the chosen relation must be


def _read_statement(qa: QA, q: Question, hits: list[Hit]) -> Reading | None:
    """What the graph states of the thing asked about, on one of the top lines, by the relation closest in
    meaning to the question ("What was the enterprise plan called before ...?": its "previously named"), when
    that relation is clearly closer than the others."""
    idx = qa.index
    asked = asked_entities(idx, q)
    top = {h.line: h for h in hits[:EVIDENCE_DEPTH]}
    scored: list[tuple[float, int, Statement]] = []
    for k in sorted({k for iri in asked for k in idx.by_entity[iri]}):
        st = idx.statements[k]
        line = idx.line_at.get((st.source.file, st.source.line)) if st.source else None
        if st.s not in asked or st.o in asked or st.negated or line not in top:
            continue
        scored.append((qa.search.cosine(q.text, f"{idx.prop_name(st.p)} {st.wording}"), line, st))
    if not scored:
        return None
    scored.sort(key=lambda x: -x[0])
    best, line, st = scored[0]
    if len(scored) > 1 and best - scored[1][0] < STATEMENT_MARGIN:
        return None
    features = base_features(idx, q, hits, top[line])
    features["items"] = 1.0
    return Reading("entity", [Answer(idx.label(st.o), st.o, None, None, source(idx, line))], line, "statement",
                   features)


ROW_KEY_SHARE = 0.6  # of a row's first cell's words the question says, for the row to be the question's


def read_row(qa: QA, q: Question, hits: list[Hit]) -> Reading | None:
    """A table row whose first cell the question says in its own words ("PaaS provides more out of the box
    than: | IaaS and on-premises infrastructure") answers with its one other cell: the things it lists, or
    the cell itself."""
    idx = qa.index
    hit = hits[0]
    if idx.lines[hit.line].kind != "row":
        return None
    key, rest = lead(idx, hit.line)
    key_words = idx.words.content(key)
    cells = [c.strip() for c in rest.split(" | ") if c.strip()]
    if len(cells) != 1 or not key_words or len(key_words & set(q.terms)) < ROW_KEY_SHARE * len(key_words):
        return None
    if q.focus is not None and q.focus not in key_words | idx.words.content(cells[0]):
        return None  # the noun asked ("which kinds of data sources") is not on the row
    items = parts(cells[0], qa.parse) if q.plural is not False else []
    labels = items if len(items) >= 2 else [plain(cells[0])]
    features = base_features(idx, q, hits, hit)
    features["items"] = float(len(labels))
    return Reading("list" if len(labels) > 1 else "entity",
                   [Answer(label, None, None, None, source(idx, hit.line)) for label in labels], hit.line, "row",
                   features)


def _names_in(idx: QAIndex, q: Question, i: int) -> float:
    """The share of the question's names that a line's own text says (not what it sits under)."""
    links = specific_links(idx, q)
    if not links:
        return 0.0
    own = idx.words.content(idx.lines[i].text)
    found = 0
    for lk in links:
        names = [idx.words.content(lk.text), *(w for iri in lk.iris for w in idx.words_of_names(iri))]
        found += any(words and words <= own for words in names) or bool(lk.iris & idx.lines[i].entities)
    return found / len(links)


def _lists(qa: QA, q: Question, i: int) -> bool:
    """Whether a line is a list: it lists parts, or it is a caption over items ("Plans", "Metrics for web
    dynos only:"), not a line of its own content with items below it."""
    line = qa.index.lines[i]
    caption = len(line.text.split()) <= 4 or line.text.rstrip().endswith(":")
    return len(_parts(qa, q, i)) >= 2 or (caption and len(line.children) >= 2)


def _of_focus_class(idx: QAIndex, q: Question, items: list[Item]) -> float:
    """The share of the items that name an entity of the class the noun asked names ("which plans": the
    items the graph holds as plans)."""
    if q.focus is None or not items:
        return 0.0
    classes = {c for c, label in idx.class_labels.items() if q.focus in idx.words.content(label)}
    if not classes:
        return 0.0
    typed = 0
    for it in items:
        own = idx.words.content(it.label)
        typed += any(idx.classes.get(iri, set()) & classes and idx.words.content(idx.label(iri)) == own
                     for iri in idx.lines[it.line].entities)
    return typed / len(items)


def _has_focus(idx: QAIndex, q: Question, i: int) -> bool:
    """Whether a line itself names the noun asked about ("- Plans" for "which plans")."""
    return q.focus is not None and q.focus in idx.words.content(idx.lines[i].text)


def _children(idx: QAIndex, i: int) -> list[Item]:
    return [Item(lead(idx, c)[0], c) for c in idx.lines[i].children if lead(idx, c)[0]]


def _parts(qa: QA, q: Question, i: int) -> list[Item]:
    """The parts a line lists after its lead (or after a colon, or in a table row's cell that matches
    best), those of the question's polarity: "view members, transfer apps, can't join locked apps" asked
    what a member may do -> the first two."""
    line = qa.index.lines[i]
    _, rest = lead(qa.index, i)
    text = rest or line.text
    if line.kind in ("row", "header"):
        cells = [c for c in text.split(" | ") if c.strip()]
        text = max(cells, key=lambda c: len(parts(c, qa.parse)), default=text)
    elif ": " in text:
        text = text.rsplit(": ", 1)[1]
    segments = [seg for seg in _SEGMENT.split(text) if seg.strip()]
    if len(segments) > 1:  # "temporary, attached or detached - for tasks such as db migrations and ...": the part asked
        listing = [seg for seg in segments if parts(seg, qa.parse)] or segments
        text = max(listing, key=lambda seg: qa.search.cosine(q.text, seg))
    listed = parts(text, qa.parse)
    items = [Item(plain(p), i, no) for p, no in zip(listed, _negations(qa, listed), strict=True)
             if _listable(qa.parse(plain(p)))]
    return [it for it in items if it.negated == q.negated]


def _negations(qa: QA, listed: list[str]) -> list[bool]:
    """Whether each part of a list says no: "don't have horizontal scalability, preboot, or metrics" denies
    the bare things listed after the negated verb too; a part with a verb of its own says for itself."""
    out, denying = [], False
    for p in listed:
        own_verb = any(t.pos_ in ("VERB", "AUX") for t in qa.parse(plain(p)))
        if negated(p):
            denying = True
        elif own_verb:
            denying = False
        out.append(denying)
    return out


SENTENCE_WORDS = 5  # fewer words are read as a name, whatever the parser makes of them ("shield Kafka plans")


def _alike(qa: QA, items: list[Item]) -> list[Item]:
    """A list of things with a sentence among them ("Data stores", "Logging", ..., "Each add-on has one or more
    plans ..."): the sentence says something else, so the things are the list. A list of sentences stays."""
    things = [it for it in items if len(it.label.split()) < SENTENCE_WORDS or _listable(qa.parse(it.label))]
    return things if len(things) >= 2 and len(items) - len(things) <= len(items) / 3 else items


def _listable(doc: Any) -> bool:
    """Whether a part a line lists can be a member of a list: a thing or an action, not a clause with a
    subject of its own ("Basic dynos are also available") nor a phrase that opens with a preposition ("With
    Heroku ChatOps", "unlike professional dynos"), which says how or where, not what."""
    if len(doc) == 0 or (doc[0].pos_ == "ADP" and doc[0].whitespace_):  # not "per-region latency"
        return False
    return not any(t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX") for t in doc)


def _named(idx: QAIndex, q: Question, i: int, asked: set[str]) -> list[Item]:
    """Names the graph found on the line that the question does not give: the one nearest the noun asked
    about first ("with `View All Data` permission" asked "what permission"), else in the line's order."""
    text = idx.lines[i].text.lower()
    focus_at = _focus_position(idx, q, text)
    out: list[tuple[bool, int, int, str]] = []
    for iri in idx.lines[i].entities:
        if iri in asked or idx.label(iri).lower() in idx.brand:
            continue
        name = idx.label(iri)
        words = idx.words.content(name)
        if words and words <= set(q.terms):
            continue  # a name the question already says in other words
        at = min((text.find(n.lower()) for n in idx.names(iri) if n.lower() in text), default=-1)
        if at >= 0:  # proper names before the notes' phrases, then nearest the noun asked about
            out.append((_concept_only(idx, iri), abs(at - focus_at) if focus_at >= 0 else at, at, name))
    out.sort()
    return [Item(name, i) for *_, name in out]


_ROLES = {"dobj": ("dobj",), "attr": ("attr", "acomp"), "nsubj": ("nsubj", "nsubjpass"), "pobj": ("pobj",),
          "where": ("attr", "acomp", "prep"), "when": ("advcl",)}


def _role_fillers(qa: QA, q: Question, i: int) -> list[str]:
    """What fills the wh-word's place in a clause of the line with the question's verb: "what does Heroku
    use to collect logs?" over "Heroku uses Logplex to collect logs" -> Logplex; "where should each process
    write its logs?" over "each process writes logs to stdout" -> stdout; "when does it get deleted?" over
    "is deleted either when you switch to polling or when you delete the mapping" -> both conditions."""
    if q.doc is None:
        return []
    whs = [t for t in q.doc if t.tag_ in ("WP", "WDT", "WRB") and t.lower_ in ("what", "where", "who", "when")]
    # the one of the asking clause ("When an app uses buildpacks, where should the primary be?" asks where)
    wh = next((t for t in whs if _asks(t)), whs[0] if whs else None)
    if wh is None:
        return []
    # each sentence and dash-joined part parsed alone: the small parser hangs "to stdout" of "each process
    # writes logs to stdout - collated by log routers" on the part after the dash
    docs = [qa.parse(part) for part in _SEGMENT.split(lead(qa.index, i)[1] or qa.index.lines[i].text) if part]
    asked = set(q.terms)
    if wh.head.pos_ not in ("VERB", "AUX"):
        return []
    head = wh.head
    if head.lemma_ == "do":  # "When does a PushTopic that X created get deleted?" parsed around "does":
        head = next((t for t in reversed(q.doc) if t.pos_ == "VERB" and t.i > head.i), head)  # the main verb
    verb, role = head.lemma_.lower(), wh.lower_ if wh.lower_ in ("where", "when") else wh.dep_
    for tok in (t for doc in docs for t in doc):
        if tok.lemma_.lower() != verb:
            continue
        deps = _ROLES.get(role, ())
        # the roles in order of preference: "where should it be?" over "primary should be the last" -> last
        for child in sorted((c for c in tok.children if c.dep_ in deps), key=lambda c: deps.index(c.dep_)):
            found = _conditions(child) if role == "when" else [_filler_text(child)]
            said = [qa.index.words.content(text) for text in found]
            if found and all(text and len(text.split()) <= 6 and not (w and w <= asked)  # "last": stop words
                             for text, w in zip(found, said, strict=True)):
                return found
    return []


CIRCUMSTANCE_WH = frozenset({"when", "where", "why", "how"})  # English: wh-words that ask no thing


def _asked_wh(q: Question) -> str | None:
    """The wh-word the question asks with ("when" of "When does X reach end of life?")."""
    if q.doc is None:
        return None
    return next((t.lower_ for t in q.doc if t.tag_ in ("WRB", "WP", "WDT", "WP$") and _asks(t)), None)


def _asks(wh: Any) -> bool:
    """A wh-word that asks: the subject it stands for ("what shows up"), or one whose clause is inverted, an
    auxiliary before the subject ("where should the plugin be"); "when an app uses ..." is a condition."""
    if wh.dep_ in ("nsubj", "nsubjpass"):
        return True
    subject = next((c.i for c in wh.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(c.dep_ in ("aux", "auxpass") and wh.i < c.i < subject
                                       for c in wh.head.children)


def _filler_text(child: Any) -> str:
    doc = child.doc
    if child.dep_ == "prep":
        words = [t for t in child.subtree if t.i != child.i]
        if not words and child.i + 1 < len(doc) and not doc[child.i + 1].is_punct:
            words = [doc[child.i + 1]]  # "writes logs to stdout": the parser may leave "stdout" unhung
    else:
        words = list(child.subtree)
    return " ".join(t.text for t in words if t.pos_ != "DET").strip(" ,.")


def _conditions(clause: Any) -> list[str]:
    """A subordinate clause that says when ("when you delete the mapping"), with the ones joined to it by
    "or"/"and", each without its conjunction; a clause with no subordinator ("to collect logs") is none."""
    if not any(_subordinator(c) for c in clause.children):
        return []
    out = []
    for head in [clause, *(c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]:
        skip = {t.i for c in head.children if c.dep_ in ("conj", "cc", "preconj", "punct") or _subordinator(c)
                for t in (c.subtree if c.dep_ == "conj" else [c])}
        out.append(" ".join(t.text for t in head.subtree if t.i not in skip).strip(" ,."))
    return [text for text in out if text]


def _subordinator(tok: Any) -> bool:
    """"if", "after", "once" (a marker) or "when", "whenever" (a wh-adverb) opening a clause."""
    return bool((tok.dep_ == "mark" and tok.tag_ == "IN") or (tok.dep_ == "advmod" and tok.tag_ == "WRB"))


def _by_clause(qa: QA, q: Question, i: int, named: list[Item]) -> list[Item]:
    """Names ranked by how close the clause they stand in is to the question ("previously Lightning
    Connect" for "what was it called before?"), proper names still before the notes' phrases."""
    idx = qa.index
    text = idx.lines[i].text
    found = clauses(text)
    phrases = {idx.label(iri) for iri in idx.lines[i].entities if _concept_only(idx, iri)}

    def closeness(item: Item) -> tuple[bool, float]:
        clause = next((c for c in found if item.label.lower() in c.lower()), text)
        return item.label in phrases, -qa.search.cosine(q.text, clause)

    return sorted(named, key=closeness)


def _focus_position(idx: QAIndex, q: Question, text: str) -> int:
    if not q.focus:
        return -1
    for m in re.finditer(r"[\w-]+", text):
        if idx.words.norm(m.group()) == q.focus:
            return m.start()
    return -1
