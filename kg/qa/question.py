"""What a question asks, read with the trained parser: the kind of answer (yes/no, a value, one thing, a
list), the noun it asks about, its negation, the graph's names it mentions (labels, other names, typos)
and the amounts it gives. A scenario's sentences before the question add their words to the search."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz import fuzz, process

from kg.errors import KGError
from kg.extract.english import stop_words
from kg.qa.index import QAIndex

MAX_QUESTION_CHARS = 1000
FUZZY_MIN = 85  # rapidfuzz ratio for a misspelt name ("salesfroce", "Nimbs Queeu"), of words unknown to the notes
_NUMBER = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_SCALE = {"k": 1e3, "m": 1e6, "million": 1e6, "thousand": 1e3, "billion": 1e9}


class QuestionError(KGError):
    status = 422


@dataclass(frozen=True)
class Link:
    """A name of the graph in the question: the words that said it and the entities it may be."""

    text: str
    start: int  # token offsets in the question
    end: int
    iris: frozenset[str]
    fuzzy: bool = False


@dataclass(frozen=True)
class Amount:
    value: float
    noun: str  # the noun it counts, normalised: "25,000 records" -> "record"


@dataclass
class Question:
    text: str
    ask: str  # the sentence that asks
    kind: str  # boolean | value | open (one thing or a list, decided on the evidence) | definition
    plural: bool | None  # a list is asked for ("which plans", "what are"); None: "what does X cover?"
    focus: str | None  # the noun asked about, normalised: "which Linux distribution" -> "distribution"
    negated: bool
    links: list[Link] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    unit: str | None = None  # "how many seconds" -> "second"; "how long" -> "time"; "what rate" -> "rate";
    # "the size of X" -> "size"
    counted: bool = False  # "how many X", "the number of X": a count, not a measure ("how much memory")
    terms: list[str] = field(default_factory=list)  # normalised content words of the whole text
    verb: str | None = None  # the main verb's lemma, when it is not an auxiliary
    nouns: set[str] = field(default_factory=set)  # normalised words of the asking sentence's nouns
    doc: Any = None  # the parse of the asking sentence

    @property
    def entities(self) -> set[str]:
        return {iri for link in self.links for iri in link.iris}


@cache
def question_parser(model: str) -> Any:
    from kg.extract.nlp import load_pipeline

    return load_pipeline(model)


def read_question(idx: QAIndex, text: str, nlp: Any) -> Question:
    text = " ".join(text.split())
    if not text:
        raise QuestionError("the question is empty")
    if len(text) > MAX_QUESTION_CHARS:
        raise QuestionError(f"the question is over {MAX_QUESTION_CHARS:,} characters")
    doc = nlp(text)
    sents = list(doc.sents)
    ask = next((s for s in reversed(sents) if "?" in s.text), sents[-1])
    _, colon, tail = ask.text.rpartition(": ")
    if colon and "?" in tail and len(tail.split()) >= 2:  # "Walk me through provisioning: what are the steps?"
        ask = nlp(tail)[:]
    kind, plural, focus, unit, focus_at = _kind(ask, idx)
    verb = ask.root.lemma_.lower() if ask.root.pos_ == "VERB" else None
    negated = any(t.dep_ == "neg" for t in ask)
    q = Question(text, ask.text, kind, plural, focus, negated, unit=unit, verb=verb, doc=ask.as_doc())
    q.counted = kind == "value" and (focus in ("number", "count") or any(
        t.lower_ == "how" and t.i + 1 < len(ask.doc) and ask.doc[t.i + 1].lower_ == "many" for t in ask))
    q.nouns = {w for t in ask if t.pos_ in ("NOUN", "PROPN") or (t.dep_ in ("amod", "compound") and
                                                                 t.head.pos_ in ("NOUN", "PROPN"))
               for w in idx.words.content(t.text)}
    q.links = link(idx, [t.text for t in doc])
    q.nouns |= _referent_words(idx, q.links, ask)
    if focus is not None and q.kind != "value" and ask[focus_at].pos_ == "PROPN" and \
            any(ask[focus_at].text in lk.text.split() and not lk.fuzzy and not _is_class_noun(idx, lk)
                for lk in q.links):
        # "what was Salesforce Connect called": the name is asked about, not a kind; one thing if it is one
        q.focus = None
        if not _plural_verb(ask):
            q.plural = None if is_plural(ask[focus_at]) else False
    q.amounts = _amounts(doc, idx)
    q.terms = idx.words.terms(text)
    return q


REFERRING_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})  # English third person


def _referent_words(idx: QAIndex, links: list[Link], ask: Any) -> set[str]:
    """"My worker dynos process jobs. Will Heroku show throughput metrics for them?": a pronoun of the asking
    sentence speaks of the first thing named before it, whose words the question then asks about."""
    if not any(t.lower_ in REFERRING_PRONOUNS for t in ask):
        return set()
    named = next((lk for lk in links if lk.end <= ask.start and lk.iris), None)
    return idx.words.content(named.text) if named is not None else set()


# nouns that ask for an amount ("what is the limit ...", "what's the maximum number ..."): English, not notes
MEASURE_NOUNS = frozenset({"number", "amount", "count", "limit", "maximum", "minimum", "max", "min", "size",
                           "length", "duration", "price", "cost", "rate", "total", "capacity"})


def _kind(ask: Any, idx: QAIndex) -> tuple[str, bool | None, str | None, str | None, int]:
    """Kind, plurality, focus noun, unit asked for, and the focus noun's token offset (-1: none)."""
    toks = [t for t in ask if not t.is_punct]
    if not toks:
        return "open", False, None, None, -1
    wh = next((t for t in toks if t.tag_ in ("WDT", "WP", "WRB", "WP$")), None)
    if _inverted(ask, wh):
        return "boolean", False, None, None, -1  # "Can basic dynos be mixed ...?", "If X fails, does Y ...?"
    if wh is not None and wh.lower_ == "how":
        after = ask.doc[wh.i + 1] if wh.i + 1 < len(ask.doc) else None
        if after is not None and after.lower_ in ("many", "much"):
            noun = after.head if after.head.pos_ in ("NOUN", "PROPN") else \
                next((t for t in ask.doc[after.i + 1:ask.end] if t.pos_ in ("NOUN", "PROPN")), None)
            return "value", False, None, idx.words.norm(noun.text) if noun is not None else "count", -1
        if after is not None and after.pos_ in ("ADJ", "ADV"):
            return "value", False, None, "time" if after.lower_ in ("long", "often", "far", "soon") else None, -1
        return "open", False, None, None, -1
    focus_tok = _focus(ask, wh)
    focus = idx.words.norm(whole_word(focus_tok)) if focus_tok is not None else None
    if focus in MEASURE_NOUNS:  # "the maximum number of connections": the unit is what is counted
        of = next((c for c in focus_tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if counted is None and any(w in ("rate", "frequency") for w in
                                   [focus, *(idx.words.norm(c.text) for c in focus_tok.children
                                             if c.dep_ == "compound")]):
            return "value", False, focus, "rate", -1  # "the rate limit": an amount per time, whatever it counts
        if focus == "size" and counted is not None:
            return "value", False, focus, "size", -1  # "the size of a message": how big it is, not a count of them
        return "value", False, focus, idx.words.norm(counted.text) if counted is not None else None, -1
    plural: bool | None = (focus_tok is not None and (is_plural(focus_tok) or _plural_word(idx, focus_tok))) or \
        _plural_verb(ask)
    if not plural and focus_tok is None and wh is not None and wh.lower_ == "what" and not _names_one(wh):
        plural = None  # "what does the deploy privilege cover?": one thing or several, as the notes have it
    return "open", plural, focus, None, focus_tok.i - ask.start if focus_tok is not None else -1


def whole_word(tok: Any) -> str:
    """The hyphenated word a token ends ("add-ons", which the tokenizer splits into "add", "-", "ons")."""
    doc, start = tok.doc, tok.i
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and \
            not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
        start -= 2
    return str(doc[start:tok.i + 1].text)


def _plural_word(idx: QAIndex, tok: Any) -> bool:
    """A hyphenated plural the tagger reads as its singular last part ("add-ons" -> "ons", NN)."""
    word = whole_word(tok)
    return "-" in word and word.lower().endswith("s") and idx.words.norm(word) != word.lower()


def _names_one(wh: Any) -> bool:
    """"What was Salesforce Connect called?": the wh-word is the complement of one thing, so one thing."""
    verb = wh.head.head if wh.head.dep_ in ("aux", "auxpass") else wh.head  # "was ... called"
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # "what is a Reader allowed to do?" asks for what it does, which may be several things
    acts = any(t.dep_ == "xcomp" for t in wh.doc)
    return wh.dep_ in ("attr", "oprd") and subject is not None and subject.tag_ in ("NN", "NNP") and not acts


def _plural_verb(ask: Any) -> bool:
    """"What are the pros ...?": a plural verb just after the wh-word."""
    wh = next((t for t in ask if t.tag_ in ("WDT", "WP", "WRB", "WP$")), None)
    return wh is not None and any(t.lower_ in ("are", "were") for t in ask.doc[wh.i + 1:wh.i + 3])


def _inverted(ask: Any, wh: Any) -> bool:
    """A yes/no question: it opens with an auxiliary ("Can ...", "Is ...", "Does ..."), or one follows the
    comma of an opening clause ("If my migration fails, does ..."), and no wh-word comes before it."""
    toks = [t for t in ask if not t.is_punct or t.text == ","]
    if not toks:
        return False
    openers = [toks[0]] + [toks[i + 1] for i, t in enumerate(toks[:-1]) if t.text == ","]
    return any(t.pos_ == "AUX" and t.dep_ in ("aux", "auxpass", "ROOT") and (wh is None or wh.i > t.i)
               for t in openers)


def _focus(ask: Any, wh: Any) -> Any:
    """The noun a wh-word asks about: "which plans", "what kind of data sources", "what is the X of"."""
    if wh is None:
        return None
    if wh.dep_ == "det" and wh.head.pos_ in ("NOUN", "PROPN"):
        head = wh.head
        if any(c.dep_ == "dobj" for c in head.children):  # "which OAuth flow suits X": "suits" is the verb
            head = next((c for c in reversed(list(head.lefts)) if c.dep_ == "compound"), None)
            if head is None:
                return None
        if head.lower_ in ("kind", "kinds", "type", "types", "sort", "sorts"):
            of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            return obj or head
        return head
    if wh.lower_ in ("what", "which"):
        # "in which formats", "which Nimbus Queue plans": the last noun of the words after the wh-word (the
        # parser may not hang them on it, and may read a plural noun there as a verb)
        run: list[Any] = []
        for tok in ask.doc[wh.i + 1:ask.end]:
            if any(c.dep_ == "dobj" for c in tok.children):
                break  # "which OAuth flow suits an integration": a verb read as a plural noun has an object
            if tok.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or (tok.text == "-" and run) or _noun_read_as_verb(tok):
                run.append(tok)
                continue
            break
        nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN") or _noun_read_as_verb(t)]
        if nouns:
            return nouns[-1]
    # "what is the default stack?"; "what's the maximum number of mappings an instance supports?" (the parser
    # may hang the "be" on the verb after it)
    root = wh.head if wh.head.lemma_ == "be" else ask.root
    if wh.lower_ in ("what", "which", "who") and root.lemma_ == "be":
        attr = next((c for c in root.children if c.dep_ in ("attr", "nsubj") and c.i != wh.i and
                     c.pos_ in ("NOUN", "PROPN")), None)
        if attr is not None and any(c.dep_ == "acl" and c.tag_ == "VBN" and _leaves_a_place(c) for c in attr.children):
            # "what is a Reader allowed to do?", "what are one-off dynos used for?": the wh-word fills a place of
            # the verb after the noun, so the noun is not the thing asked ("the timeout enforced by X" is)
            return None
        return attr
    return None


def _leaves_a_place(verb: Any) -> bool:
    """A verb with an open place: a preposition with no object ("used for"), or a clause it governs ("allowed to
    do")."""
    return any(c.dep_ == "xcomp" or (c.dep_ == "prep" and not any(x.dep_ in ("pobj", "pcomp") for x in c.children))
               for c in verb.children)


def _is_class_noun(idx: QAIndex, lk: Link) -> bool:
    """A name of the graph that is a common noun of the notes' own kinds ("plans", "stages"): still a kind."""
    return all(idx.label(i).lower().rstrip("s") in {c.lower() for c in idx.class_labels.values()} or
               (len(lk.text.split()) == 1 and lk.text[:1].islower()) for i in lk.iris)


def _noun_read_as_verb(tok: Any) -> bool:
    """"Which plans does X have?": the tagger may read the noun after "which" as a verb; a dictionary noun
    there, with the question's own verb after it, is the noun asked about."""
    from kg.extract.english import is_noun

    return tok.pos_ == "VERB" and tok.dep_ != "ROOT" and is_noun(tok.lower_)


def is_plural(tok: Any) -> bool:
    return bool(tok.tag_ in ("NNS", "NNPS") or (_noun_read_as_verb(tok) and tok.lower_.endswith("s")))


def link(idx: QAIndex, tokens: list[str]) -> list[Link]:
    """Longest runs of tokens that are a name of the graph, then close spellings of what is left."""
    keys = [idx.words.name_key(t) for t in tokens]
    links: list[Link] = []
    taken: set[int] = set()
    i = 0
    while i < len(tokens):
        found = None
        for n in range(min(7, len(tokens) - i), 0, -1):
            words = [w for k in keys[i:i + n] for w in k]
            if not words or (n == 1 and words[0] in stop_words()):
                continue
            form = idx.words.name_key(" ".join(tokens[i:i + n]))
            iris = idx.forms.get(form)
            if iris:
                found = Link(" ".join(tokens[i:i + n]), i, i + n, frozenset(iris))
                break
        if found is None:
            i += 1
            continue
        links.append(found)
        taken.update(range(found.start, found.end))
        i = found.end
    forms = [" ".join(f) for f in idx.forms]
    i = 0
    while i < len(tokens):  # misspelt names, two words first ("Nimbs Queeu"), then one
        found = None
        for n in (2, 1):
            span = range(i, i + n)
            if i + n > len(tokens) or any(j in taken or not _unknown(idx, tokens[j]) for j in span):
                continue
            text = " ".join(tokens[i:i + n]).lower()
            best = process.extractOne(text, forms, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
            if best is not None and len(best[0].split()) == n:
                found = Link(" ".join(tokens[i:i + n]), i, i + n, frozenset(idx.forms[tuple(best[0].split())]), True)
                break
        if found is None:
            i += 1
            continue
        links.append(found)
        taken.update(range(found.start, found.end))
        i = found.end
    return links


def _unknown(idx: QAIndex, token: str) -> bool:
    """A word no dictionary and no notes know, long enough to be a misspelt name."""
    word = token.lower()
    return len(word) >= 4 and word.isalpha() and word not in stop_words() and \
        not idx.words.english.is_dictionary_word(word) and word not in idx.words.english.corpus_words


def _amounts(doc: Any, idx: QAIndex) -> list[Amount]:
    """Numbers the question gives and what they count: "25,000 records", "40 Salesforce licenses"."""
    out: list[Amount] = []
    for tok in doc:
        if not _NUMBER.match(tok.text):
            continue
        value = float(tok.text.replace(",", ""))
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.lower_ in _SCALE:
            value *= _SCALE[nxt.lower_]
        noun = tok.head if tok.dep_ == "nummod" else None
        if noun is None:
            noun = next((t for t in doc[tok.i + 1:tok.i + 4] if t.pos_ in ("NOUN", "PROPN")), None)
        out.append(Amount(value, idx.words.norm(noun.text) if noun is not None else ""))
    return out
