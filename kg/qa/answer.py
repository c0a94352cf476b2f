"""A question in plain English -> an answer read from the best evidence of the notes, with its source lines
and a calibrated confidence; below the threshold, no answer and the lines that come closest."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path
from typing import Any

from kg.namespaces import KG
from kg.qa.calibration import Calibration, vector
from kg.qa.context import QA
from kg.qa.index import QAIndex, load_index
from kg.qa.question import Question, question_parser, read_question
from kg.qa.readers import Answer, Reading, defined, read_boolean, read_definition, read_open, read_row, read_value
from kg.qa.search import Hit, Search

EVIDENCE_SHOWN = 3
_DIGIT = re.compile(r"\d")
_SPARQL = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX|INSERT|DELETE)\b[\s\S]*[{?]", re.I)


def load_qa(build_dir: Path, model: str | None = None, threshold: float | None = None) -> QA:
    """The answering parts of one build's folder; `threshold` (0..1) replaces the fitted one."""
    return qa_of(load_index(build_dir), model, threshold=threshold)


def qa_of(idx: QAIndex, model: str | None = None, calibration: Calibration | None = None,
          threshold: float | None = None) -> QA:
    from kg.extract.nlp import DEFAULT_MODEL

    calibration = calibration or Calibration.load()
    if threshold is not None and threshold >= 0:
        calibration = dataclasses.replace(calibration, threshold=threshold)
    return QA(idx, Search(idx), question_parser(model or DEFAULT_MODEL), calibration)


def read(qa: QA, question: str) -> tuple[Question, list[Hit], Reading | None]:
    """The question understood, the evidence found and the best reading of it (no threshold applied)."""
    idx = qa.index
    q = read_question(idx, question, qa.nlp)
    expansion = [t for lk in q.links for iri in lk.iris for t in idx.words.terms(idx.label(iri))]
    hits = qa.search.rank(q.terms + expansion, q.text)
    if not hits:
        return q, hits, None
    reading: Reading | None = read_row(qa, q, hits) if q.kind == "open" else None
    thing = defined(idx, q) if reading is None else None
    if thing is not None:
        reading = read_definition(qa, q, hits, thing)
    if reading is not None:
        pass
    elif q.kind == "boolean":
        reading = read_boolean(qa, q, hits)
    elif q.kind == "value":
        # an amount of a named unit ("how many seconds", "what rate") that no line states: not in the notes
        reading = read_value(idx, q, hits) or (_with_amount(read_open(qa, q, hits)) if q.counted else None)
    else:  # a scenario with amounts may ask for one worked out ("40 licenses ... what allocation?")
        reading = (read_value(idx, q, hits, derived_only=True) if q.amounts else None) or read_open(qa, q, hits)
    if reading is not None:
        reading.features.update(_answer_features(idx, q, reading))
        reading.features = vector(reading.features, reading.kind, reading.how)
    return q, hits, reading


def _with_amount(reading: Reading | None) -> Reading | None:
    """A question that asks how many is answered by an amount or not at all: a name read off the best line
    in its place ("How many PushTopics ...?" -> "Push Topics") is of the wrong kind. (A measure, "how long",
    "how much memory", is read_value's alone: it knows the units.)"""
    if reading is None or not any(_DIGIT.search(a.label) for a in reading.answers):
        return None
    return reading


def _answer_features(idx: QAIndex, q: Question, reading: Reading) -> dict[str, float]:
    """What the answer itself says about its chance: one that repeats the question's words is likely the
    wrong part of the line; one where the noun asked about appears is likely the right one."""
    named = {w for lk in q.links for w in idx.words.content(lk.text)}
    asked = set(q.terms) - named  # an answer may repeat the names the question gives ("Nimbus Store is ...")
    echo = [len(words & asked) / len(words) for a in reading.answers
            if (words := idx.words.content(a.label))]
    focus = q.focus is not None and (q.focus in idx.context[reading.line] or
                                     any(q.focus in idx.words.content(a.label) for a in reading.answers))
    return {"echo": sum(echo) / len(echo) if echo else 0.0, "focus": float(focus),
            "answers": math.log1p(len(reading.answers))}



