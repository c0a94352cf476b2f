"""Numbers that state limits: value(s), unit and kind, normalised ("10k" -> 10000, "ten minutes" -> 10 min)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import NUMBER_WORDS, PREPOSITIONS, STOP, is_adjective, is_noun, lemma

# Canonical unit name -> QUDT unit local name (None: a count of things, kept as its own unit).
UNITS: dict[str, str | None] = {
    "second": "SEC", "minute": "MIN", "hour": "HR", "day": "DAY", "week": "WK", "month": "MO", "year": "YR",
    "millisecond": "MilliSEC", "byte": "BYTE", "kilobyte": "KiloBYTE", "megabyte": "MegaBYTE",
    "gigabyte": "GigaBYTE", "terabyte": "TeraBYTE", "usd": "CCY_USD", "percent": "PERCENT",
}
UNIT_SYNONYMS = {
    "sec": "second", "secs": "second", "s": "second", "seconds": "second", "min": "minute", "mins": "minute",
    "minutes": "minute", "hr": "hour", "hrs": "hour", "h": "hour", "hours": "hour", "days": "day",
    "weeks": "week", "months": "month", "mo": "month", "years": "year", "yr": "year", "ms": "millisecond",
    "bytes": "byte", "b": "byte", "kb": "kilobyte", "mb": "megabyte", "gb": "gigabyte", "tb": "terabyte",
    "dollar": "usd", "dollars": "usd", "usd": "usd", "$": "usd", "%": "percent", "percent": "percent",
}
# Seconds per time unit, for conversions asked by questions.
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800, "millisecond": 0.001}

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:,\d+)*(?:\.\d+)?)"
_WORDNUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_VALUE = rf"(?:\$\s?)?(?:{_NUM}[kKmM]?\b|\b(?:{_WORDNUM})\b)"
_RANGE = re.compile(
    rf"(?P<pre>\bbetween\s+)?(?P<a>{_VALUE})\s*(?:-|–|to|and)\s*(?P<b>{_VALUE})", re.IGNORECASE)
_SINGLE = re.compile(rf"(?P<v>\bv(?P<ver>\d+)\b|{_VALUE})", re.IGNORECASE)


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str  # canonical unit or the counted noun ("row", "request per minute")
    kind: str  # Maximum | Minimum | Default | Range | Exact | Increment
    compared_to: float | None = None
    version: bool = False

    @property
    def qudt(self) -> str | None:
        return UNITS.get(self.unit)


def parse_number(text: str) -> float | None:
    t = text.strip().lower().replace("$", "").strip()
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t])
    mult = 1
    if t[-1:] in ("k", "m") and t[:-1]:
        mult = 1000 if t[-1] == "k" else 1_000_000
        t = t[:-1]
    try:
        return float(t.replace(",", "")) * mult
    except ValueError:
        return None


_KIND_BEFORE = [
    ("Maximum", re.compile(r"(?:up\s?to|upto|at most|max(?:imum)?|limited to|limit(?:ed)? of|no more than|"
                           r"fewer than|less than|smaller than|shorter than|under|cap(?:ped)? at|exceed(?:ing)?|"
                           r"maximum of)\s*$", re.I)),
    ("Minimum", re.compile(r"(?:at least|min(?:imum)?|more than|greater than|larger than|bigger than|longer than|"
                           r"over|minimum of|starts? at)\s*$", re.I)),
    ("Default", re.compile(r"(?:default(?:s)?(?: is| of| to)?)\s*$", re.I)),
]
_KIND_AFTER = [("Minimum", re.compile(r"^\s*(?:or (?:higher|more|greater|above|later)|\+)", re.I)),
               ("Maximum", re.compile(r"^\s*(?:or (?:less|fewer|lower|below)|max(?:imum)?\b)", re.I))]
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\S")


def find_quantities(text: str, skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Every number in `text` that reads as an amount, with its unit and kind."""
    skip = skip or []
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken + skip)

    for m in _RANGE.finditer(text):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a is None or b is None or not free(m.start(), m.end()) or _not_amount(text, m.start(), m.group()):
            continue
        if m.group("pre") is None and not re.search(r"\d", m.group()):
            continue
        if " and " in m.group().lower() and m.group("pre") is None:
            continue
        if a >= b:
            continue
        unit, end = _unit_after(text, m.end())
        if "$" in m.group("a"):
            unit = "usd"
        q = Quantity(m.start(), end, text[m.start():end].strip(), None, a, b, unit, "Range")
        found.append(q)
        taken.append((m.start(), end))
    for m in _SINGLE.finditer(text):
        if not free(m.start(), m.end()) or _not_amount(text, m.start(), m.group()):
            continue
        raw = m.group("v")
        version = m.group("ver") is not None
        value = float(m.group("ver")) if version else parse_number(raw)
        if value is None:
            continue
        if raw.strip().lower() in NUMBER_WORDS and not _counted_word(text, m.end()):
            more = re.match(r"\s+or more\s+([A-Za-z]+)", text[m.end():])
            if not more:
                continue
            q = Quantity(m.start(), m.end() + more.end(), text[m.start():m.end() + more.end()], value, None,
                         None, lemma(more.group(1)), "Minimum")
            found.append(q)
            taken.append((q.start, q.end))
            continue
        unit, end = ("version", m.end()) if version else _unit_after(text, m.end())
        if "$" in raw:
            unit = "usd"
            end = m.end()
            month = re.match(r"(?:\s+in\s+[A-Za-z -]+)?\s*(?:/|per)\s*(month|year|day|hour)", text[end:], re.I)
            if month:
                unit, end = f"usd per {month.group(1).lower()}", end + month.end()
        if not unit and not version:
            if raw.strip().lower() in NUMBER_WORDS:
                continue
            unit = "count"
        kind = _kind(text, m.start(), end)
        q = Quantity(m.start(), end, text[m.start():end].strip(), value, None, None, unit, kind, version=version)
        later = re.match(rf"\s+(?:instead of|rather than|vs\.?|versus)\s+({_NUM})", text[end:])
        if later:
            q.compared_to = parse_number(later.group(1))
            taken.append((end, end + later.end()))
        found.append(q)
        taken.append((m.start(), end))
    return sorted(found, key=lambda q: q.start)


