"""Limits from the parse: a number, the noun it counts (its unit), and the words that make it a maximum,
a minimum, a default or a range. Versions ("TLS 1.0", "OData 4.0"), numbers inside names and worked
examples ("e.g. 20 mappings = 21 connections") are no limits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from kg.extract.lexicon import is_noun, lemma
from kg.extract.quantities import SECONDS, UNIT_SYNONYMS, UNITS, Quantity

Token = Any

# generic English for bounds of an amount (not words of any notes)
_MAX_BEFORE = ("<", "<=", "≤", "up to", "upto", "at most", "max", "maximum", "no more than", "not more than",
               "limited to", "capped at", "fewer than", "less than", "under", "within", "maximum of", "limit of",
               "after")
_MIN_BEFORE = (">", ">=", "≥", "at least", "min", "minimum", "more than", "over", "greater than", "minimum of",
               "starts at", "larger than", "bigger than", "longer than", "exceeding")
_DEFAULT_BEFORE = ("default", "defaults to", "default of", "default is", "by default")
_MIN_AFTER = ("or higher", "or more", "or greater", "or later", "or above", "+")
_MAX_AFTER = ("or less", "or fewer", "or lower", "or below", "max", "maximum", "at most")
# one word that names the kind of a measure's bound ("min polling interval", "retention max", "default TTL")
BOUND_KINDS = {"max": "Maximum", "maximum": "Maximum", "min": "Minimum", "minimum": "Minimum", "default": "Default"}
BOUND_WORDS = tuple(sorted({*_MAX_BEFORE, *_MIN_BEFORE, *_DEFAULT_BEFORE}, key=len, reverse=True))
LIMIT_NOUNS = frozenset({"limit", "maximum", "max", "cap", "quota", "allocation", "allowance", "ceiling", "timeout"})
_MAX_VERBS = frozenset({"time", "cap", "limit", "expire", "restrict"})  # "time out after", "capped at"
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "fifty": 50, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
EXAMPLE_MARKERS = ("e.g.", "e.g", "eg.", "for example", "for instance", "i.e.")


@dataclass
class Amount:
    quantity: Quantity
    head: int  # token the amount measures (its unit noun), for finding the thing limited
    example: bool
    scope: tuple[int, ...] = ()  # token indices of the names after "in"/"for" the amount holds in
    counts_head: bool = True  # whether the head is the noun counted ("20 connections"), not only near ("$5/month")


def parse_value(text: str) -> float | None:
    t = text.strip().lower().replace("$", "").replace("€", "").replace("£", "").strip()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    mult = 1.0
    m = re.match(r"^([\d.,]+)\s*([kmb])$", t)
    if m:
        t, mult = m.group(1), {"k": 1e3, "m": 1e6, "b": 1e9}[m.group(2)]
    if not re.match(r"^\d[\d,]*(?:\.\d+)?$", t):
        return None
    try:
        return float(t.replace(",", "")) * mult
    except ValueError:
        return None


def amounts(doc: Any, names: set[int]) -> Iterator[Amount]:
    """Every amount in a parsed text (names: token indices of merged names, which hold no amounts)."""
    yield from _shared_bounds(doc, list(_amounts(doc, names)))


def _shared_bounds(doc: Any, found: list[Amount]) -> list[Amount]:
    """"up to 10,000 records and 10 MB per batch": two amounts joined by "and" share the bound before the first
    and the "per" after the second."""
    for a, b in pairwise(found):
        if doc.text[a.quantity.end:b.quantity.start].strip().lower() != "and":
            continue
        if b.quantity.kind == "Exact" and a.quantity.kind in ("Maximum", "Minimum"):
            b.quantity.kind = a.quantity.kind
        per = b.quantity.unit.partition(" per ")[2]
        if per and " per " not in f" {a.quantity.unit} " and not a.quantity.unit.startswith("per"):
            a.quantity.unit = f"{a.quantity.unit} per {per}"
    return found


def _amounts(doc: Any, names: set[int]) -> Iterator[Amount]:
    toks = list(doc)
    i = 0
    last: tuple[float, str, int] | None = None
    while i < len(toks):
        tok = toks[i]
        value = _value(tok)
        # "one-off", "1-click" are no amounts; "256-bit", "15-digit", "30-day" are
        # ("4-7 days" is a range)
        hyphenated = i + 2 < len(toks) and toks[i + 1].text == "-" and not tok.whitespace_ and \
            toks[i + 2].pos_ not in ("NOUN", "PROPN") and _value(toks[i + 2]) is None
        if value is None or tok.i in names or _is_version(toks, i) or _in_identifier(tok) or hyphenated:
            i += 1
            continue
        low = high = None
        end = i + 1
        magnitude = toks[end].lower_ if end < len(toks) else ""
        if magnitude in ("thousand", "million", "billion") and tok.lower_ not in NUMBER_WORDS:
            value *= NUMBER_WORDS[magnitude]  # "5 million records"
            end += 1
        if end + 1 < len(toks) and toks[end].text in ("-", "–", "to", "and") and _value(toks[end + 1]) is not None:
            other = _value(toks[end + 1])
            if other is not None and other > value and (toks[end].text != "and" or _before(toks, i, 1) == ["between"]):
                low, high, end = value, other, end + 2
        if end + 1 < len(toks) and toks[end].text == "-" and not tok.whitespace_ and toks[end + 1].pos_ == "NOUN":
            unit_tok, unit, end = toks[end + 1], _canonical(toks[end + 1]), end + 2  # "256-bit keys": bits
        else:
            unit_tok, unit, end = _unit(toks, end, tok)
        if "$" in tok.text or (i > 0 and toks[i - 1].text in ("$", "US$")):
            # "$5/month", "$3 per dyno": the money and its period
            unit = "usd" + (f" {unit.removeprefix('count ')}" if unit.startswith(("per ", "count per ")) else "")
        if not unit:
            # "v52" and a list number are no amounts; "default 32, max 256" (of the term before) are
            bare = tok.like_num and _bare_count(toks, i) and _kind(toks, i, end, tok) == "Exact"
            if tok.lower_ in NUMBER_WORDS or bare:
                i = end
                continue
            # "default 200 records, max 2,000": a bare amount after another counts the same
            unit = last[1] if last is not None and _bare_count(toks, i) else "count"
        kind = "Range" if low is not None else _kind(toks, i, end, tok)
        if kind == "Exact" and end + 1 < len(toks) and toks[end].lower_ == "plus" and _value(toks[end + 1]):
            kind = "Minimum"  # "100,000 plus 1,000 per license": at least the first amount
        if kind == "Exact" and value == 1 and " per " not in f" {unit} " and not unit.startswith(("per", "usd")) \
                and not (unit in UNITS and tok.text[:1].isdigit()):  # "1 GB storage" is an amount
            i = end
            continue  # "in one call", "one shared identity": a count of one says "a", no limit
        if value == 1 and _after(toks, i + 1, 2) == ["or", "more"]:
            i = end
            continue  # "one or more apps": some, no limit
        if _former(toks, i):
            i = end
            continue  # "1 GB (was 500 MB until 2026)": a value no longer true
        if _restated(toks, i, value, unit, last):
            i = end
            continue  # "72 hrs (3 days)": the same time said again
        last = (value, unit, end)
        start_char, end_char = toks[i].idx, toks[end - 1].idx + len(toks[end - 1].text)
        q = Quantity(start_char, end_char, doc.text[start_char:end_char], None if low is not None else value,
                     low, high, unit, kind)
        yield Amount(q, unit_tok.i if unit_tok is not None else tok.head.i, _in_example(doc, start_char),
                     () if unit.startswith("usd") else _scope(toks, end, names),  # "$5 in credits": paid in
                     unit_tok is not None)
        i = end


def _former(toks: list[Token], i: int) -> bool:
    """"was 500 MB", "formerly 10 days", "previously up to 5": the value a thing had before, said in the past
    tense of "be" or with an adverb of former times, right before the amount."""
    lead = [t for t in toks[max(0, i - 3):i] if t.lower_ not in BOUND_WORDS and t.lower_ not in ("up", "to")]
    return any(t.lower_ in ("formerly", "previously") or
               (t.tag_ == "VBD" and t.lemma_ == "be" and t.dep_ not in ("aux", "auxpass")) for t in lead)


def _restated(toks: list[Token], i: int, value: float, unit: str, last: tuple[float, str, int] | None) -> bool:
    """Whether the amount at i, in parentheses right after the one before, says the same time again."""
    if last is None or i == 0 or toks[i - 1].text != "(" or last[2] != i - 1:
        return False
    before, before_unit, _ = last
    if unit not in SECONDS or before_unit not in SECONDS:
        return False
    return abs(value * SECONDS[unit] - before * SECONDS[before_unit]) < 1e-6


def _scope(toks: list[Token], end: int, names: set[int]) -> tuple[int, ...]:
    """"50 in Enterprise", "100 in Unlimited and Performance": the names right after the amount, joined by
    "and"/"or", that say where it holds. Anything but a name after "in" ("in size", "in the UI") is no scope."""
    j = end
    if j >= len(toks) or toks[j].lower_ not in ("in", "for", "on"):
        return ()
    j += 1
    found: list[int] = []
    while j < len(toks):
        if toks[j].lower_ in ("the", "a", "an"):
            j += 1
            continue
        if toks[j].i not in names:
            break
        found.append(toks[j].i)
        j += 1
        if j + 1 < len(toks) and toks[j].lower_ in ("and", "or") and toks[j + 1].i in names:
            j += 1
            continue
        break
    follows = toks[j] if j < len(toks) else None
    if follows is not None and follows.text == "/":
        return ()  # "$1000 in Add-on Credits/month": a currency and its period
    if follows is not None and follows.pos_ in ("NOUN", "PROPN"):
        return ()  # "in Salesforce orgs": the name is a modifier of another noun, no scope of its own
    return tuple(found)


def _value(tok: Token) -> float | None:
    if tok.like_num or tok.lower_ in NUMBER_WORDS or re.match(r"^\$?\d[\d,.]*[kKmM]?$", tok.text):
        return parse_value(tok.text)
    return None


def _is_version(toks: list[Token], i: int) -> bool:
    """"TLS 1.0", "OData 2.0 and 4.0", "v39", "Heroku-24": numbers that name a version, unless bounded
    ("v39 or higher" is a minimum version)."""
    tok = toks[i]
    if re.match(r"^v\d", tok.lower_):
        return _after(toks, i + 1, 2) not in (["or", "higher"], ["or", "later"], ["or", "above"])
    if "." in tok.text and i > 0 and (toks[i - 1].pos_ == "PROPN" or toks[i - 1].text[:1].isupper()):
        return True
    return "." in tok.text and i > 1 and toks[i - 1].lower_ in ("and", ",", "or") and _is_version(toks, i - 2)


def _in_identifier(tok: Token) -> bool:
    """"1x", "24/7", "v2": digits inside an identifier (a number word is no identifier)."""
    text = tok.text.replace(",", "")
    return any(c.isdigit() for c in text) and bool(re.search(r"[A-Za-z_/=:]", text)) and \
        not re.match(r"^\$?\d[\d,.]*[kKmM]$", text)


def _unit(toks: list[Token], end: int, num: Token) -> tuple[Token | None, str, int]:
    """The unit after a number: "100,000 rows", "ten minutes", "150 MB per upload file", "30 requests
    per minute per IP"; else the noun the number modifies."""
    if end < len(toks) and toks[end].text in ("%",):
        return toks[end], "percent", end + 1
    words: list[Token] = []
    j = end
    while j < len(toks) and len(words) < 3 and toks[j].pos_ in ("NOUN", "PROPN", "ADJ", "X", "SYM") and \
            not toks[j].is_punct and _value(toks[j]) is None:
        words.append(toks[j])
        j += 1
        if words[-1].pos_ == "NOUN" and (j >= len(toks) or toks[j].pos_ not in ("NOUN",)):
            break
    while words and words[-1].pos_ == "ADJ":
        words.pop()
        j -= 1
    if not words and j + 1 < len(toks) and toks[j].lower_ in ("per", "/"):
        return None, "count" + _per(toks, j)[0], _per(toks, j)[1]  # "1,000 per Salesforce license"
    if not words:
        head = num.head
        if head.i != num.i and head.pos_ == "NOUN" and num.dep_ in ("nummod", "quantmod") and head.i > num.i:
            return head, _canonical(head), end
        return None, "", end
    if len(words) > 1 and _canonical(words[0]) in UNITS:
        # "4 GB RAM", "1 GB storage": a unit of measure and, after it, what it measures
        per, j = _per(toks, j)
        return words[-1], (_canonical(words[0]) + per).strip(), j
    unit = " ".join([*(w.lower_ for w in words[:-1]), _canonical(words[-1])])
    per, j = _per(toks, j)
    return words[-1], (unit + per).strip(), j


