"""Names and identity: which words of the notes name things, and which names name the same thing.

Names come from the markdown layer (headings, bold and code spans, link texts, table first columns, the
term of a "**Term** - text" item) and from how the notes write words (capitals in mid-sentence, acronyms,
CamelCase, identifiers with digits). One entity per real-world thing: plurals and possessives fold
(normalised tokens), an acronym defined in parentheses is an alias of its long form, a name written with
and without the notes' brand word ("Heroku Postgres", "Postgres") is one name when only one thing carries
it, and a plan belongs to its product (Heroku Connect's `enterprise` plan is not Heroku Enterprise).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field

from kg.extract.english import English, self_verb_form, stop_words, words
from kg.extract.lexicon import PREPOSITIONS, STOP, word_class
from kg.extract.model import Entity, Source
from kg.extract.quantities import UNIT_SYNONYMS, UNITS
from kg.notes import Block, Note, Span

MAX_NAME_WORDS = 7
# lower-case words that may sit inside a capitalised name ("Apache Kafka on Heroku", "Platform as a Service")
_LINKS = frozenset({"on", "of", "as", "a", "for", "the", "to", "in"})
_COMMAND = re.compile(r"^\$?\s*([a-z][\w-]*)(\s+[a-z][\w:.-]*)?")
_ACRONYM_DEF = re.compile(r"([A-Za-z][\w’'-]*(?:\s+[\w’'-]+){0,7}?)\s*\(([A-Za-z][A-Za-z0-9 .-]{0,14})\)")
_TERM_SEP = re.compile(r"^\s*(?:[-–—:]\s+|[-–—:]$)")
_VALUE = re.compile(r"^[\s$€£%+*<>=~.,\d-]*$")
_ID = re.compile(r"^[A-Za-z][\w.]*(?:[-:/][\w.*]+)+$|^[a-z]+\d[\w.]*$|^[A-Z][a-z]+[A-Z]\w*$")


@dataclass
class Candidate:
    name: str
    weight: int  # 3 heading / table subject / term, 2 bold, code or link, 1 written with capitals
    source: Source
    cls: str | None = None
    note: str = ""


def source_of(block: Block) -> Source:
    return Source(block.file, block.line, block.section_path, block.text)


# ------------------------------------------------------------------ how the notes write words


class Casing:
    """For each word, how often the notes write it with a capital in mid-sentence and how often in lower
    case: "Heroku" is a name, "private" one only in "Private Spaces", "logging" none."""

    def __init__(self, blocks: Iterable[Block]) -> None:
        self.capital: Counter[str] = Counter()
        self.lower: Counter[str] = Counter()
        self.capital_phrases: set[tuple[str, ...]] = set()
        for block in blocks:
            if block.kind in ("heading", "code", "header"):
                continue
            for text, spans in _texts(block):
                self._count(text, spans)

    def _count(self, text: str, spans: list[Span]) -> None:
        emphasis = [(s.start, s.end) for s in spans if s.kind in ("bold", "code")]
        run: list[str] = []
        previous_end = -1
        for start, end, word in words(text):
            if any(a <= start < b for a, b in emphasis):
                previous_end = end
                continue
            initial = _sentence_initial(text, start)
            low = word.lower()
            if word[:1].isupper() and not initial:
                self.capital[low] += 1
            elif word[:1].islower():
                self.lower[low] += 1
            if word[:1].isupper() and (not initial or run) and start - previous_end <= 2:
                run.append(low)
            else:
                self._end_run(run)
                run = [low] if word[:1].isupper() and not initial else []
            previous_end = end
        self._end_run(run)

    def _end_run(self, run: list[str]) -> None:
        """The run, and its endings of two words or more ("Private Spaces" in "Heroku Private Spaces"; not
        "Security" in "Cloud Security Alliance")."""
        if not run or len(run) > MAX_NAME_WORDS:
            return
        self.capital_phrases.add(tuple(run))
        for i in range(1, len(run) - 1):
            self.capital_phrases.add(tuple(run[i:]))

    def proper(self, word: str) -> bool:
        low = word.lower()
        return self.capital[low] > 0 and self.capital[low] >= self.lower[low]

    def written_as_name(self, phrase: str) -> bool:
        """The phrase appears with capitals in mid-sentence somewhere in the notes."""
        return tuple(w.lower() for _, _, w in words(phrase)) in self.capital_phrases


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" *_`\"'(“‘[")
    return not before or before[-1] in "!?:;|-–—=>" or (before[-1] == "." and not before.endswith(("e.g.", "i.e.")))


def _texts(block: Block) -> Iterator[tuple[str, list[Span]]]:
    if block.kind == "row":
        for i, cell in enumerate(block.cells):
            yield cell, block.cell_spans[i] if i < len(block.cell_spans) else []
    else:
        yield block.text, block.spans


# ------------------------------------------------------------------ candidates


def looks_like_name(text: str, casing: Casing, eng: English) -> bool:
    """A name rather than a phrase of ordinary words: an identifier, an acronym, a word that is no
    dictionary word, or words the notes write with capitals in mid-sentence."""
    ws = [w for _, _, w in words(text)]
    if not ws or len(ws) > MAX_NAME_WORDS or _VALUE.match(text):
        return False
    if len(ws) == 1 and _ID.match(ws[0]):
        return True
    if all(_shouted(w) for w in ws):
        return False  # "**ALL** dynos": emphasis
    first = ws[0]
    if len(ws) > 1 and first.islower() and (first in PREPOSITIONS or (
            eng.in_class(first, "verb") and not eng.in_class(first, "noun") and not eng.in_class(first, "adj"))):
        return False  # "into SF", "extend the processing of SF data events": a phrase around a name
    if any(_is_acronym(w) or (w[:1].isupper() and not eng.is_dictionary_word(w)) for w in ws):
        return True
    if casing.written_as_name(text) and any(w[:1].isupper() for w in ws):
        return True
    return all(w[:1].isupper() or w.lower() in _LINKS for w in ws) and any(casing.proper(w) for w in ws)


def _unit_led(text: str) -> bool:
    first = text.split()[0].lower() if text.split() else ""
    return len(first) > 1 and first.isalpha() and (first in UNIT_SYNONYMS or first in UNITS)


def _shouted(word: str) -> bool:
    """"OR", "AND", "ALL", "NEW": a closed-class word, or an adjective or adverb that is no noun, in capitals
    is emphasis, not an acronym ("SOAP", "REST", "HA" are nouns too, and stay names)."""
    low = word.lower()
    return len(word) > 1 and word.isupper() and (low in stop_words() or (
        (low in word_class("adj") or low in word_class("adv")) and low not in word_class("noun")))


def _is_acronym(word: str) -> bool:
    if _shouted(word):
        return False
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= 2


def command_of(code: str) -> str | None:
    """"$ heroku ps:scale web=3" -> "heroku ps:scale": a program and its subcommand."""
    m = _COMMAND.match(code.strip())
    if not m or not m.group(2) or m.group(1) in STOP:
        return None  # ("after insert", "for each": words of a language, no program)
    return (m.group(1) + m.group(2)).strip()


def command_variant(code: str) -> str | None:
    """"heroku logs -n 1500" -> "heroku logs -n": the command with its flags, without the values and
    arguments a notes line fills in ("my-zone", "1500")."""
    base = command_of(code)
    if base is None:
        return None
    flags = re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", code.strip().lstrip("$ ")[len(base):])
    return " ".join([base, *flags])


def leading_term(block: Block, is_name: Callable[[str], bool] | None = None) -> tuple[str, int] | None:
    """The term a block starts with and where its text goes on: "**Admin** - full control", "`demo` 10k
    rows", "Term: text" (an unmarked term only when `is_name` says it is a name). None when the block does
    not start with a term."""
    text = block.text
    first = min(block.spans, key=lambda s: s.start) if block.spans else None
    if first is not None and first.start == 0 and first.kind in ("bold", "code", "link"):
        term: str | None = text[first.start:first.end].strip(" *_:")
        rest = text[first.end:]
        if first.kind == "link" and not rest.strip(" .:"):
            return None  # "[Permissions Cheat Sheet](url)" alone: a reference to read elsewhere, no term
        if re.match(r"^\s*(?:and|or|&|,)\s", rest) and any(s.start > first.end for s in block.spans):
            return None  # "**Ordered Writes** and **Merged Writes** algorithms - ...": no one term (see terms_of)
        if term and (not rest.strip() or _TERM_SEP.match(rest) or rest[:1] == " "):
            return term, first.end + len(rest) - len(rest.lstrip(" -–—:"))
    term = unmarked_term(text)
    if term and block.kind in ("item", "para") and is_name is not None and is_name(term):
        return term, len(term) + len(text[len(term):]) - len(text[len(term):].lstrip(" :-–—"))
    return None


def coordinated_terms(block: Block, kinds: Callable[[str], bool] = lambda _: False) -> tuple[list[str], int] | None:
    """"**Unlimited** and **Performance** editions - text": each marked name with the noun they share
    ("Unlimited editions", "Performance editions"), and where the text goes on. A shared noun that `kinds`
    says names a class ("**Ordered Writes** and **Merged Writes** algorithms") says what the names are, and
    is no part of them."""
    text = block.text
    marked = sorted((s for s in block.spans if s.kind in ("bold", "code")), key=lambda s: s.start)
    if len(marked) < 2 or marked[0].start != 0:
        return None
    sep = re.search(r"\s[-–—]\s|:\s", text)
    if sep is None or any(s.start > sep.start() for s in marked[:2]):
        return None
    names = [text[s.start:s.end].strip(" *_") for s in marked if s.end <= sep.start()]
    glue = re.sub(r"[*_`]", "", text[:sep.start()])
    for n in names:
        glue = glue.replace(n, "")
    rest_words = re.sub(r"\b(?:and|or)\b|[,&]", " ", glue).split()
    if len(rest_words) > 2:
        return None
    shared = " ".join(rest_words)
    if shared and kinds(shared):
        return names, sep.end()
    return [f"{n} {shared}".strip() for n in names], sep.end()


def plural_of_kind(noun: str, eng: English, head_nouns: Collection[str]) -> bool:
    """Whether a plural noun names a class of the ontology by its head noun ("algorithms", "plans")."""
    one = eng.singular(noun.lower())
    return one != noun.lower() and one in head_nouns


def unmarked_term(text: str) -> str | None:
    """The words before "Term - text" or "Term: text" when they are few (a term or a clause: see who asks)."""
    m = re.match(r"^([\w@/.][\w./&+'’@()-]*(?: [\w./&+'’@()-]+){0,4}?)\s*(?::\s|\s[-–—]\s)", text)
    return m.group(1).strip() if m else None


def heading_name(text: str, eng: English) -> str:
    """"Reference Architecture: Event-Driven Microservices with Kafka": after a kind in common words and a
    colon comes the name."""
    text = text.strip(" *_:")
    kind, sep, rest = text.partition(": ")
    if sep and rest.strip() and all(eng.is_dictionary_word(w) for _, _, w in words(kind)):
        return rest.strip()
    return text


def split_and(text: str) -> list[str]:
    """A heading or term that names two things: "A AND B", "A & B", "A and B" (when both look like names)."""
    parts = re.split(r"\s+(?:AND|&|and)\s+|\s*/\s*", text)
    return [p.strip() for p in parts if p.strip()] if len(parts) > 1 else [text]


class Discovery:
    """Walks the notes once and proposes names, with how strongly the markdown marks each."""

    def __init__(self, notes: list[Note], eng: English, terms: set[str] | None = None,
                 head_nouns: Iterable[str] = ()) -> None:
        self.eng = eng
        self.terms = terms or set()
        self.head_nouns = set(head_nouns)
        self.casing = Casing(b for n in notes for b in n.blocks)
        self.notes = notes

    def candidates(self) -> Iterator[Candidate]:
        for note in self.notes:
            for block in note.blocks:
                for cand in self._of_block(block):
                    if _unit_led(cand.name):
                        continue  # "MB", "GB RAM" in "4 GB RAM": a unit and what it measures, no name
                    cand.note = note.file
                    yield cand

    def _of_block(self, block: Block) -> Iterator[Candidate]:
        src = source_of(block)
        if block.kind == "heading":
            yield from self._heading(block, src)
            return
        if block.kind == "code":
            for line in block.text.splitlines():
                cmd = command_of(line)
                if cmd:
                    yield Candidate(cmd, 2, src, "CliCommand")
            return
        if block.kind == "row":
            yield from self._row(block, src)
            return
        whole = re.sub(r"^(?:the|an?)\s+", "", block.text.strip(" .;"), flags=re.I)  # "- the Bulk API": no "the"
        if block.kind == "item" and len(whole.split()) <= 4 and all(_namey(w) or w.lower() in _LINKS
                                                                   for w in whole.split()) and \
                not self._verb_led(whole):
            yield Candidate(whole, 2, src)  # "- Google Cloud Identity": an item that is all one name
        term = leading_term(block, self.is_term)
        if term is not None and self._term_ok(term[0]):
            for part in self._parts(term[0]):
                yield Candidate(part, 3, src)
        coordinated = coordinated_terms(block, self.names_kind) if term is None else None
        for name in coordinated[0] if coordinated else []:
            yield Candidate(name, 3, src)
        yield from self._spans(block.text, block.spans, src)
        yield from self._capitalised(block.text, src)
        yield from self._acronyms(block.text, src)
        for m in re.finditer(r"[\"“‘']([A-Z][\w-]*(?: [\w-]+){0,3})[\"”’']", block.text):
            if all(w[:1].isupper() for w in m.group(1).split()):
                yield Candidate(m.group(1), 2, src)  # "Run As", 'Transfer Ownership': a name in quotes

    def _verb_led(self, text: str) -> bool:
        """"- Uses SSL", "- Runs on AWS": a verb the notes never write as a name, then what it does."""
        first, *rest = text.split()
        return bool(rest) and first[:1].isupper() and not self.casing.proper(first) and \
            first.lower().endswith("s") and self_verb_form(first.lower())

    def is_name(self, text: str) -> bool:
        return looks_like_name(text, self.casing, self.eng)

    def names_kind(self, noun: str) -> bool:
        return plural_of_kind(noun, self.eng, self.head_nouns)

    def is_term(self, text: str) -> bool:
        """An unmarked "Term - text" term: words the parser read as a noun phrase."""
        return text in self.terms

    def _term_ok(self, term: str) -> bool:
        return bool(term) and not _VALUE.match(term) and len(term.split()) <= MAX_NAME_WORDS

    def _parts(self, name: str) -> list[str]:
        parts = split_and(name)
        if len(parts) > 1 and all(looks_like_name(p, self.casing, self.eng) for p in parts):
            return parts
        return [name]

    def _heading(self, block: Block, src: Source) -> Iterator[Candidate]:
        text = heading_name(block.text, self.eng)
        first = text.split()[0].lower() if text.split() else ""
        gerund = first.isalpha() and (first.endswith("ing") or not self.eng.in_class(first, "noun")) and \
            self.eng.in_class(first, "verb") and not self.casing.proper(first)  # "Connecting X to Y", "Create X"
        titled = all(w[:1].isupper() or w.lower() in _LINKS or not w[:1].isalpha() for w in text.split())
        arrow = re.search(r"=>|->|<=>|:", text) is not None
        if not gerund and not arrow and ((titled and looks_like_name(text, self.casing, self.eng))
                                         or self.casing.written_as_name(text)):
            for part in self._parts(text):
                yield Candidate(part, 3, src)
        else:
            # a heading in sentence case ("Daily API requests") or led by a verb capitalises its first word as
            # any sentence does; in title case ("Production Check") the capitals are the name's
            yield from self._capitalised(text, src, skip_initial=gerund or not titled)
        yield from self._spans(block.text, block.spans, src)

    def _row(self, block: Block, src: Source) -> Iterator[Candidate]:
        first = block.cells[0].strip(" *_") if block.cells else ""
        if first and not first.endswith(("?", ":")) and len(first.split()) <= MAX_NAME_WORDS \
                and not _VALUE.match(first):
            yield Candidate(first, 3, src)
        for i, cell in enumerate(block.cells):
            spans = block.cell_spans[i] if i < len(block.cell_spans) else []
            yield from self._spans(cell, spans, src)
            yield from self._capitalised(cell, src)

    def _spans(self, text: str, spans: list[Span], src: Source) -> Iterator[Candidate]:
        for span in spans:
            # (a code span keeps its underscores: "__e" is an identifier, "_x_" elsewhere emphasis)
            name = text[span.start:span.end].strip(" *:,." if span.kind == "code" else " *_:,.")
            if not name or _VALUE.match(name):
                continue
            if span.kind == "code":
                cmd = command_of(name)
                if cmd:
                    yield Candidate(cmd, 2, src, "CliCommand")
                    if name.split()[-1].startswith("-"):
                        continue
                if " " not in name or looks_like_name(name, self.casing, self.eng):
                    yield Candidate(name.lstrip("$ "), 2, src)
            elif looks_like_name(name, self.casing, self.eng):
                for part in self._parts(name):
                    yield Candidate(part, 2, src)
        for flag in re.findall(r"(?<![\w-])(--?[a-z][\w-]+)", text):
            yield Candidate(flag, 2, src, "CliOption")

    def _capitalised(self, text: str, src: Source, skip_initial: bool = True) -> Iterator[Candidate]:
        """Runs of words written as names: "Heroku Postgres", "Apache Kafka on Heroku", "SSO", "ChatOps"."""
        run: list[tuple[int, int, str]] = []
        for start, end, word in [*words(text), (len(text) + 2, len(text) + 2, "")]:
            gap = text[run[-1][1]:start] if run else ""
            joined = bool(run) and gap in (" ", "-") and (_namey(word) or word.lower() in _LINKS)
            if joined:
                run.append((start, end, word))
                continue
            yield from self._run_names(text, run, src, skip_initial)
            run = [(start, end, word)] if _namey(word) else []

    def _run_names(self, text: str, run: list[tuple[int, int, str]], src: Source,
                   skip_initial: bool) -> Iterator[Candidate]:
        while run and run[-1][2].lower() in _LINKS:
            run = run[:-1]
        if skip_initial and run and _sentence_initial(text, run[0][0]) and not self._proper_word(run[0][2]):
            run = run[1:]  # "Choose sufficient ...", "Some Salesforce plan types": a capital that starts a sentence
        while run and run[0][2].lower() in _LINKS:
            run = run[1:]
        if not run or len(run) > MAX_NAME_WORDS:
            return
        name = text[run[0][0]:run[-1][1]]
        if len(run) == 1 and not self._proper_word(run[0][2]):
            return
        yield Candidate(name, 1, src)

    def _proper_word(self, word: str) -> bool:
        return _is_acronym(word) or bool(_ID.match(word)) or self.casing.proper(word) \
            or (word[:1].isupper() and not self.eng.is_dictionary_word(word))

    def _acronyms(self, text: str, src: Source) -> Iterator[Candidate]:
        for long, short in acronym_pairs(text):
            yield Candidate(long, 2, src)
            yield Candidate(short, 2, src)


def _namey(word: str) -> bool:
    return bool(word) and not _shouted(word) and (
        word[:1].isupper() or _is_acronym(word) or bool(re.match(r"^[a-z]+[A-Z]", word)))


def acronym_pairs(text: str) -> Iterator[tuple[str, str]]:
    """"Multi-factor authentication (MFA)" -> (long, short), and "MFA (multi-factor authentication)"."""
    for m in _ACRONYM_DEF.finditer(text):
        long = _long_form(m.group(1), m.group(2))
        if long:
            yield long, m.group(2).strip()
    for m in re.finditer(r"\b([A-Z][A-Za-z]*[A-Z][A-Za-z]*)\s*\(([^()]{3,60})\)", text):
        if _initials_match(m.group(2), m.group(1)):
            yield m.group(2).strip(), m.group(1)


def _long_form(before: str, short: str) -> str | None:
    """The words before "(ABBR)" whose initials spell the abbreviation: "Key-Value Store (KVS)"."""
    letters = [c.lower() for c in short if c.isalpha()]
    if not letters or not any(c.isupper() for c in short):
        return None
    ws = re.split(r"\s+", before.strip())
    for n in range(1, min(len(ws), 8) + 1):
        cand = " ".join(ws[-n:])
        if _initials_match(cand, short):
            return cand.strip("’'")
    return None


def _initials_match(long: str, short: str) -> bool:
    parts = [p for p in re.split(r"[\s-]+", long) if p]
    initials = "".join(p[0] for p in parts if p[0].isalnum()).lower()
    letters = "".join(c for c in short.lower() if c.isalpha())
    if not letters or not initials:
        return False
    if initials == letters:
        return True
    # "Consensus Assessments Initiative Questionnaire (CAIQ)", "mutual TLS (mTLS)": the letters run in order
    return letters[0] == initials[0] and _in_order(letters, "".join(parts).lower()) and len(letters) <= len(long)


def _in_order(short: str, word: str) -> bool:
    it = iter(word)
    return all(c in it for c in short)


# ------------------------------------------------------------------ identity


@dataclass
class NameIndex:
    """Entities by key and the normalised forms that name them, with product-scoped plan names."""

    eng: English
    brands: dict[str, set[str]] = field(default_factory=dict)  # note file -> its brand words ("heroku")
    entities: dict[str, Entity] = field(default_factory=dict)
    forms: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))
    scoped: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)  # (owner, form) -> plan key
    notes_of: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # key -> note files
    head_nouns: set[str] = field(default_factory=set)  # nouns that name a class ("space", "dyno")
    is_name: Callable[[str], bool] = lambda text: False  # looks like a name, by how the notes write it
    casing: Casing | None = None
    looks_like_name: Callable[[str], bool] = lambda text: False

    def key_of(self, name: str) -> str:
        return " ".join(self.eng.name_tokens(name))

    def add(self, name: str, weight: int, source: Source, cls: str | None = None, note: str = "",
            key: str | None = None, concept: bool = False) -> Entity | None:
        label = clean_label(name)
        key = key or self.key_of(label)
        if not key or len(key) < 2:
            return None
        ent = self.entities.get(key)
        if ent is None:
            ent = self.entities[key] = Entity(key=key, label=label, weight=weight, concept=concept)
        elif weight > ent.weight or (weight == ent.weight and _better_label(label, ent.label)):
            ent.aliases.add(ent.label)
            ent.label, ent.weight = label, weight
        if label != ent.label:
            ent.aliases.add(label)
        ent.concept = ent.concept and concept
        if cls:
            ent.classes.add(cls)
        ent.add_source(source)
        self.notes_of[key].add(note or source.file)
        self._add_form(self.eng.name_tokens(label), key)
        return ent

    def alias(self, key: str, name: str) -> None:
        ent = self.entities.get(key)
        if ent is None:
            return
        label = clean_label(name)
        if label and label != ent.label:
            ent.aliases.add(label)
        self._add_form(self.eng.name_tokens(label), key)

    def add_plan(self, owner: str, name: str, source: Source, weight: int = 3) -> Entity | None:
        """A plan of a product: its own node, named by the product ("Heroku Connect shield plan")."""
        owner_ent = self.entities.get(owner)
        if owner_ent is None:
            return None
        bare = clean_label(name)
        toks = self.eng.name_tokens(bare)
        if toks and toks[-1] in ("plan", "tier") and len(toks) > 1:
            toks = toks[:-1]
            bare = " ".join(bare.split()[:-1])
        key = f"{owner} / {' '.join(toks)}"
        label = f"{owner_ent.label} {bare} plan"
        ent = self.add(bare, weight, source, "Plan", key=key)  # the name the notes give it: `standard`
        if ent is None:
            return None
        if ent.label != bare and ent.label.lower() == label.lower():
            ent.aliases.add(ent.label)
            ent.label = bare
        for alias in (label, f"{bare} plan", f"{bare} {owner_ent.label}", f"{owner_ent.label} {bare}"):
            ent.aliases.add(alias)
        ent.aliases.discard(ent.label)
        for scoped in (toks, (*toks, "plan"), (*toks, "tier")):
            self.scoped[(owner, scoped)] = key
        self._add_form(self.eng.name_tokens(label), key)
        for owner_form in [f for f, keys in self.forms.items() if owner in keys and len(f) <= 4]:
            for named in ((*toks, *owner_form), (*toks, *owner_form, "plan"), (*owner_form, *toks),
                          (*owner_form, *toks, "plan"), (*toks, *owner_form[:-1], self.eng.singular(owner_form[-1]))):
                if named != owner_form:
                    self._add_form(named, key)
        return ent

    def _add_form(self, form: tuple[str, ...], key: str) -> None:
        if form:
            self.forms[form].add(key)

    def merge(self, loser: str, winner: str) -> None:
        if loser == winner or loser not in self.entities or winner not in self.entities:
            return
        a, b = self.entities.pop(loser), self.entities[winner]
        b.aliases |= a.aliases | {a.label}
        b.aliases.discard(b.label)
        b.classes |= a.classes
        b.weight = max(a.weight, b.weight)
        for s in a.sources:
            b.add_source(s)
        self.notes_of[winner] |= self.notes_of.pop(loser, set())
        for keys in self.forms.values():
            if loser in keys:
                keys.discard(loser)
                keys.add(winner)
        for k, v in list(self.scoped.items()):
            if v == loser:
                self.scoped[k] = winner

    def resolve(self, form: tuple[str, ...], owners: Iterable[str] = (), note: str = "") -> str | None:
        """The entity a normalised form names: a plan of a product in scope first, then the one thing with
        that name, preferring things named in the same note when several share it."""
        for owner in owners:
            key = self.scoped.get((owner, form))
            if key:
                return key
        keys = self.forms.get(form)
        if not keys:
            return None
        if len(keys) == 1:
            return next(iter(keys))
        local = sorted(k for k in keys if note in self.notes_of.get(k, ()))
        exact = [k for k in local if k == " ".join(form)]
        if exact:
            return exact[0]
        return local[0] if len(local) == 1 else None


def clean_label(name: str) -> str:
    name = name.strip().strip("*`'\"‘’“”:,.;")
    if name.startswith("_") and name.endswith("_") and not name.startswith("__"):
        name = name.strip("_*")  # "_Term_" is emphasis; "__e", "__init__" are identifiers
    name = re.sub(r"\s+", " ", name.strip("*`'\"‘’“”:,.;")).strip()
    return re.sub(r"^\$\s*", "", name)


def _better_label(new: str, old: str) -> bool:
    """Prefer capitals, then the longer form ("Heroku Postgres" over "postgres")."""
    caps = sum(c.isupper() for c in new[:1]) - sum(c.isupper() for c in old[:1])
    return caps > 0 or (caps == 0 and len(new) > len(old) and new.lower() != old.lower())


def find_brands(notes: list[Note], eng: English) -> dict[str, set[str]]:
    """Per note, the title words that start many multi-word names ("Heroku" in "Heroku Architect")."""
    out: dict[str, set[str]] = {}
    for note in notes:
        firsts: Counter[str] = Counter()
        for block in note.blocks:
            for m in re.finditer(r"\b([A-Z][a-z]+)\s+[A-Z][\w-]+", block.text):
                firsts[m.group(1).lower()] += 1
        title = {w.lower() for w in re.findall(r"[A-Za-z]+", note.title)}
        out[note.file] = {w for w in title if firsts[w] >= 3}
    return out


def discover(notes: list[Note], eng: English, head_nouns: Iterable[str] = (),
             terms: set[str] | None = None) -> NameIndex:
    """Every name of the notes, merged into one entity per thing (`terms`: unmarked "term - text" terms
    that read as noun phrases)."""
    index = NameIndex(eng, brands=find_brands(notes, eng), head_nouns=set(head_nouns))
    finder = Discovery(notes, eng, terms, head_nouns)
    index.is_name = finder.is_term
    index.looks_like_name = finder.is_name
    index.casing = finder.casing
    for cand in finder.candidates():
        index.add(cand.name, cand.weight, cand.source, cand.cls, cand.note)
    _merge_acronyms(index, notes)
    _merge_initials(index)
    _unbranded_forms(index)
    return index


def _merge_initials(index: NameIndex) -> None:
    """"SSO" and "Single sign-on": an acronym is the one name of the notes whose initials it spells."""
    for key, ent in list(index.entities.items()):
        word = ent.label
        if key not in index.entities or " " in word or not (2 <= len(word) <= 5) or not word.isupper():
            continue
        matches = [k for k, e in index.entities.items() if k != key and not e.concept and " " in e.label.strip()
                   and _initials_match(e.label, word) and "".join(
                       p[0] for p in re.split(r"[\s-]+", e.label) if p).lower() == word.lower()]
        if len(matches) == 1:
            index.merge(key, matches[0])


def _merge_acronyms(index: NameIndex, notes: list[Note]) -> None:
    """"Key-Value Store (KVS)": the acronym is another name of the long form."""
    for note in notes:
        for block in note.blocks:
            for long, short in acronym_pairs(block.text):
                lk, sk = index.key_of(long), index.key_of(short)
                if lk in index.entities and sk in index.entities:
                    index.merge(sk, lk)
                elif lk in index.entities:
                    index.alias(lk, short)


def _unbranded_forms(index: NameIndex) -> None:
    """"Heroku Postgres" is also "Postgres" in its notes: the name without the brand word, and a name met
    both with and without it is one thing (only when no other thing carries the shorter name)."""
    for key, ent in list(index.entities.items()):
        if key not in index.entities:
            continue
        brands = set().union(*(index.brands.get(n, set()) for n in index.notes_of.get(key, set())))
        toks = key.split()
        if len(toks) < 2 or toks[0] not in brands or "CliCommand" in ent.classes:
            continue
        short = tuple(toks[1:])
        other = " ".join(short)
        if other in index.entities and other != key and not index.entities[other].classes - ent.classes and \
                not index.entities[other].concept:
            index.merge(other, key)  # "Heroku Dataclips" and "Dataclips": one thing
        elif len(short) == 1 and index.casing is not None and not index.casing.proper(short[0]):
            continue  # "Heroku Data" is no "data", "Heroku Apps" no "apps": a word alone names nothing
        index._add_form(short, key)