def _not_amount(text: str, start: int, match: str) -> bool:
    """Numbers inside names, versions ("TLS 1.0"), IPs or identifiers are not amounts."""
    before = text[max(0, start - 12):start]
    after = text[start + len(match):start + len(match) + 2]
    if match[:1] in "$":
        return False
    if re.match(r"^-[a-z]{3}", text[start + len(match):start + len(match) + 4]):
        return False  # "15-digit precision", "30-day"
    if re.match(r"^[-.]?[A-Za-z_/.]", after) and not re.match(r"^[kKmM]\b", after) and not after.startswith(" "):
        return True  # "1x", "24/7", "0.0.0.0/0"
    if after.startswith(".") and after[1:2].isdigit():
        return True
    if re.search(r"(?:[A-Za-z]-|[A-Za-z_]|\d\.|/|\.\d*|\w=)$", before):
        return True
    # a version right after a capitalised name: "TLS 1.0", "SAML 2.0", "OData 2.0"
    return bool(re.search(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\s$", before)) and "." in match


def _counted_word(text: str, end: int) -> bool:
    """Number words count only before a noun or unit ("ten minutes", "four levels"), not "one of"."""
    m = re.match(r"\s+([A-Za-z]+)", text[end:])
    if not m:
        return False
    w = m.group(1).lower()
    return w in UNIT_SYNONYMS or (w not in STOP and (is_noun(w) or w.endswith("s")) and w not in ("more", "off"))


def _unit_after(text: str, end: int) -> tuple[str, int]:
    rest = text[end:]
    if rest.startswith("-"):
        rest, end = " " + rest[1:], end  # "15-digit" reads as "15 digit"
    per_only = re.match(r"\s+per\s+([A-Za-z]+)", rest)
    if per_only:
        return f"per {lemma(per_only.group(1))}", end + per_only.end()
    m = re.match(r"\s*(%|[A-Za-z][A-Za-z-]*)", rest)
    if not m:
        return "", end
    first = m.group(1)
    if first.lower() in UNIT_SYNONYMS or first.lower() in UNITS:
        unit = UNIT_SYNONYMS.get(first.lower(), first.lower())
        pos = end + m.end()
    else:
        words: list[str] = []
        pos = end
        for w in re.finditer(r"\s*([A-Za-z][A-Za-z0-9-]*)", rest):
            if w.start() != pos - end:
                break
            word = w.group(1)
            lw = word.lower()
            if lw in STOP or lw in PREPOSITIONS or len(words) >= 4:
                break
            words.append(word)
            pos = end + w.end()
        while words and (words[-1].endswith("ing") or (is_adjective(words[-1]) and not is_noun(words[-1]))):
            words.pop()
        while len(words) > 1 and is_adjective(words[0]):
            words.pop(0)
        if not words:
            return "", end
        pos = end + len(rest) - len(rest.lstrip()) + len(" ".join(words))
        pos = end + rest.find(words[-1]) + len(words[-1])
        unit = " ".join([w.lower() for w in words[:-1]] + [lemma(words[-1])])
    per = re.match(r"((?:\s*(?:/|per)\s*[A-Za-z][A-Za-z-]*(?:\s+[A-Z][A-Za-z]*)?(?:\s+message)?)+)", text[pos:])
    if per:
        tail = re.sub(r"\s*(?:/|per)\s*", " per ", per.group(1)).strip()
        unit = f"{unit} {tail.lower()}"
        pos += per.end()
    return unit, pos


_KIND_WORD = [("Maximum", re.compile(r"\b(?:max|maximum|upto|up to|at most|limit(?:ed)?)\b[^\d]*$", re.I)),
              ("Minimum", re.compile(r"\b(?:min|minimum|at least)\b[^\d]*$", re.I))]


def _kind(text: str, start: int, end: int) -> str:
    before = text[max(0, start - 30):start]
    for kind, rx in _KIND_BEFORE:
        if rx.search(before):
            return kind
    for kind, rx in _KIND_WORD:
        if rx.search(before):
            return kind
    for kind, rx in _KIND_AFTER:
        if rx.search(text[end:end + 20]):
            return kind
    return "Exact"