def _per(toks: list[Token], j: int) -> tuple[str, int]:
    """" per SOAP message per IP": the noun phrases after "per" (or "/"), and where they end."""
    out = ""
    while j + 1 < len(toks) and toks[j].lower_ in ("per", "/", "a", "every"):
        k = j + 1
        while k < len(toks) and (toks[k].pos_ == "ADJ" or (
                toks[k].tag_ == "VBG" and k + 1 < len(toks) and toks[k + 1].like_num)):
            k += 1  # "per rolling 24 hrs", "per trailing 30 days"
        if k + 1 < len(toks) and toks[k].like_num and toks[k + 1].pos_ in ("NOUN", "PROPN"):
            out += f" per {toks[k].text} {_canonical(toks[k + 1])}"  # "per 24 hrs": a window
            j = k + 2
            continue
        if k >= len(toks) or toks[k].pos_ not in ("NOUN", "PROPN"):
            break
        k = j + 1
        while k + 1 < len(toks) and k - j < 3 and toks[k].pos_ in ("PROPN", "NOUN", "ADJ") and \
                toks[k + 1].pos_ == "NOUN":
            k += 1
        out += " per " + " ".join([t.lower_ for t in toks[j + 1:k]] + [_canonical(toks[k])])
        j = k + 1
    return out, j


