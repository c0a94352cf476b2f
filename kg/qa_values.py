"""Value questions ("how many", "how long", "what is the maximum ..."): the limits around a question's
entities, converted to the asked unit, with simple derived values (N items in batches of at most M)."""

from __future__ import annotations

import math
import re

from kg.extract.lexicon import STOP, key_tokens, lemma, lemma_tokens
from kg.extract.quantities import SECONDS
from kg.qa_index import LimitRec, QAIndex, Statement
from kg.qa_question import QUESTION_WORDS, Understanding, _head_classes, tokenize
from kg.qa_rank import PROPERTY_WORDS, Answer, accepts, overlap, statement_sparql


def _limit_words(lim: LimitRec) -> set[str]:
    words = set(lemma_tokens(lim.label)) | set(lemma_tokens(lim.limits)) | set(lemma_tokens(lim.unit))
    if lim.source:
        words |= set(lemma_tokens(lim.source.text)) | set(lemma_tokens(lim.source.section.split(" > ")[-1]))
    return words


def _near_entities(idx: QAIndex, entities: list[str]) -> dict[str, float]:
    """The question's entities, and those one step away (plans, parts, concepts about them)."""
    near = dict.fromkeys(entities, 1.0)
    for e in entities:
        for i in idx.by_entity.get(e, []):
            st = idx.statements[i]
            other = st.o if st.s == e else st.s
            if other not in near:
                near[other] = 0.5
    return near


def answer_value(idx: QAIndex, u: Understanding) -> tuple[list[Answer], float, str | None] | None:
    counted = _count(idx, u)  # "how many plans ...": the plans listed, counted, before any number said
    if counted is not None:
        return counted
    near = _near_entities(idx, u.entities)
    pool: dict[int, float] = {}
    for e, w in near.items():
        for i in idx.limits_of.get(e, []):
            pool[i] = max(pool.get(i, 0.0), w)
    words = u.words + u.mention_words
    for i, lim in enumerate(idx.limits):
        if i not in pool and lim.source and overlap(idx, words, _limit_words(lim)) >= 0.5:
            pool[i] = 0.5
    scored: list[tuple[float, LimitRec]] = []
    for i, w in pool.items():
        lim = idx.limits[i]
        lw = _limit_words(lim)
        if not u.entities and any(accepts(x).isdisjoint(lw) and x not in VALUE_WORDS and x not in u.unit_words
                                  for x in u.words):
            continue  # nothing named: the number must be about every thing the question says
        rel = 0.7 * overlap(idx, u.words, lw) + 0.3 * overlap(idx, words, lw)
        unit_ok = _unit_compatible(idx, u, lim)
        if unit_ok is False:
            continue
        score = w * 2 + 2.0 * rel + (0.5 if unit_ok else 0) + _kind_fit(u, lim) + _unit_named(u, lim)
        mentioned = sum(1 for x in u.entities if x != lim.subject and lim.source and
                        any(n.lower() in lim.source.text.lower() for n in idx.names(x) if len(n) > 2))
        score += 0.4 * mentioned
        scored.append((score, lim))
    scored.sort(key=lambda t: -t[0])
    if scored and scored[0][0] >= 2.2 + (0.6 if u.given else 0):
        score, lim = scored[0]
        ans = _value_answer(idx, u, lim)
        if ans is not None:
            return [ans], min(1.0, score / 4), _limit_sparql(lim)
    if asks_time(u) or asked_units(u) or {"worth", "cost", "price"} & set(u.words):
        return [], 0.0, None  # a number was asked and none fits: never guess
    return None  # no number asked: the value may be a short word or a name ("the last", "*-4")


# words of a value question that say which number is asked, not what it is about
VALUE_WORDS = {"maximum", "minimum", "max", "min", "size", "number", "limit", "many", "much", "long", "far", "big",
               "old", "often", "default", "total", "amount", "value", "time", "per", "least", "most", "large",
               "small", "high", "low"}


