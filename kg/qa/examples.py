"""Example questions for the home page: questions about the built notes that the question answering itself
answers with high confidence. Candidates come from the notes' structure (a term a line defines, a short
caption over a list); only those answered at or above `min_confidence` are kept."""

from __future__ import annotations

from kg.qa.answer import answer
from kg.qa.context import QA
from kg.qa.evidence import lead
from kg.qa.question import QuestionError

MIN_CONFIDENCE = 0.8
MAX_CANDIDATES = 60


def candidates(qa: QA) -> list[str]:
    """Questions the notes' own layout suggests, in reading order, alternating kinds."""
    idx = qa.index
    defined: list[str] = []
    listed: list[str] = []
    for i, line in enumerate(idx.lines):
        term, rest = lead(idx, i)
        if line.lead and rest and len(term.split()) <= 4 and len(rest.split()) >= 4:
            defined.append(f"What is {term}?")
        section = line.source.section.split(" > ")[-1]
        caption = len(line.text.split()) <= 3 and not line.lead and not any(c.isdigit() for c in line.text)
        if len(line.children) >= 2 and caption and line.kind in ("item", "para") and section:
            listed.append(f"What are the {line.text.strip(' :').lower()} of {section}?")
    mixed = [q for pair in zip(listed, defined, strict=False) for q in pair]
    mixed += listed[len(mixed) // 2:] + defined[len(mixed) // 2:]
    return list(dict.fromkeys(mixed))[:MAX_CANDIDATES]


def example_questions(qa: QA, count: int = 4, min_confidence: float = MIN_CONFIDENCE) -> list[dict[str, object]]:
    """Up to `count` questions answered with confidence >= min_confidence, with that confidence."""
    found: list[dict[str, object]] = []
    for question in candidates(qa):
        try:
            result = answer(qa, question)
        except QuestionError:
            continue
        if result["answers"] and result["confidence"] >= min_confidence:
            found.append({"question": question, "confidence": result["confidence"]})
            if len(found) == count:
                break
    return found
