"""Questions in plain English -> answers from the graph, with the facts and source lines behind them.

1. understand: question type (boolean, value, list, entity), linked entities (labels and altLabels,
   tolerant of case, plurals, hyphens and typos), the relation words that are left, a number+unit given;
2. retrieve: the statements and limits around the linked entities (and one hop further), scored by how
   well their wording, predicate and source line match the relation words (IDF-weighted);
3. answer by type, computing simple derived values (unit conversions, per-item limits times N, batches);
4. never guess: an unlinked name, or no fact scoring above the threshold, gives no answer.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from kg.extract.lexicon import (
    STOP,
    is_common_word,
    key_tokens,
    lemma,
    lemma_tokens,
    verb_stem,
)
from kg.extract.quantities import SECONDS
from kg.qa_index import LimitRec, QAIndex, SourceLine, Statement
from kg.qa_question import (
    MAX_QUESTION_CHARS,
    QUESTION_WORDS,
    QuestionError,
    Understanding,
    _head_classes,
    tokenize,
    understand,
)

__all__ = ["MAX_QUESTION_CHARS", "Answer", "QuestionError", "answer", "suggestions"]

MIN_SCORE = 1.2

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


# ------------------------------------------------------------------ understanding

@cache
def PROPERTY_WORDS() -> dict[str, frozenset[str]]:  # noqa: N802
    """Words of each ontology property: its label, cues and section cues ("has role" + "levels")."""
    from kg.extract.vocab import load_vocabulary

    v = load_vocabulary()
    out: dict[str, set[str]] = defaultdict(set)
    for cues in (v.cues, v.section_cues):
        for toks, prop in cues:
            out["https://w3id.org/heroku-kg/ontology#" + prop] |= set(toks)
    return {k: frozenset(w - STOP) for k, w in out.items()}


def _fact_words(idx: QAIndex, st: Statement) -> set[str]:
    cached = idx.fact_words.get(id(st))
    if cached is not None:
        return cached
    words = set(lemma_tokens(idx.prop_name(st.p))) | set(lemma_tokens(st.wording))
    words |= PROPERTY_WORDS().get(st.p, frozenset())
    if st.source:
        words |= set(lemma_tokens(st.source.text)) | set(lemma_tokens(st.source.section.split(" > ")[-1]))
    words |= set(lemma_tokens(idx.label(st.o))) | set(lemma_tokens(idx.label(st.s)))
    idx.fact_words[id(st)] = words
    return words


def _mentions(text: str, name: str) -> bool:
    n = name.lower()
    return len(n) >= 2 and bool(re.search(r"(?<![\w-])" + re.escape(n) + r"(?![\w-])", text))


@cache
def _accepts(w: str) -> frozenset[str]:
    """The words that count as a match for question word w: itself, its verb, its synonyms."""
    return frozenset({w, verb_stem(w)} | _SYN.get(w, set()))


def _overlap(idx: QAIndex, qwords: list[str], words: set[str] | frozenset[str]) -> float:
    if not qwords:
        return 0.0
    total = 0.0
    hit = 0.0
    for w in qwords:
        weight = idx.weight(w)
        total += weight
        if not _accepts(w).isdisjoint(words):
            hit += weight
    return hit / total if total else 0.0


_SYN = {"need": {"require", "requires", "prerequisite", "must"}, "require": {"need", "must", "prerequisite"},
        "available": {"only", "use", "support"}, "use": {"used", "available"}, "kind": {"type"},
        "type": {"kind"}, "remove": {"unset", "delete"}, "delete": {"remove", "unset"}, "level": {"levels"},
        "part": {"include", "together", "bring"}, "pr": {"pull", "request"}, "first": {"start", "initial"},
        "automatically": {"auto", "automatic"}, "auto": {"automatically"}, "stage": {"stages"},
        "offer": {"support", "include", "enable", "provide"},
        "cover": {"grant", "allow", "include"},
        "minimum": {"least", "min"}, "maximum": {"most", "max", "up"}, "recommend": {"should", "choose",
        "sufficient", "best"}, "pros": {"advantage", "pro"}, "advantage": {"pro"},
        "permission": {"privilege"}, "privilege": {"permission"}}


@dataclass
class Candidate:
    answer: str
    statement: Statement
    score: float
    anchor: str
    forward: bool


def anchor_weight(idx: QAIndex, iri: str) -> float:
    """Specific entities count more than hubs ("Heroku", "app") and phrase nodes."""
    degree = len(idx.by_entity.get(iri, ())) + 1
    w = 1.5 / math.log(2 + degree)
    if "Concept" in idx.types.get(iri, set()):
        w *= 0.6
    return min(1.0, w * 2)


def _pool(idx: QAIndex, u: Understanding) -> list[int]:
    """Statements about the linked entities, and those whose source line matches most question words."""
    seen: dict[int, None] = {}
    for e in u.entities:
        for i in idx.by_entity.get(e, []):
            seen[i] = None
    words = u.words + u.mention_words
    if words:
        total = sum(idx.weight(w) for w in words)
        for line, ids in idx.by_line.items():
            text_words = idx.line_words[line]
            hit = sum(idx.weight(w) for w in words if w in text_words)
            if total and hit / total >= 0.5:
                for i in ids:
                    seen[i] = None
        postings = _word_postings(idx)
        near: set[int] = set()
        for w in words:
            for a in _accepts(w):
                near |= postings.get(a, set())
        for i in near:
            if i not in seen and _overlap(idx, words, _fact_words(idx, idx.statements[i])) >= 0.6:
                seen[i] = None
    return list(seen)


def _word_postings(idx: QAIndex) -> dict[str, set[int]]:
    """Word -> statements whose words (wording, predicate, labels, source line) hold it; built once."""
    if not idx.postings:
        for i, st in enumerate(idx.statements):
            for w in _fact_words(idx, st):
                idx.postings.setdefault(w, set()).add(i)
    return idx.postings


def candidates(idx: QAIndex, u: Understanding) -> list[Candidate]:
    anchors = set(u.entities)
    weights = {e: anchor_weight(idx, e) for e in anchors}
    out: list[Candidate] = []
    words = u.words + [w for w in u.mention_words if w not in u.words]
    for i in _pool(idx, u):
        if True:
            st = idx.statements[i]
            fw = _fact_words(idx, st)
            rel = 0.7 * _overlap(idx, u.words, fw) + 0.3 * _overlap(idx, words, fw)
            cover = sum(weights[x] for x in anchors if x in (st.s, st.o))
            text = st.source.text.lower() if st.source else ""
            cover += 0.8 * sum(weights[x] for x in anchors - {st.s, st.o}
                               if any(_mentions(text, n) for n in idx.names(x)))
            score = cover + 2.0 * rel
            if st.s in anchors and st.o not in anchors:
                out.append(Candidate(st.o, st, score, st.s, True))
            elif st.o in anchors and st.s not in anchors:
                out.append(Candidate(st.s, st, score - 0.1, st.o, False))
            elif st.s in anchors:
                out.append(Candidate(st.o, st, score, st.s, True))
            else:  # found by its words alone: either end may be the answer
                out.append(Candidate(st.o, st, score, st.s, True))
                out.append(Candidate(st.s, st, score - 0.1, st.o, False))
    return sorted(out, key=lambda c: -c.score)


# ------------------------------------------------------------------ answering


def answer(idx: QAIndex, question: str) -> dict[str, Any]:
    u = understand(idx, question)
    result: dict[str, Any] = {"question": question, "answers": [], "answer_text": "", "sparql": None,
                              "interpretation": {"type": u.qtype, "entities": [
                                  {"iri": e, "label": idx.label(e), "mention": u.mentions.get(e)} for e in u.entities],
                                  "relation_words": u.words, "unlinked": u.unlinked},
                              "confidence": 0.0, "suggestions": []}
    defined = definition_subject(idx, question)
    if defined is not None:
        answers = answer_definition(idx, defined)
        if answers:
            result["interpretation"]["type"] = "definition"
            result["interpretation"]["entities"] = [{"iri": defined, "label": idx.label(defined), "mention": None}]
            result["answers"] = [a.as_dict() for a in answers]
            result["confidence"] = 0.8
            result["answer_text"] = f"{idx.label(defined)}: {answers[0].label}"
            return result
    if looks_like_sparql(question):
        result["answer_text"] = "This looks like a SPARQL query: send it to /sparql (or `kg query`) instead."
        return result
    if not mostly_english(u, question):
        result["answer_text"] = "The notes do not answer this: most words of the question are not English words " \
                                "or names of the graph."
        return result
    if u.unlinked or not (u.entities or len(u.words) >= 3):
        result["answer_text"] = ("The notes do not say: " + (f"nothing in the graph is named {', '.join(u.unlinked)}."
                                 if u.unlinked else "no entity of the graph is named in the question."))
        result["suggestions"] = suggestions(idx, question)
        return result
    handler = {"boolean": answer_boolean, "value": answer_value, "list": answer_list}.get(u.qtype, answer_entity)
    answers, confidence, sparql = handler(idx, u)
    result["answers"] = [a.as_dict() for a in answers]
    result["confidence"] = round(confidence, 3)
    result["sparql"] = sparql
    result["answer_text"] = _sentence(idx, u, answers)
    if not answers:
        result["suggestions"] = suggestions(idx, question)
    return result


_DEFINITION = re.compile(r"^\s*(?:what|who)\s*(?:is|are|'s|’s)\s+(?:an?\s+|the\s+)?(.+?)\s*\??\s*$", re.I)


def definition_subject(idx: QAIndex, question: str) -> str | None:
    """"What is Logplex?", "What is a stack?": the thing to define, when the question is nothing else."""
    m = _DEFINITION.match(question)
    if not m:
        return None
    toks = tuple(key_tokens(m.group(1)))
    iris = idx.forms.get(toks)
    if not iris and len(toks) > 1 and toks[0] in idx.brand:
        iris = idx.forms.get(toks[1:])
    if not iris:
        return None
    ranked = sorted((i for i in iris if "CliCommand" not in idx.types.get(i, set())),
                    key=lambda i: ("Concept" in idx.types.get(i, set()), i))
    return ranked[0] if ranked else None


def answer_definition(idx: QAIndex, iri: str) -> list[Answer]:
    """The sentence of the notes that says what it is ("A stack is an operating system image ..."),
    else its description ("X - text", a table's Description column)."""
    sources = list(idx.mentions.get(iri, []))
    for i in idx.by_entity.get(iri, []):
        src = idx.statements[i].source
        if src is not None and src not in sources:
            sources.append(src)
    sources.sort(key=lambda x: (x.file, x.line))
    names = {n.lower() for n in idx.names(iri) if len(n) > 2}
    names |= {" ".join(key_tokens(n)) for n in names}
    label = idx.label(iri).lower()
    for verbs, own_section in (("is|are", False), (r"\w+", True)):
        for line in sources:
            if own_section and line.section.split(" > ")[-1].lower() != label:
                continue  # "Review Apps allow you to ..." defines them only under their own heading
            for sentence in re.split(r"(?<=[.!?])\s+", line.text.strip()):
                low = sentence.lower()
                if len(sentence.split()) > 4 and any(
                        re.match(rf"^(?:an?\s+|the\s+)?{re.escape(n)}\s+(?:{verbs})\s", low) for n in names):
                    return [Answer(sentence.strip(), iri, None, None, [line])]
    for line in sources:  # the first sentence of the text right under its own heading
        if line.section.split(" > ")[-1].lower() == label and line.text.strip().lower() != label \
                and len(line.text.split()) > 6:
            first = re.split(r"(?<=[.!?])\s+", line.text.strip())[0]
            return [Answer(first, iri, None, None, [line])]
    for key, value in idx.literals.get(iri, []):
        if key == "description" and len(value.split()) >= 2:
            found = [x for x in sources if value[:20] in x.text][:1]
            return [Answer(value, iri, None, None, found or sources[:1])]
    return []


def looks_like_sparql(q: str) -> bool:
    return bool(re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX)\b.*[{?]", q, re.I | re.S)) and "{" in q


def mostly_english(u: Understanding, q: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_]+", q) if len(w) > 1]
    if not words:
        return False
    linked = {w.lower() for m in u.mentions.values() for w in re.findall(r"[^\W\d_]+", m)}
    from kg.extract.lexicon import CORPUS_WORDS  # words of the notes the index was built from

    known = [w for w in words if w.lower() in linked or is_common_word(w) or w.lower() in QUESTION_WORDS
             or w.lower() in CORPUS_WORDS]
    return len(known) >= 0.6 * len(words)


def _sentence(idx: QAIndex, u: Understanding, answers: list[Answer]) -> str:
    if not answers:
        return "The notes do not answer this question."
    if u.qtype == "boolean":
        return f"{answers[0].label.capitalize()}, according to the notes (line {answers[0].sources[0].line})." \
            if answers[0].sources else answers[0].label.capitalize() + "."
    if u.qtype == "value":
        a = answers[0]
        return f"{a.label} (line {a.sources[0].line})." if a.sources else f"{a.label}."
    return "; ".join(a.label for a in answers[:12]) + "."


def _statement_sparql(st: Statement, forward: bool) -> str:
    var_end = "?object" if forward else "?subject"
    fixed = f"rdf:subject <{st.s}>" if forward else f"rdf:object <{st.o}>"
    other = "rdf:object" if forward else "rdf:subject"
    return ("PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            "PREFIX kg: <https://w3id.org/heroku-kg/ontology#>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
            f"SELECT {var_end} ?label ?negated ?line ?text WHERE {{\n  ?st a kg:Statement ; {fixed} ;\n"
            f"      rdf:predicate <{st.p}> ; {other} {var_end} ; kg:negated ?negated ;\n"
            f"      prov:wasDerivedFrom [ kg:line ?line ; kg:sourceText ?text ] .\n  {var_end} rdfs:label ?label .\n}}")


def _stated(idx: QAIndex, iri: str) -> set[str]:
    """Classes the notes give, with their superclasses; not those guessed from a property's range, which
    a loosely worded fact can make wrong ("Heroku Shield Private Spaces" as a Feature)."""
    from kg.lookup import stated_classes

    return set(stated_classes(idx, iri)) if idx.classes.get(iri) else idx.types.get(iri, set())


def _entity_answer(idx: QAIndex, c: Candidate) -> Answer:
    return Answer(idx.label(c.answer), c.answer, None, None, [c.statement.source] if c.statement.source else [])


def _prefer(idx: QAIndex, u: Understanding, cands: list[Candidate]) -> list[Candidate]:
    """Re-rank answers: of the asked class, or named with the asked noun ("which file" -> Procfile),
    proper names over phrases, and not things the question already half names."""
    qwords = set(u.words) | set(u.mention_words)
    out = []
    for c in cands:
        bonus = 0.0
        types = _stated(idx, c.answer)
        label_words = set(lemma_tokens(idx.label(c.answer)))
        if u.class_filter and u.class_filter in types:
            bonus += 0.6
        if u.class_word and u.class_word in idx.label(c.answer).lower():
            bonus += 0.6
        other = c.statement.s if c.answer == c.statement.o else c.statement.o
        if u.class_word and c.statement.p.endswith("#example") and u.class_word in idx.label(other).lower():
            bonus += 0.6  # "a Linux distribution, such as Ubuntu"
        if "Concept" not in types:
            bonus += 0.25
        if label_words and len(label_words & qwords) / len(label_words) >= 0.5:
            bonus -= 0.6
        if len(label_words) > 8:
            bonus -= 0.4
        out.append(Candidate(c.answer, c.statement, c.score + bonus, c.anchor, c.forward))
    return sorted(out, key=lambda c: -c.score)


def _through_concepts(idx: QAIndex, cands: list[Candidate]) -> list[Candidate]:
    """A phrase node that involves the asked thing points on to who it belongs to: Postgres <- "sync
    Heroku Postgres data ..." <- Salesforce Data Cloud."""
    extra = []
    for c in cands[:20]:
        if "Concept" not in idx.types.get(c.answer, set()):
            continue
        for i in idx.by_entity.get(c.answer, []):
            st = idx.statements[i]
            if st.p.endswith("#involves") or st is c.statement:
                continue
            other = st.s if st.o == c.answer else st.o
            extra.append(Candidate(other, st, c.score - 0.3, c.answer, st.s == c.answer))
    return sorted(cands + extra, key=lambda c: -c.score)


def _named_in_question(idx: QAIndex, u: Understanding, iri: str) -> bool:
    q = u.question.lower()
    label_words = [w for t in idx.label(iri).split() for w in key_tokens(t)]  # singular: "Staging" is no "stage"
    said = [w for t in tokenize(u.question) for w in key_tokens(t)]
    n = len(label_words)
    # the name as a run of the question's words: "Private Space Logging" is not named by "logging features
    # need a Shield Private Space", though each of its words is there
    run = n > 0 and any(said[i:i + n] == label_words for i in range(len(said) - n + 1))
    return iri in u.entities or (_mentions(q, idx.label(iri)) and len(idx.label(iri)) > 3) or run


def answer_entity(idx: QAIndex, u: Understanding) -> tuple[list[Answer], float, str | None]:
    cands = _prefer(idx, u, _through_concepts(idx, candidates(idx, u)))
    cands = [c for c in cands if c.score >= MIN_SCORE and not _named_in_question(idx, u, c.answer)]
    if not cands:
        return [], 0.0, None
    best = cands[0]
    return [_entity_answer(idx, best)], min(1.0, best.score / 4), _statement_sparql(best.statement, best.forward)


def answer_list(idx: QAIndex, u: Understanding) -> tuple[list[Answer], float, str | None]:
    cands = [c for c in _prefer(idx, u, candidates(idx, u)) if not _named_in_question(idx, u, c.answer)]
    if u.class_filter:
        typed = [c for c in cands if u.class_filter in _stated(idx, c.answer) and c.score >= MIN_SCORE]
        cands = typed or cands
    if not cands or cands[0].score < MIN_SCORE:
        return [], 0.0, None
    groups: dict[tuple[str, str, bool, bool], list[Candidate]] = defaultdict(list)
    for c in cands:
        groups[(c.anchor, c.statement.p, c.forward, c.statement.negated)].append(c)

    qwords = set(u.words) | set(u.mention_words)

    def group_score(g: list[Candidate]) -> float:
        anchor_words = set(lemma_tokens(idx.label(g[0].anchor)))
        named = len(anchor_words & qwords) / len(anchor_words) if anchor_words else 0.0
        return max(c.score for c in g) + 0.15 * min(len({c.answer for c in g}), 4) + \
            0.3 * (sum(c.score for c in g) / len(g)) + 0.6 * named

    _, best = max(groups.items(), key=lambda kv: group_score(kv[1]))
    if u.negated and u.class_word and best[0].statement.p.endswith("#onlyAvailableWith") and best[0].forward:
        return _complement(idx, u, best)
    if u.class_filter:
        typed = [c for c in best if u.class_filter in _stated(idx, c.answer)]
        best = typed or best
    top = max(c.score for c in best)
    answers: dict[str, Answer] = {}
    for c in sorted(best, key=lambda c: (c.statement.source.line if c.statement.source else 0)):
        if c.score < top - 1.0 and len(best) > 1:
            continue
        a = answers.get(c.answer)
        if a is None:
            answers[c.answer] = _entity_answer(idx, c)
        elif c.statement.source and c.statement.source not in a.sources:
            a.sources.append(c.statement.source)
    found = _dedupe(list(answers.values()))
    parts, part_of = _parts_of(idx, u, found)
    if part_of is not None:
        return parts, min(1.0, top / 4), _statement_sparql(part_of, True)
    return found, min(1.0, top / 4), _statement_sparql(best[0].statement, best[0].forward)


def _parts_of(idx: QAIndex, u: Understanding, found: list[Answer]) -> tuple[list[Answer], Statement | None]:
    """The parts of the thing asked about, when the notes list them on its own line ("**memory usage** -
    quota, total, RSS, swap"): the thing named right after "which" ("which queue depth metrics"), or the one
    thing found that shares a word with the question ("which memory metrics" -> "memory usage")."""
    asked = re.match(r"\s*(?:which|what)\s+(?:are\s+the\s+|kinds?\s+of\s+|types?\s+of\s+)?(.*)", u.question, re.I)
    things = [e for e in u.entities if asked and u.mentions.get(e)
              and asked.group(1).lower().startswith(str(u.mentions[e]).lower())]
    asked_words = set(u.words) - {u.class_word or ""}
    named = [a.iri for a in found if a.iri and set(lemma_tokens(idx.label(a.iri))) & asked_words]
    if len(named) == 1:  # of "memory usage", "load", "Events", the question names only the first
        things.append(named[0])
    for iri in things:
        parts = [st for st in (idx.statements[i] for i in idx.by_entity.get(iri, []))
                 if st.s == iri and st.p.endswith("#includes") and st.source
                 and st.source.text.lower().startswith(idx.label(iri).lower())]
        if len(parts) >= 2 and len({st.source.line for st in parts if st.source}) == 1:
            text = parts[0].source.text.lower() if parts[0].source else ""
            parts.sort(key=lambda st: text.find(idx.label(st.o).lower()))
            answers = [Answer(idx.label(st.o), st.o, None, None, [st.source] if st.source else []) for st in parts]
            return answers, parts[0]
    return [], None


def _complement(idx: QAIndex, u: Understanding, only: list[Candidate]) -> tuple[list[Answer], float, str | None]:
    """"Which dynos can NOT autoscale?" when the notes say autoscaling is *only* for some: the others of
    that class (closed world under "only")."""
    allowed = {c.answer for c in only}
    allowed_words = [set(key_tokens(idx.label(a))) for a in allowed]
    sources = [c.statement.source for c in only if c.statement.source][:1]
    out = []
    for iri, types in idx.types.items():
        if iri in allowed or iri in u.entities or types & {"Concept", "CliCommand"}:
            continue
        head = key_tokens(idx.label(iri))
        if not head or head[-1] != u.class_word or " --" in idx.label(iri):  # named as one of the asked kind
            continue
        words = set(head)
        if any(w <= words or words <= w for w in allowed_words if w):
            continue  # "Private dynos" is one of the allowed, whatever the exact node
        out.append(Answer(idx.label(iri), iri, None, None, sources))
    return sorted(out, key=lambda a: a.label.lower()), 0.6, _statement_sparql(only[0].statement, True)


def _dedupe(answers: list[Answer]) -> list[Answer]:
    """"CSV" and "CSV formats", "ACM" and the bullet that defines it: keep the shorter name."""
    words = [set(lemma_tokens(a.label)) for a in answers]
    keep = []
    for i, a in enumerate(answers):
        if any(j != i and words[j] and words[j] < words[i] for j in range(len(answers))):
            continue
        keep.append(a)
    return keep


def answer_boolean(idx: QAIndex, u: Understanding) -> tuple[list[Answer], float, str | None]:
    # "Is X part of Y?": the transitive includes/partOf closure decides
    if len(u.entities) >= 2 and {"part", "include", "contain"} & set(u.words):
        a, b = u.entities[0], u.entities[-1]
        for s, o in ((a, b), (b, a)):
            if (o, "https://w3id.org/heroku-kg/ontology#includes", s) in idx.inferred or \
                    (s, "https://w3id.org/heroku-kg/ontology#partOf", o) in idx.inferred:
                src = _sources_between(idx, s, o)
                return [Answer("yes", None, True, None, src)], 0.9, None
    cands = candidates(idx, u)
    if not cands:
        return [], 0.0, None
    best = cands[0]
    rel = _overlap(idx, u.words, _fact_words(idx, best.statement))
    if best.score < MIN_SCORE + 0.3 or rel < 0.45:
        return [], 0.0, None
    text = best.statement.source.text.lower().replace("’", "'") if best.statement.source else ""
    negative = best.statement.negated or (bool(re.search(r"\b(not|n't|cannot|can't|never|no)\b", text)) and \
        _negation_near(text, u.words))
    yes = not negative
    if u.negated:
        yes = not yes
    label = "yes" if yes else "no"
    return [Answer(label, None, yes, None, [best.statement.source] if best.statement.source else [])], \
        min(1.0, best.score / 4), _statement_sparql(best.statement, best.forward)


def _negation_near(text: str, words: list[str]) -> bool:
    """A negation in the source line that governs the asked words (within a few words of one)."""
    toks = re.findall(r"[a-z']+", text.replace("’", "'"))
    lem = [lemma(t) for t in toks]
    neg = [i for i, t in enumerate(toks) if t in ("not", "cannot", "never", "no") or t.endswith("n't")]
    hits = [i for i, w in enumerate(lem) if w in words]
    return any(0 <= h - n <= 4 for n in neg for h in hits)


def _sources_between(idx: QAIndex, a: str, b: str) -> list[SourceLine]:
    out = []
    for i in idx.by_entity.get(a, []):
        st = idx.statements[i]
        if {st.s, st.o} == {a, b} and st.source:
            out.append(st.source)
    return out[:3]


# ------------------------------------------------------------------ values


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


def answer_value(idx: QAIndex, u: Understanding) -> tuple[list[Answer], float, str | None]:
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
        if i not in pool and lim.source and _overlap(idx, words, _limit_words(lim)) >= 0.5:
            pool[i] = 0.5
    scored: list[tuple[float, LimitRec]] = []
    for i, w in pool.items():
        if True:
            lim = idx.limits[i]
            lw = _limit_words(lim)
            rel = 0.7 * _overlap(idx, u.words, lw) + 0.3 * _overlap(idx, u.words + u.mention_words, lw)
            unit_ok = _unit_compatible(idx, u, lim)
            if unit_ok is False:
                continue
            score = w * 2 + 2.0 * rel + (0.5 if unit_ok else 0)
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
    # a short word or name as the value ("the last", "*-4"): the best statement's object
    ents, conf, sparql = answer_entity(idx, u)
    if ents and conf >= 0.45:
        return ents[:1], conf, sparql
    return [], 0.0, None


def asked_units(u: Understanding) -> list[str]:
    """What a value question counts: "how many X", "number of X", "maximum X" -> X's words."""
    q = u.question.lower()
    m = re.search(r"(?:how many|number of|maximum|minimum|max|min)\s+((?:[a-z0-9*.-]+\s*){1,5})", q)
    if not m:
        return []
    words = [lemma(w) for w in m.group(1).split() if w not in STOP and w not in QUESTION_WORDS
             and w not in ("number", "of", "s")]
    return words[:5]


def asks_time(u: Understanding) -> bool:
    toks = set(tokenize(u.question.lower()))
    return bool(u.unit_words & set(SECONDS)) or bool(re.search(r"\bhow (long|far back|far)\b", u.question.lower())) \
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
        _statement_sparql(first, True)


def _unit_compatible(idx: QAIndex, u: Understanding, lim: LimitRec) -> bool | None:
    """True when the question's unit words fit the limit, False when they clash, None when silent."""
    unit_head = lim.unit.split(" per ")[0].split()[-1] if lim.unit else ""
    if asks_time(u):
        return unit_head in SECONDS or unit_head in ("month", "year", "week")
    if {"worth", "cost", "price"} & set(u.words) or "$" in u.question:
        return "usd" in lim.unit
    if u.given is not None:
        given_head = u.given[1].split()[-1]
        return given_head in lim.unit.split() or any(given_head == w for w in lemma_tokens(lim.unit))
    asked = asked_units(u)
    if asked:
        subject_words = set(lemma_tokens(idx.label(lim.subject)))
        unit_words = set(lemma_tokens(lim.unit))
        return bool(set(asked) & (unit_words | {unit_head})) or \
            (lim.unit.startswith("per ") and bool(set(asked) & subject_words))
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
    if unit == "usd":
        return Answer(f"${_fmt(value)}", lim.subject, value, "USD", src)
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


def suggestions(idx: QAIndex, question: str) -> list[str]:
    words = [w for w in tokenize(question) if w.lower() not in STOP and w.lower() not in QUESTION_WORDS and len(w) > 2]
    names = {idx.label(i): i for i in idx.labels if not idx.types.get(i, set()) & {"Concept"}}
    out: list[str] = []
    for w in words:
        for label, _score, _ in process.extract(w, list(names), scorer=fuzz.WRatio, limit=3, score_cutoff=80):
            if label not in out:
                out.append(label)
    return out[:8]