def asked_units(u: Understanding) -> list[str]:
    """What a value question counts: "how many X", "number of X", "maximum X" -> X's words."""
    q = u.question.lower()
    m = re.search(r"(?:how many|number of|maximum|minimum|max|min)\s+((?:[a-z0-9*.-]+\s*){1,5})", q)
    if not m:
        return []
    words = [lemma(w) for w in m.group(1).split() if w not in STOP and w not in QUESTION_WORDS
             and w not in ("number", "of", "s")]
    return words[:5]


def _extreme_kind(u: Understanding) -> str | None:
    """The limit kind a question asks for: "maximum ..." / "at most" -> Maximum, "minimum ..." -> Minimum."""
    q = u.question.lower()
    if re.search(r"\b(?:maximum|max|most|largest|biggest|up to)\b", q):
        return "Maximum"
    if re.search(r"\b(?:minimum|min|least|smallest)\b", q):
        return "Minimum"
    return None


def _unit_named(u: Understanding, lim: LimitRec) -> float:
    """"How many dyno units is X?": a limit counted in dyno units fits better than one about dyno units."""
    unit_words = set(lemma_tokens(lim.unit)) - STOP
    return 0.3 if unit_words and unit_words <= set(asked_units(u)) else 0.0


def _kind_fit(u: Understanding, lim: LimitRec) -> float:
    """A maximum for "what is the maximum ...", never a lower bound ("larger than 25 MB" is no maximum)."""
    asked = _extreme_kind(u)
    if asked is None:
        return 0.0
    if lim.kind == asked:
        return 0.5
    return -1.0 if {lim.kind, asked} == {"Maximum", "Minimum"} else 0.0


def _asks_extreme(u: Understanding) -> bool:
    return bool(re.search(r"\b(?:maximum|minimum|max|min)\b", u.question.lower()))


def asks_time(u: Understanding) -> bool:
    """A question for a duration: "how long", "how many minutes"; not a rate ("requests per minute")."""
    q = u.question.lower()
    toks = set(tokenize(q))
    rates = {lemma(m) for m in re.findall(r"\b(?:per|an?|each|every)\s+([a-z]+)", q)}
    return bool((u.unit_words & set(SECONDS)) - rates) or bool(re.search(r"\bhow (long|far back|far)\b", q)) \
        or "timeout" in toks


def _count(idx: QAIndex, u: Understanding) -> tuple[list[Answer], float, str | None] | None:
    """"How many plans does Heroku Connect have?": count the things a relation named by that noun
    lists (has plan, has role for "levels", has stage). Anything else would be a guess: "how many
    add-on credits" asks for an amount, not for the kinds of credit."""
    m = re.search(r"how many ((?:[a-z-]+ ){0,2}?[a-z-]+s)\b", u.question.lower())
    if not m:
        return None
    noun = " ".join(key_tokens(m.group(1).split()[-1]))
    cls = _head_classes().get(noun)
    if cls is None:
        return None
    found: dict[str, Statement] = {}
    for e in u.entities:
        for i in idx.by_entity.get(e, []):
            st = idx.statements[i]
            pred = set(lemma_tokens(idx.prop_name(st.p))) | PROPERTY_WORDS().get(st.p, frozenset())
            if st.s == e and not st.negated and (noun in pred or lemma(noun) in pred) \
                    and cls in idx.types.get(st.o, set()):
                found.setdefault(st.o, st)
    if len(found) < 2:
        return None
    first = next(iter(found.values()))
    names = ", ".join(idx.label(o) for o in found)
    sources = [st.source for st in found.values() if st.source]
    return [Answer(f"{len(found)} {m.group(1)} ({names})", None, len(found), noun, sources)], 0.7, \
        statement_sparql(first, True)


