"""Questions in plain English -> answers from the graph, with the facts and source lines behind them.

1. understand: question type (boolean, value, list, entity), linked entities (labels and altLabels,
   tolerant of case, plurals, hyphens and typos), the relation words that are left, a number+unit given;
2. retrieve: the statements and limits around the linked entities (and one hop further), scored by how
   well their wording, predicate and source line match the relation words (IDF-weighted);
3. answer by type, computing simple derived values (unit conversions, per-item limits times N, batches);
4. never guess: an unlinked name, or no fact scoring above the threshold, gives no answer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, process

from kg.extract.lexicon import (
    STOP,
    is_common_word,
    key_tokens,
    lemma,
    lemma_tokens,
)
from kg.extract.vocab import load_vocabulary
from kg.qa_index import QAIndex, SourceLine, Statement
from kg.qa_question import (
    MAX_QUESTION_CHARS,
    QUESTION_WORDS,
    QuestionError,
    Understanding,
    tokenize,
    understand,
)
from kg.qa_rank import (
    PROPERTY_WORDS,
    Answer,
    Candidate,
    accepts,
    candidates,
    fact_words,
    mentions,
    overlap,
    statement_sparql,
)
from kg.qa_values import answer_value
from kg.terms import local

__all__ = ["MAX_QUESTION_CHARS", "Answer", "QuestionError", "answer", "suggestions"]

MIN_SCORE = 1.2

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
    handler = {"boolean": answer_boolean, "value": _value_or_name, "list": answer_list}.get(u.qtype, answer_entity)
    answers, confidence, sparql = handler(idx, u)
    result["answers"] = [a.as_dict() for a in answers]
    result["confidence"] = round(confidence, 3)
    result["sparql"] = sparql
    result["answer_text"] = _sentence(idx, u, answers)
    if not answers:
        result["suggestions"] = suggestions(idx, question)
    return result


_DEFINITION = re.compile(r"^\s*(?:what|who)\s*(?:is|are|'s|’s)\s+(?:an?\s+|the\s+)?(.+?)\s*\??\s*$"
                         r"|^\s*what\s+(?:does|do)\s+(?:an?\s+|the\s+)?(.+?)\s+do\s*\??\s*$", re.I)  # "what does X do?"


def definition_subject(idx: QAIndex, question: str) -> str | None:
    """"What is Logplex?", "What is a stack?": the thing to define, when the question is nothing else."""
    m = _DEFINITION.match(question)
    if not m:
        return None
    toks = tuple(key_tokens(m.group(1) or m.group(2)))
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




def _stated(idx: QAIndex, iri: str) -> set[str]:
    """Classes the notes give, with their superclasses; not those guessed from a property's range, which
    a loosely worded fact can make wrong ("Heroku Shield Private Spaces" as a Feature)."""
    from kg.lookup import stated_classes

    return set(stated_classes(idx, iri)) if idx.classes.get(iri) else idx.types.get(iri, set())


def _unclassed(idx: QAIndex, iri: str) -> bool:
    """The notes give it no class: it may be of any asked kind."""
    return not _stated(idx, iri) - {"Entity"}


def _untyped_name(idx: QAIndex, iri: str) -> bool:
    """An unclassed name ("Gatekeeper Lists"); a lone dictionary word ("Types") is no such name."""
    label = idx.label(iri)
    return _unclassed(idx, iri) and not (" " not in label and is_common_word(label))


def _entity_answer(idx: QAIndex, c: Candidate) -> Answer:
    return Answer(idx.label(c.answer), c.answer, None, None, [c.statement.source] if c.statement.source else [])


def _has_word(label: str, word: str) -> bool:
    """"Procfile" has "file", "Linux distribution" has "distribution"; "producers" has no "pro"; a file
    name ("app.json") is a file."""
    low = label.lower()
    if word == "file" and re.search(r"\w\.[a-z]{2,5}$", low):
        return True
    return word in lemma_tokens(label) or bool(re.search(rf"{re.escape(word)}s?\b", low) and len(word) >= 4)


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
        if u.class_word and _has_word(idx.label(c.answer), u.class_word):
            bonus += 0.6
        other = c.statement.s if c.answer == c.statement.o else c.statement.o
        if u.class_word and c.statement.p.endswith("#example") and _has_word(idx.label(other), u.class_word):
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
    return iri in u.entities or (mentions(q, idx.label(iri)) and len(idx.label(iri)) > 3) or run


def _value_or_name(idx: QAIndex, u: Understanding) -> tuple[list[Answer], float, str | None]:
    found = answer_value(idx, u)
    if found is not None:
        return found
    ents, conf, sparql = answer_entity(idx, u)  # a short word or name as the value: the best fact's object
    return (ents[:1], conf, sparql) if ents and conf >= 0.45 else ([], 0.0, None)


def answer_entity(idx: QAIndex, u: Understanding) -> tuple[list[Answer], float, str | None]:
    cands = _prefer(idx, u, _through_concepts(idx, candidates(idx, u)))
    cands = [c for c in cands if c.score >= MIN_SCORE and not _named_in_question(idx, u, c.answer)]
    described = _described(idx, u)
    if described is not None and (not cands or described[0] > cands[0].score
                                  or u.class_filter not in _stated(idx, cands[0].answer)):
        score, iri, key, _ = described
        src = idx.mentions.get(iri, [])[:1]
        return [Answer(idx.label(iri), iri, None, None, list(src))], min(1.0, score / 4), _literal_sparql(iri, key)
    if u.class_filter and cands:
        # "which command ...?" is answered by a command (or a thing the notes give no class), never a privilege
        kind = [c for c in cands if u.class_filter in _stated(idx, c.answer)
                or (_untyped_name(idx, c.answer) and c.score >= MIN_SCORE + 0.8)]
        cands = kind
    if not cands:
        return [], 0.0, None
    best = cands[0]
    # "What is KVS compatible with?" -> Redis and Valkey: the same fact of the same line, each as good
    # ... or the items of one list ("Each app represents a CI stage:" + the stages)
    same = [c for c in cands if c.anchor == best.anchor and c.statement.p == best.statement.p
            and c.forward == best.forward and
            ((c.statement.source == best.statement.source and c.score >= best.score - 0.05) or
             (best.statement.wording.endswith(":") and c.statement.wording == best.statement.wording
              and c.score >= best.score - 0.3))]
    if best.statement.wording.endswith(":"):  # a list: in the order of the notes
        same.sort(key=lambda c: c.statement.source.line if c.statement.source else 0)
    first: dict[str, Candidate] = {}
    for c in same:
        first.setdefault(c.answer, c)
    answers = _dedupe([_entity_answer(idx, c) for c in first.values()])
    return answers, min(1.0, best.score / 4), statement_sparql(best.statement, best.forward)


def _described(idx: QAIndex, u: Understanding) -> tuple[float, str, str, str] | None:
    """"Which command sets a config var?": the thing of the asked class whose own description (a purpose
    or description the notes give beside it) fits the question's words."""
    if u.class_filter is None:
        return None
    words = [w for w in u.words if w != u.class_word]
    if not words:
        return None
    best: tuple[float, str, str, str] | None = None
    for iri, literals in idx.literals.items():
        stated = _stated(idx, iri)
        # a thing the notes give no kind may be of the asked one; a thing of another kind is not
        untyped = _untyped_name(idx, iri)
        if (u.class_filter not in stated and not untyped) or _named_in_question(idx, u, iri):
            continue
        label_words = set(lemma_tokens(idx.label(iri)))
        for key, value in literals:
            own = set(lemma_tokens(value)) | label_words
            rel = 0.7 * overlap(idx, words, own) + 0.3 * overlap(idx, words + u.mention_words, own)
            if u.given is not None and _states_number(value, u.given[0]):
                rel += 0.3  # "which command shows 1500 lines": the number the description gives
            score = 2.0 * rel + 0.6 + 0.25 - (0.3 if untyped else 0.0)
            if rel >= 0.6 and (best is None or score > best[0]):
                best = (score, iri, key, value)
    return best