def _canonical(tok: Token) -> str:
    low = str(tok.lower_)
    if low in UNIT_SYNONYMS:
        return UNIT_SYNONYMS[low]
    if low in UNITS:
        return low
    if tok.pos_ != "NOUN":
        return low
    found = str(tok.lemma_.lower())
    # the tagger's rules make "publishes" "publishe": the dictionary's lemma where the tagger's is no word
    return found if is_noun(found) or lemma(low) == low else lemma(low)


def _before(toks: list[Token], i: int, n: int) -> list[str]:
    return [t.lower_ for t in toks[max(0, i - n):i]]


def _after(toks: list[Token], i: int, n: int) -> list[str]:
    return [t.lower_ for t in toks[i:i + n]]


def _kind(toks: list[Token], i: int, end: int, num: Token) -> str:
    before = " ".join(_before(toks, i, 4))
    lead = _before(toks, i, 4)
    if not any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in toks[max(0, i - 4):i]):
        # "min polling interval 10 mins", "max 150 MB per upload file": the bound names the measure
        for w in lead:
            if BOUND_KINDS.get(w) in ("Minimum", "Maximum"):
                return BOUND_KINDS[w]
    after = " ".join(_after(toks, end, 3))
    once = re.search(r"\b(at least|at most) once (?:every|per|a)$", before)
    if once is not None:
        # "restart at least once every 24 hrs": the time between is at most 24 hrs ("at most once", at least)
        return "Maximum" if once.group(1) == "at least" else "Minimum"
    if any(before.endswith(w) for w in _DEFAULT_BEFORE) or after.startswith("by default"):
        return "Default"
    if any(before.endswith(w) for w in _MAX_BEFORE) or any(after.startswith(w) for w in _MAX_AFTER):
        if before.endswith("after") and not _governed_by(num, _MAX_VERBS) and not before.endswith("out after"):
            return "Exact"  # "after 31 days" is a time, "time out after ten minutes" a maximum
        return "Maximum"
    if any(before.endswith(w) for w in _MIN_BEFORE) or any(after.startswith(w) for w in _MIN_AFTER):
        return "Minimum"
    if _governed_by(num, _MAX_VERBS):
        return "Maximum"
    if any(t.lower_.rstrip("s") in LIMIT_NOUNS for t in toks[i + 1:end]):
        return "Maximum"  # "has a 2 hr timeout", "a 40 GB cap": the amount measures a limit
    return "Exact"


def _governed_by(tok: Token, verbs: frozenset[str]) -> bool:
    head = tok
    for _ in range(4):
        head = head.head
        if head.pos_ in ("VERB", "AUX") and str(head.lemma_).lower() in verbs:
            return True
        if head.head.i == head.i:
            break
    return False


def _bare_count(toks: list[Token], i: int) -> bool:
    """A number with nothing counted after it ("v52", "1 per app" is counted): a list number or a code."""
    return i + 1 >= len(toks) or toks[i + 1].is_punct


def _in_example(doc: Any, char: int) -> bool:
    before = doc.text[:char].lower()
    last = max((before.rfind(m) for m in EXAMPLE_MARKERS), default=-1)
    if last < 0:
        return False
    between = before[last:]
    return not re.search(r"[;.](?:\s|$)", between[4:])