def _unit_compatible(idx: QAIndex, u: Understanding, lim: LimitRec) -> bool | None:
    """True when the question's unit words fit the limit, False when they clash, None when silent."""
    unit_head = lim.unit.split(" per ")[0].split()[-1] if lim.unit else ""
    if asks_time(u):
        return unit_head in SECONDS or unit_head in ("month", "year", "week")
    if {"worth", "cost", "price"} & set(u.words) or "$" in u.question:
        return "usd" in lim.unit
    if re.search(r"\bversion\b", u.question.lower()) and not re.search(r"\bversion number\b", u.question.lower()):
        return "version" in lim.unit  # "which API version": a version, not a batch size
    if u.given is not None:
        given_head = u.given[1].split()[-1]
        return given_head in lim.unit.split() or any(given_head == w for w in lemma_tokens(lim.unit))
    asked = asked_units(u)
    if asked:
        subject_words = set(lemma_tokens(idx.label(lim.subject)))
        unit_words = set(lemma_tokens(lim.unit))
        measured = set(lemma_tokens(lim.limits)) - STOP  # "maximum size": what the number limits, not its unit
        return bool(set(asked) & (unit_words | {unit_head})) or \
            (lim.unit.startswith("per ") and bool(set(asked) & subject_words)) or \
            (_asks_extreme(u) and len(set(asked) & measured) >= min(2, len(set(asked))))
    return None


def _value_answer(idx: QAIndex, u: Understanding, lim: LimitRec) -> Answer | None:
    src = [lim.source] if lim.source else []
    unit = lim.unit
    if u.given is not None:
        derived = _derive(u, lim)
        if derived is not None:
            value, unit_out = derived
            return Answer(f"{_fmt(value)} {unit_out}", lim.subject, value, unit_out, src)
    if lim.value is None and lim.low is not None and lim.high is not None:
        span = f"{_fmt(lim.low)}-{_fmt(lim.high)}"
        return Answer(f"{span} {_plural(unit)}", lim.subject, span, unit, src)
    if lim.value is None:
        return None
    value = lim.value
    target = next((w for w in u.unit_words if w in SECONDS), None)
    head = unit.split()[-1] if unit else ""
    if target and head in SECONDS and target != head:
        value = value * SECONDS[head] / SECONDS[target]
        unit = target
    if unit == "version":
        return Answer(f"v{_fmt(value)}", lim.subject, f"v{_fmt(value)}", "version", src)
    if unit == "usd" or unit.startswith("usd per "):  # "$1000 per month", not "1000 usds per month"
        return Answer(f"${_fmt(value)}{unit[3:]}", lim.subject, value, "USD" + unit[3:], src)
    return Answer(f"{_fmt(value)} {_plural(unit) if value != 1 else unit}", lim.subject, value, unit, src)


def _derive(u: Understanding, lim: LimitRec) -> tuple[float, str] | None:
    """Values computed from a stated one: N items in batches of at most M, N items at k per item."""
    if u.given is None:
        return None
    n, given_unit = u.given
    head = given_unit.split()[-1]
    q = u.question.lower()
    per = lim.unit.split(" per ")
    if len(per) > 1 and lemma(per[1].split()[0]) == head and lim.value is not None:
        extra = 0.0
        return n * lim.value + extra, per[0]
    top = lim.high if lim.high is not None else lim.value
    if "batch" in q and top and lim.unit.split()[-1] == head:
        return float(math.ceil(n / top)), "batches"
    if lim.value is not None and head in lim.limits.lower() and "unit" in lim.unit:
        return n * lim.value, lim.unit
    return None


def _limit_sparql(lim: LimitRec) -> str:
    return ("PREFIX kg: <https://w3id.org/heroku-kg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
            f"SELECT ?label ?value ?min ?max ?unit ?kind ?line ?text WHERE {{\n"
            f"  <{lim.subject}> kg:hasLimit ?l .\n  ?l rdfs:label ?label ; kg:unitText ?unit ; kg:limitKind ?kind ;\n"
            f"     prov:wasDerivedFrom [ kg:line ?line ; kg:sourceText ?text ] .\n"
            f"  OPTIONAL {{ ?l kg:value ?value }} OPTIONAL {{ ?l kg:minValue ?min ; kg:maxValue ?max }}\n"
            f"  FILTER(?l = <{lim.iri}>)\n}}")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _plural(unit: str) -> str:
    if not unit or unit in ("count", "usd") or unit.endswith("s"):
        return unit
    parts = unit.split(" per ")
    parts[0] = parts[0] + "s"
    return " per ".join(parts)


# ------------------------------------------------------------------ suggestions