def _states_number(text: str, value: float) -> bool:
    return any(float(n.replace(",", "")) == value for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text))


def _literal_sparql(iri: str, key: str) -> str:
    return ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX kg: <https://w3id.org/heroku-kg/ontology#>\n"
            f"SELECT ?label ?{key} WHERE {{\n  <{iri}> rdfs:label ?label ; kg:{key} ?{key} .\n}}")


def _of_asked_kind(idx: QAIndex, u: Understanding, c: Candidate) -> bool:
    """Of the asked class, or the object of a relation the asked noun names ("which factors" -> factor)."""
    if u.class_filter in _stated(idx, c.answer):
        return True
    return bool(u.class_word) and c.forward and u.class_word in lemma_tokens(idx.prop_name(c.statement.p))


def answer_list(idx: QAIndex, u: Understanding) -> tuple[list[Answer], float, str | None]:
    cands = [c for c in _prefer(idx, u, candidates(idx, u)) if not _named_in_question(idx, u, c.answer)]
    if u.class_filter:
        typed = [c for c in cands if _of_asked_kind(idx, u, c) and c.score >= MIN_SCORE]
        # things the notes give no class ("Gold, Platinum include X") stay when they fit clearly better
        untyped = [c for c in cands if _unclassed(idx, c.answer) and c.score >= MIN_SCORE]
        if typed and untyped and untyped[0].score > typed[0].score + 0.5:
            typed = sorted(typed + untyped, key=lambda c: -c.score)
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
    if u.negated and u.class_word and _exclusive(best[0].statement.p) and best[0].forward:
        return _complement(idx, u, best)
    if u.class_filter:
        typed = [c for c in best if _of_asked_kind(idx, u, c)]
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
    if part_of is None and len(found) == 1 and found[0].iri:
        parts, part_of = _members_of(idx, u, found[0].iri)
    if part_of is not None:
        return parts, min(1.0, top / 4), statement_sparql(part_of, True)
    return found, min(1.0, top / 4), statement_sparql(best[0].statement, best[0].forward)