def answer(qa: QA, question: str) -> dict[str, Any]:
    idx = qa.index
    if _SPARQL.search(question) and "{" in question:
        return _empty(question, "This looks like a SPARQL query: send it to /sparql (or `kg query`) instead.")
    q, hits, reading = read(qa, question)
    result = _empty(question, "")
    result["interpretation"] = {"type": q.kind if reading is None else reading.kind,
                                "entities": [{"iri": iri, "label": idx.label(iri), "mention": lk.text}
                                             for lk in q.links for iri in sorted(lk.iris)],
                                "relation_words": q.terms, "unlinked": []}
    result["evidence"] = [idx.lines[h.line].source.as_dict() for h in hits[:EVIDENCE_SHOWN]]
    if reading is None:
        result["answer_text"] = "The notes do not answer this. " + _closest(idx, hits)
        result["suggestions"] = _names_near(idx, hits)
        return result
    confidence = qa.calibration.confidence(reading.features)
    result["confidence"] = round(confidence, 3)
    if confidence < qa.calibration.threshold:
        result["answer_text"] = "The notes do not answer this with confidence. " + _closest(idx, hits)
        result["suggestions"] = _names_near(idx, hits)
        return result
    result["answers"] = [a.as_dict() for a in reading.answers]
    result["sparql"] = lines_sparql([idx.lines[reading.line].iri, *(
        idx.lines[idx.line_at[(s.file, s.line)]].iri for a in reading.answers for s in a.sources
        if (s.file, s.line) in idx.line_at)])
    result["answer_text"] = _sentence(reading.answers, reading.kind)
    own = idx.lines[reading.line].source
    others = [e for e in result["evidence"] if e["line"] != own.line]
    result["evidence"] = [own.as_dict(), *others[:EVIDENCE_SHOWN - 1]]
    return result


def _empty(question: str, text: str) -> dict[str, Any]:
    return {"question": question, "answers": [], "answer_text": text, "sparql": None,
            "interpretation": {"type": "unknown", "entities": [], "relation_words": [], "unlinked": []},
            "confidence": 0.0, "suggestions": [], "evidence": []}


def lines_sparql(line_iris: list[str]) -> str:
    """The lines an answer was read from, with the statements the graph holds from each."""
    values = " ".join(f"<{iri}>" for iri in dict.fromkeys(line_iris))
    return (f"PREFIX kg: <{KG}>\nPREFIX prov: <http://www.w3.org/ns/prov#>\n"
            f"PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
            f"SELECT ?line ?text ?subject ?predicate ?object ?negated WHERE {{\n"
            f"  VALUES ?line {{ {values} }}\n"
            f"  ?line kg:sourceText ?text .\n"
            f"  OPTIONAL {{ ?st prov:wasDerivedFrom ?line ; rdf:subject ?subject ; rdf:predicate ?predicate ;\n"
            f"             rdf:object ?object ; kg:negated ?negated . }}\n}}")


def _names_near(idx: QAIndex, hits: list[Hit]) -> list[str]:
    """Names on the closest lines, to look up or ask about instead."""
    names: list[str] = []
    for h in hits[:EVIDENCE_SHOWN]:
        for iri in sorted(idx.lines[h.line].entities, key=idx.label):
            if idx.label(iri) not in names and idx.label(iri).lower() not in idx.brand:
                names.append(idx.label(iri))
    return names[:8]


def _closest(idx: QAIndex, hits: list[Hit]) -> str:
    lines = [idx.lines[h.line].source for h in hits[:EVIDENCE_SHOWN]]
    if not lines:
        return ""
    return "The notes come closest here: " + " / ".join(f"line {s.line}: {s.text}" for s in lines)


def _sentence(answers: list[Answer], kind: str) -> str:
    first = answers[0]
    where = f" (line {first.sources[0].line})" if first.sources else ""
    if kind == "boolean":
        return f"{first.label.capitalize()}, according to the notes{where}."
    if kind in ("value", "entity", "definition"):
        return f"{first.label}{where}."
    return "; ".join(a.label for a in answers[:12]) + "."