def _members_of(idx: QAIndex, u: Understanding, iri: str) -> tuple[list[Answer], Statement | None]:
    """"Which factors ...?" answered by a "Throughput factors" heading: its items, the objects of the
    relation the asked noun names, are the answer."""
    word = u.class_word
    if not word or not _has_word(idx.label(iri), word):
        return [], None
    members = [st for st in (idx.statements[i] for i in idx.by_entity.get(iri, []))
               if st.s == iri and not st.negated and word in lemma_tokens(idx.prop_name(st.p))]
    if len(members) < 2:
        return [], None
    members.sort(key=lambda st: st.source.line if st.source else 0)
    return [Answer(idx.label(st.o), st.o, None, None, [st.source] if st.source else []) for st in members], members[0]


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
    return sorted(out, key=lambda a: a.label.lower()), 0.6, statement_sparql(only[0].statement, True)


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
    rel = overlap(idx, u.words, fact_words(idx, best.statement))
    if best.score < MIN_SCORE + 0.3 or rel < 0.45:
        return [], 0.0, None
    for c in cands[:8]:
        # an exclusive relation of a named subject decides, when it is among the close candidates
        listed = _in_closed_list(idx, u, c.statement) if c.score >= 0.6 * best.score and \
            c.statement.s in u.entities else None
        if listed is not None:
            return _yes_no(c, listed != u.negated)
    text = best.statement.source.text.lower().replace("’", "'") if best.statement.source else ""
    negative = best.statement.negated or local(best.statement.p) in _negative_properties() or \
        (bool(re.search(r"\b(?:not|cannot|never|no)\b|n't\b", text)) and _negation_near(text, u.words))
    return _yes_no(best, negative == u.negated)


def _negative_properties() -> frozenset[str]:
    """Relations that state what does not hold ("may not", "not available for"): the ontology's
    negative counterparts and their sub-properties."""
    vocab = load_vocabulary()
    found = set(vocab.negation.values())
    return frozenset(found | {"disabledIn"})


def _yes_no(c: Candidate, yes: bool) -> tuple[list[Answer], float, str | None]:
    src = [c.statement.source] if c.statement.source else []
    return [Answer("yes" if yes else "no", None, yes, None, src)], min(1.0, c.score / 4), \
        statement_sparql(c.statement, c.forward)


def _parts(words: Iterable[str]) -> set[str]:
    """Hyphenated words split ("performance-l" -> performance), one-letter parts dropped."""
    return {p for w in words for p in w.split("-") if len(p) > 1}


def _name_words(text: str) -> set[str]:
    """The lemmas of a name, in parts."""
    return _parts(lemma_tokens(text))


def _exclusive(p: str) -> bool:
    """A relation whose stated objects are the only ones (kg:ExclusiveProperty)."""
    return local(p) in load_vocabulary().exclusive


def _in_closed_list(idx: QAIndex, u: Understanding, st: Statement) -> bool | None:
    """For an exclusive relation ("only available for A, B and C"): whether the thing the question asks
    about is among the stated objects. None when the relation is not exclusive or the question names
    nothing beyond the subject, the relation and generic class nouns ("dynos")."""
    if st.negated or not _exclusive(st.p):
        return None
    stated = [x for i in idx.by_entity.get(st.s, []) if (x := idx.statements[i]).s == st.s and x.p == st.p
              and not x.negated]
    ignore = _name_words(idx.label(st.s)) | set(PROPERTY_WORDS().get(st.p, frozenset())) | \
        _name_words(idx.prop_name(st.p)) | STOP
    content = _parts(u.words) | {w for iri, m in u.mentions.items() if iri != st.s for w in _name_words(m)}
    # class nouns ("dynos", "plans") name a kind, not which one
    asked = {w for w in content if not accepts(w) & ignore and w not in load_vocabulary().head_nouns}
    if not asked:
        return None
    listed: set[str] = set()
    for x in stated:
        for name in idx.names(x.o):
            listed |= _name_words(name)
    return all(accepts(w) & listed for w in asked)


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


def suggestions(idx: QAIndex, question: str) -> list[str]:
    words = [w for w in tokenize(question) if w.lower() not in STOP and w.lower() not in QUESTION_WORDS and len(w) > 2]
    names = {idx.label(i): i for i in idx.labels if not idx.types.get(i, set()) & {"Concept"}}
    out: list[str] = []
    for w in words:
        for label, _score, _ in process.extract(w, list(names), scorer=fuzz.WRatio, limit=3, score_cutoff=80):
            if label not in out:
                out.append(label)
    return out[:8]

