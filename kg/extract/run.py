"""Extraction: notes -> entities, facts, limits and literals, each with its source line and how it was read.

1. names.discover: the names of the notes, one entity per thing;
2. structure.StructureReader: what the markdown structure states, and the texts to read as language;
3. nlp.Parser: each text parsed by the trained pipeline, names merged into single tokens (cached);
4. clauses.ClauseReader and properties: clauses -> facts of the ontology's properties; amounts -> limits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kg.extract.amounts import BOUND_KINDS, BOUND_WORDS, LIMIT_NOUNS, amounts, parse_value
from kg.extract.clauses import (
    CONDITION_MARKS,
    GENERIC_ACTORS,
    PRONOUNS,
    VERSION,
    Arg,
    Clause,
    ClauseReader,
    Phrase,
    counted,
    imperative_conjunct,
    introduces_examples,
    noun_list,
    split_list,
)
from kg.extract.english import English, _stop_words, lemma_of, self_verb_form
from kg.extract.lexicon import PREPOSITIONS
from kg.extract.model import Extraction, Fact, LimitFact, LiteralFact, Source
from kg.extract.names import NameIndex, discover, unmarked_term
from kg.extract.nlp import DEFAULT_MODEL, Parser, ParseRequest
from kg.extract.properties import Mapping, PropertyVocabulary, load_properties, plural_relation
from kg.extract.quantities import SECONDS, UNIT_SYNONYMS, UNITS, Quantity
from kg.extract.structure import Context, StructureReader, Unit, find_mentions, names_here
from kg.notes import Note

MAX_PHRASE_WORDS = 9  # longer objects are clauses, not things
MAX_NAME_WORDS = 5  # the longest name looked for in a condition's words
PREFIX = "It "  # "syncs Salesforce and Heroku Postgres" parses as a clause once it has a subject
PREFIX_IS = "It is "  # "only available for Performance dynos" once it has a subject and a verb


@dataclass
class Prepared:
    unit: Unit
    request: ParseRequest
    keys: dict[int, str]  # character offset of a merged name -> entity key
    offset: int  # characters added in front of the unit's text (the PREFIX)


def _held_for(doc: Any, first: Any) -> list[int]:
    """The noun and participle a time after "for" is of: "high-volume events retained on the event bus for 72
    hrs" -> "high-volume events retained". Empty when the preposition hangs on no participle of a noun."""
    prep = doc[first.i - 1] if first.i > 0 else None
    if prep is None or prep.lower_ != "for" or prep.dep_ != "prep" or prep.head.tag_ != "VBN" or \
            prep.head.dep_ not in ("acl", "relcl") or prep.head.head.pos_ not in ("NOUN", "PROPN"):
        return []
    verb, noun = prep.head, prep.head.head
    mods = [c.i for c in noun.lefts if c.dep_ in ("amod", "compound")]
    return [*sorted(mods), noun.i, verb.i] if noun.i < verb.i else []


def _respective(subjects: list[Phrase | None], objects: list[Phrase]) -> bool:
    """Whether coordinated subjects and objects pair off in order: as many of each, every side modifiers of one
    shared noun ("slow or down source system" / "slow or empty pages"). "Gold and Silver passes require a photo
    and a ticket" shares no noun among its objects: each pass requires both."""
    if len(subjects) < 2 or len(subjects) != len(objects) or any(p is None for p in subjects):
        return False
    def shared(phrases: list[Phrase]) -> bool:
        heads = {p.text.split()[-1].lower() for p in phrases if p.text.split()}
        return len(heads) == 1 and all(len(p.text.split()) >= 2 for p in phrases)
    return shared([p for p in subjects if p is not None]) and shared(objects)


CONTRAST_PREPS = frozenset({"unlike", "like", "versus", "vs"})  # English: what a thing is set against or likened to


@dataclass
class Extractor:
    parser: Parser
    props: PropertyVocabulary
    eng: English = field(default_factory=English)
    index: NameIndex | None = None
    _doc: Any = None
    _reader: ClauseReader | None = None
    _uses: dict[str, tuple[int, int]] = field(default_factory=dict)  # lemma -> (as a noun, in all) in the notes
    _unit_kind: str = ""
    _outer_term: str | None = None
    _clauses_read: list[Clause] = field(default_factory=list)
    _first_word: int = 0
    _intro: bool = False

    @property
    def names(self) -> NameIndex:
        if self.index is None:
            raise RuntimeError("the names of the notes are read in run()")
        return self.index

    @classmethod
    def create(cls, model: str = DEFAULT_MODEL, cache_dir: Path | None = None) -> Extractor:
        return cls(Parser(model, cache_dir), load_properties())

    def run(self, notes: list[Note]) -> Extraction:
        self.eng = English.of(b.text for n in notes for b in n.blocks)
        self._kinds: dict[str, tuple[str, Source]] = {}
        terms = self._noun_phrase_terms(notes)
        index = self.index = discover(notes, self.eng, self.props.head_nouns, terms)
        structure = StructureReader(index, self.props, self.eng).read(notes)
        out = Extraction(index.entities, list(structure.facts), [], list(structure.literals))
        plain = [self._prepare(u, 0) for u in structure.units]
        prefixed = [self._prepare(u, PREFIX_IS if self._adjective_led(u) else PREFIX) if self._may_prefix(u)
                    else None for u in structure.units]
        requests = [p.request for p in plain] + [p.request for p in prefixed if p is not None]
        docs = iter(self.parser.parse(requests))
        plain_docs = [next(docs) for _ in plain]
        self._uses = _word_uses(plain_docs)
        alt_docs = [next(docs) if alt is not None else None for alt in prefixed]
        named = [self._name_led(prep, doc) for prep, doc in zip(plain, plain_docs, strict=True)]
        named_docs = iter(self.parser.parse([n.request for n in named if n is not None]))
        for prep, doc, alt, alt_doc, lead in zip(plain, plain_docs, prefixed, alt_docs, named, strict=True):
            lead_doc = next(named_docs) if lead is not None else None
            better = alt is not None and alt_doc is not None and self._verb_led(doc) and \
                self._prefix_reads_better(doc, alt_doc, prep.unit.kind == "term")
            chosen, chosen_doc = (alt, alt_doc) if better and alt is not None else (prep, doc)
            if lead is not None and lead_doc is not None and self._prefix_reads_better(doc, lead_doc):
                chosen, chosen_doc = lead, lead_doc
            made = len(out.facts), len(out.limits)
            self._read(chosen, chosen_doc, out, plain_first_verb=doc[0].pos_ == "VERB" if len(doc) else False)
            _hold_under(chosen.unit.context.condition, out, made)
        for subject, cell, header, src, names_header in structure.table_amounts:
            self._table_amount(subject, cell, header, src, out, names_header)
        self._kind_links(out)
        self._drop_unused_concepts(out)
        self._condition_things(out)
        self._settle_classes(out)
        return out

    def _condition_things(self, out: Extraction) -> None:
        """"X can't use Y in CR": the named things a statement's condition names, linked, so that the
        statement is found from them (the words stay the condition)."""
        for i, fact in enumerate(out.facts):
            if fact.condition:
                found = [k for k in self._names_in(fact.condition, fact.source.file)
                         if k not in (fact.subject, fact.obj)]
                out.facts[i] = replace(fact, condition_things=tuple(dict.fromkeys(found)))

    def _names_in(self, text: str, note: str) -> list[str]:
        """The named entities a text names, longest name first, each word in one name at most."""
        words = self.eng.words(text)
        found, at = [], 0
        while at < len(words):
            for end in range(min(len(words), at + MAX_NAME_WORDS), at, -1):
                key = self.names.resolve(self.eng.name_tokens(" ".join(words[at:end])), note=note)
                if key is not None and key in self.names.entities and not self.names.entities[key].concept and \
                        self._names_one(words, at, end):
                    found.append(key)
                    at = end
                    break
            else:
                at += 1
        return found

    def _names_one(self, words: list[str], at: int, end: int) -> bool:
        """Whether words name a thing of the notes: "CR", "a named credential" (a kind the notes name) do;
        "an API", "memory" (a common noun, a dictionary word) do not."""
        any_of = ("a", "an", "any", "every", "each")
        if words[at].lower() in any_of:
            return False  # (the name is looked for from the word after)
        if end - at > 1:
            return True
        return (at == 0 or words[at - 1].lower() not in any_of) and \
            not (words[at].islower() and self.eng.is_dictionary_word(words[at]))

    def _kind_links(self, out: Extraction) -> None:
        """"legacy named credentials hold URL ...": the phrase a statement is about is a narrower concept of the
        named thing (skos:broader), so the statement stays reachable from it without being said of every named
        credential. The phrase's words say so, not a line: no statement (judged so, 1 in 6 right as one)."""
        used = out.used_keys()
        for key, (base, _src) in self._kinds.items():
            if key in used and key in out.entities and base in out.entities:
                out.broader.append((key, base))

    def _noun_phrase_terms(self, notes: list[Note]) -> set[str]:
        """Unmarked "term - text" items ("sandboxes - 5,000,000 requests", "Log drains - Syslog ..."): the
        words before the dash are a term when they parse as a noun phrase ("Create Spaces - ..." and
        "Shield Connect meets HIPAA - ..." are clauses)."""
        cands = sorted({t for n in notes for b in n.blocks if b.kind in ("item", "para") and not
                        (b.spans and b.spans[0].start == 0 and b.spans[0].kind in ("bold", "code"))
                        for t in [unmarked_term(b.text)] if t} |
                       {b.text.strip(" :") for n in notes for b in n.blocks  # "- Ingest jobs" and items below
                        if b.kind == "item" and b.children and len(b.text.split()) <= 4})
        docs = self.parser.parse([ParseRequest(c) for c in cands]) if cands else []
        # alone, "batch Apex", "SOSL" or "sandboxes" parse as verbs; after "the" they read as the nouns they
        # are. A verb with its object ("Create Spaces", "Choose a plan") stays a clause either way.
        framed = self.parser.parse([ParseRequest("the " + c) for c in cands]) if cands else []
        return {c for c, d, f in zip(cands, docs, framed, strict=True)
                if _noun_phrase(d) or (_noun_phrase(f) and not any(_commanded(t) for t in d)) or
                (" " not in c and self.eng.in_class(self.eng.singular(c), "noun"))}

    # ------------------------------------------------------------ parse requests
    def _prepare(self, unit: Unit, prefix: str | int) -> Prepared:
        text = unit.text
        found = find_mentions(self.names, self.eng, text, unit.context.owners, unit.block.file)
        prefix = "" if prefix == 0 else str(prefix)
        offset = len(prefix)
        if offset:
            text = prefix + text[:1].lower() + text[1:] if not found or found[0][0] > 0 else prefix + text
        names = tuple((a + offset, b + offset) for a, b, _ in found)
        keys = {a + offset: k for a, _, k in found}
        return Prepared(unit, ParseRequest(text, names), keys, offset)

    @staticmethod
    def _may_prefix(unit: Unit) -> bool:
        first = unit.text.split()[0] if unit.text.split() else ""
        if unit.member and unit.context.relation:
            return False  # a list of objects ("Deploy code, run one-off dynos"), not a clause about the subject
        return unit.fragment and bool(first) and first[:1].isalpha() and not first.isupper()

    def _name_led(self, prep: Prepared, doc: Any) -> Prepared | None:
        """"Orbit Vault stores API keys": when the parser reads the verb after a leading name as a noun
        ("stores" as shops), the name is read as "It" and stays the clause's subject."""
        first = next(iter(doc.sents), None) if len(doc) else None
        if first is None or len(first) < 3 or doc[0].idx not in prep.keys or \
                any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" for t in first):
            return None
        verb = doc[1]
        if not (verb.lower_.endswith("s") and self_verb_form(verb.lower_)):
            return None
        key = prep.keys[doc[0].idx]
        rest = doc.text[verb.idx:]
        unit = prep.unit
        ctx = Context(key, unit.context.relation, unit.context.cls, (key, *unit.context.owners), unit.context.wording)
        renamed = Unit(unit.block, rest, ctx, unit.kind, unit.fragment, unit.member, unit.source, unit.outer)
        return self._prepare(renamed, PREFIX)

    def _adjective_led(self, unit: Unit) -> bool:
        """"only available for ...", "temporary, attached or detached": a fragment that opens with an
        adjective (after "only", "not", "also") reads as "It is ..."."""
        ws = [w.lower().strip(",.") for w in unit.text.split()[:3]]
        while ws and ws[0] in ("only", "not", "also", "always", "never", "fully", "highly"):
            ws = ws[1:]
        if not ws:
            return False
        w = ws[0]
        return self.eng.in_class(w, "adj") and not (self.eng.in_class(w, "verb") and not w.endswith("ed"))

    def _verb_led(self, plain: Any) -> bool:
        if self._base_verb_first(plain):
            return True  # "Support burst scaling": a capital the tagger took for a noun's
        return self._finite_first(plain)

    def _base_verb_first(self, plain: Any) -> bool:
        first = plain[0] if len(plain) > 1 else None
        if first is None or not first.text[:1].isupper() or first.idx != 0 or \
                (first.dep_ in ("compound", "amod", "nmod") and first.head.pos_ in ("NOUN", "PROPN")):
            return False  # "cloud message queues": the first word modifies a noun
        word = first.lower_
        return self.eng.in_class(word, "verb") and word.isalpha() and not word.endswith(("s", "ed", "ing")) and \
            not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" and any(c.dep_ in ("nsubj", "nsubjpass")
                                                                           for c in t.children) for t in plain)

    @staticmethod
    def _finite_first(plain: Any) -> bool:
        """Texts that open with a finite verb want a subject in front ("syncs ...", "can use ...", "create
        ..."); a participle ("signed JWT from ...", "used for ...") or a noun opens a phrase, read as it is."""
        toks = list(plain)
        while len(toks) > 1 and toks[0].lower_ in ("only", "also", "automatically", "always", "never", "not"):
            toks = toks[1:]  # "only syncs to ...": the verb after the adverb
        first = toks[0] if toks else None
        if first is None:
            return False
        word = first.lower_
        if first.tag_ == "MD" or word in ("do", "does", "don't", "doesn't"):
            return True
        if word.endswith("s") and self_verb_form(word):
            return True
        if first.pos_ in ("ADJ", "ADV") and not any(t.pos_ in ("VERB", "AUX") for t in plain):
            return True  # "only available for X": no verb of its own
        return bool(first.tag_ == "VB" or (first.pos_ == "VERB" and first.tag_ == "VBP"))

    @staticmethod
    def _prefix_reads_better(plain: Any, prefixed: Any, definition: bool = False) -> bool:
        """Take "It ..." when the text has no subject of its own and reads as a clause about it."""
        root = next((t for t in plain if t.dep_ == "ROOT"), None)
        it = prefixed[0]
        verb_first = len(prefixed) > 1 and prefixed[1].dep_ == "ROOT" and prefixed[1].pos_ in ("VERB", "AUX") and \
            it.head.i == 1
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")] if root else []
        if root is not None and root.pos_ in ("NOUN", "PROPN") and \
                any(c.dep_ in ("acl", "relcl") for c in root.children):
            return False  # "batches created by the client, ...": a noun phrase and what is said of it
        if plain[0].pos_ in ("NOUN", "PROPN") and \
                any(c.dep_ == "prep" and introduces_examples(c) for c in plain[0].children):
            return False  # "Services such as X and Y": a noun and the things it names
        if root is not None and root.pos_ in ("VERB", "AUX") and subjects:
            # the plain parse found a subject: keep it, unless that subject is the first word, which reads
            # as the verb once a subject stands before it ("condenses and reorders changes")
            first = plain[0]
            verb_s = first.lower_.endswith("s") and self_verb_form(first.lower_)
            return verb_first and verb_s and any(t.i == 0 for s in subjects for t in s.subtree)
        if prefixed[1].lower_ == "is" and it.dep_ == "nsubj" and it.head.i == 1:
            # "It is only available for ...", "It is good for ...": an adjective said of the subject, not
            # a noun phrase said to be it ("vertical and horizontal scaling")
            return any(c.dep_ == "acomp" or (definition and c.dep_ == "attr") for c in prefixed[1].children)
        return it.dep_ in ("nsubj", "nsubjpass") and it.head.pos_ in ("VERB", "AUX") and it.head.dep_ == "ROOT" \
            and (it.head.i == 1 or prefixed[1].dep_ in ("aux", "advmod", "neg", "auxpass"))

    # ------------------------------------------------------------ reading
    def _read(self, prep: Prepared, doc: Any, out: Extraction, plain_first_verb: bool = False) -> None:
        keys = {t.i: prep.keys[t.idx] for t in doc if t.idx in prep.keys}
        self._doc = doc
        self._unit_kind = prep.unit.kind
        self._outer_term = prep.unit.context.subject if prep.unit.kind == "term" else None
        self._first_word = 1 if prep.offset else 0
        self._intro = prep.unit.block.text.rstrip().endswith(":")
        unit = prep.unit
        ctx = unit.context
        src = unit.source or Source(unit.block.file, unit.block.line, unit.block.section_path, unit.block.text)

        def resolve(text: str) -> str | None:
            if re.match(r"(?i)(?:an)?other\s", text):
                return None  # "other types": the ones not named, not the thing "types" names
            form = self.eng.name_tokens(text)
            key = self.names.resolve(form, ctx.owners, unit.block.file) if form else None
            return key if key is not None and names_here(self.names, key, text) else None

        reader = self._reader = ClauseReader(doc, keys, resolve, self.props.head_nouns, self._classes_of)
        if unit.member and ctx.relation in self.props.text_object and ctx.subject and not ctx.topic:
            # "Pros" > "Services scale easily": the item itself is the advantage, in the notes' words
            text = doc.text[prep.offset:].strip(" .;")
            concluded = self._cell_conclusion(unit) if unit.kind == "cell" else None
            if concluded is not None:
                text, leads_to = concluded
                self._concluded_names(ctx.subject, leads_to, src, out, unit)
            out.literals.append(LiteralFact(ctx.subject, ctx.relation, text, src, "list", 0.75))
            if unit.kind == "cell" or ctx.relation == "usedWhen":
                return  # "When to use: want a Heroku app with ...": a condition is kept whole, not read as claims
            unit = Unit(unit.block, unit.text, ctx, unit.kind, unit.fragment, False, unit.source)
            ctx = Context(None, None, None, ctx.owners, ctx.wording)  # a pro's own claims name their subject
        members = list(noun_list(doc, keys, resolve)) if unit.member and ctx.subject and not ctx.topic else []
        if unit.member and ctx.subject and not ctx.topic and (len(members) <= 1 or unit.kind == "term"):
            parts = split_list(doc, keys, resolve, prep.offset)
            # a term's text is one thing said of it, no list, unless it says what the term has not ("no replicas")
            members = parts if len(parts) >= 2 else ([m for m in members if m.negated] if unit.kind == "term"
                                                     else members)
        elif members:
            parts = split_list(doc, keys, resolve, prep.offset)
            if len(parts) > len(members):
                members = parts  # "`gateNo`, `pierNo`, `quayNo`": the commas say more items than the parser joined
        members, label = _unlabelled(members, doc, keys)
        if label and ctx.subject and not ctx.relation:
            # "header fields entityName, changeType": the names are the subject's header fields
            relation = self._label_relation(label)
            ctx = replace(ctx, relation=relation, wording=label) if relation else ctx
        if unit.kind == "term" and members and any(c.args for c in reader.clauses()):
            members = []  # "**Add-on logs** messages from add-on services": one phrase describes, lists nothing
        if not members and unit.member and ctx.relation and ctx.subject and not ctx.topic and \
                self._short_item(doc, prep.offset):
            text = doc.text[prep.offset:].strip(" .;")
            members = [Phrase(text, len(doc) - 1, resolve(text), start=0, end=len(doc))]
        actor = self._actor_relation(ctx.subject, out)
        if actor and members and members[0].key is None and \
                self.eng.in_class(doc[members[0].start].lower_, "verb") and len(members[0].text.split()) > 1:
            members = []  # "**Viewer** - view apps, pipelines": what the role may do, not what it holds
        if any(t.like_num and t.i not in keys for t in doc):
            # "min polling interval 10 mins": a limit, no member; "the SOAP API in batches of up to 2000
            # records": the named thing is one, its numbers a limit
            members = [p for p in members if p.key is not None and not any(
                t.like_num for t in doc[max(p.start - 1, 0):p.end])]
        for phrase in members:
            self._member(ctx, phrase, src, out, unit)
        if unit.member and ctx.relation and ctx.subject and not members and not ctx.topic:
            actions = reader.actions() or self._one_action(doc, prep.offset, ctx)
        elif actor and not members and unit.kind in ("term", "item", "cell"):
            # "**Viewer** - view apps, pipelines", "... can't join locked apps": what the role may do
            actions = reader.actions() or self._action_list(doc, prep.offset)
            ctx = Context(ctx.subject, actor, None, ctx.owners, ctx.wording)
        else:
            actions = []
        for phrase in actions:
            self._member(ctx, phrase, src, out, unit)
        if not actions and prep.offset and plain_first_verb and unit.kind != "term" and self._imperative(doc) and \
                not self._mostly_noun(doc[prep.offset and 1]) and \
                ctx.subject and not ctx.topic and not members and not self._plural(ctx.subject, out):
            self._advice(doc, ctx, src, out)
            return
        clauses = [] if members or actions else reader.clauses()
        if not clauses and not members and not actions:
            self._noun_for(doc, reader, src, out)
        self._previously(doc, keys, resolve, clauses, ctx, src, out, unit)
        advised: set[int] = set()
        self._clauses_read = clauses
        for clause in clauses:
            if clause.verb in advised:
                continue  # part of an advice already read whole
            if clause.subject is None and self._imperative_clause(clause):
                advised |= {t.i for t in doc[clause.verb].subtree}
            self._clause_facts(clause, ctx, src, out, prep.offset)
        if unit.member and ctx.relation and ctx.subject and not ctx.topic and clauses and \
                self.props.labels.get(ctx.relation) is not None:
            self._item_object(clauses[0], ctx, src, out)
        names = set(keys)
        all_equals = [t.i for t in doc if t.text == "="]
        ended = 0  # where the amount before ended: its words are not the next one's
        previous: LimitFact | None = None
        for amount in amounts(doc, names):
            since, ended = ended, amount.quantity.end
            if amount.example:
                continue
            subject = self._limited(doc, amount.head, clauses, ctx, keys, resolve)
            first = next((t for t in doc if t.idx >= amount.quantity.start), None)
            # "1 worker credit = $3 worth of compute": an "=" in the same stretch of text says what the amount is of
            equals = [e for e in all_equals if first is not None and not any(
                t.text in (",", ";", "(", ")") for t in doc[min(e, first.i):max(e, first.i)])]
            if equals and first is not None:
                if not any(e < first.i for e in equals):
                    continue  # the "1 worker credit" that is defined
                left = self._defined(doc, max(e for e in equals if e < first.i), reader, src)
                subject = left or subject
            if not subject and amount.counts_head and amount.head in keys:
                subject = keys[amount.head]  # "max 1,000 custom domains per app" under no one thing: their count
            measured = self._term_measured(unit, amount.quantity.unit)
            if measured is not None:
                subject = measured  # "Queue connections - 2 connections per consumer": a measure of the subject
            if subject:
                q = amount.quantity
                what = self._what(doc, amount.head if amount.counts_head else None, q.start, since)
                if not what and unit.kind == "cell" and ctx.wording:
                    what = ctx.wording  # "| Downtime tolerance |" over "< 4 hrs per month": the column says what
                if not what and q.unit.split()[0] in ({*UNITS} - {"usd"}) | {"count"} and self._one_thing(subject, out):
                    # "### Rollback" > "Standard - 4 days", "### Daily API requests" > "Enterprise Edition -
                    # 100,000": an amount (no price) naming no measure of a thing under a heading is the heading's
                    what = self._heading_measure(unit, subject, out)
                measure = ctx.subject if measured is not None else self._measure(doc, q, clauses, subject, src)
                q.start, q.end = max(0, q.start - prep.offset), max(0, q.end - prep.offset)
                scope = tuple(dict.fromkeys(keys[i] for i in amount.scope if i in keys and keys[i] != subject))
                owner = self._named_owner(subject, ctx, out)
                if owner is not None and measure is None:
                    # "Platform Events" > "publishing - 250,000 events per hour": the named thing is limited,
                    # the phrase of the notes says in what
                    subject, what = owner, out.entities[subject].label
                timed = any(UNIT_SYNONYMS.get(w, w) in SECONDS for w in q.unit.split(" per ")[0].split())
                added = first is not None and first.i > 0 and doc[first.i - 1].lower_ == "plus"
                more = re.match(r"(?:more|additional|extra) (.+)", q.unit)
                if more is not None:  # "gives 100,000 more deliveries per day": an increment of a limit, no cap
                    q.unit, added = more.group(1), True
                bound = self._term_bound(unit, out)
                if q.kind == "Exact" and bound:
                    q.kind = bound  # "retention max - 2 weeks on Standard": the term names the bound
                if q.kind == "Exact" and added:
                    q.kind = "Increment"  # "plus 5,000 per license", "25,000 more publishes": added to a limit
                if q.kind == "Exact" and not timed and not added and (self._among_limits(unit) or
                                                                      self._rate_cap(q)):
                    q.kind = "Maximum"  # "Allocations" > "event definitions - 100 in Unlimited": a cap
                heading = self._heading_counted(doc[amount.head], unit, subject, resolve)
                if heading is not None:
                    what, measure = heading
                named = out.entities.get(subject)
                if measure is not None and named is not None and self._names_limits(named.label, last=1):
                    # "## Build and platform limits" > "max compressed slug size 1 GB": the size is limited, the
                    # section that lists limits is none
                    subject, measure = measure, None
                # "25 in production orgs, 5 in trial orgs": a count hung on another count has words of its own
                own = first.i if first is not None and first.like_num and doc[amount.head].like_num else amount.head
                condition = _amount_condition(doc, own, set(amount.scope), ended)
                if not what and previous is not None and previous.subject == subject and \
                        previous.quantity.unit == q.unit:
                    # "batch scope default 200 records, max 2,000": a bare amount after another is of the same
                    what, measure = previous.limits, measure or previous.measure
                previous = LimitFact(subject, q, what, src, "quantity", 0.7, measure, scope, condition)
                out.limits.append(previous)

    def _classes_of(self, key: str) -> set[str]:
        ent = self.names.entities.get(key)
        return set(ent.classes) if ent is not None else set()

    @staticmethod
    def _term_bound(unit: Unit, out: Extraction) -> str | None:
        """The bound a term's first or last word names ("retention max", "min instances", "default TTL")."""
        ent = out.entities.get(unit.context.subject or "") if unit.kind == "term" else None
        words = ent.label.lower().split() if ent is not None else []
        if len(words) < 2:
            return None
        return BOUND_KINDS.get(words[-1]) or BOUND_KINDS.get(words[0])

    @staticmethod
    def _rate_cap(q: Quantity) -> bool:
        """Whether a bare amount counts things per a time window ("15,000 batches per 24 hrs"): a rate stated
        of something is what it may do at most. A size, a time or a price per a window is no such count."""
        counted, *per = q.unit.split(" per ")
        if not counted or not per or any(w in UNITS for w in counted.split()):
            return False
        return any(window.split() and UNIT_SYNONYMS.get(window.split()[-1], window.split()[-1]) in SECONDS
                   for window in per)

    def _among_limits(self, unit: Unit) -> bool:
        """Whether the list intro or the heading a text sits under names limits ("API limits", "Allocations",
        "Quotas"): an amount stated there is a cap, not an exact count."""
        parent = unit.block.parent.text if unit.block.parent is not None else ""  # "- Allocations" over the item
        above = [unit.context.wording, parent, *unit.block.section[1:], *unit.context.owners]
        return any(self._names_limits(text) for text in above)

    def _names_limits(self, text: str, last: int = 2) -> bool:
        """Whether one of a text's last words is a noun of limits ("API limits", "Quota", "Allocations")."""
        return any(self.eng.singular(w.lower()) in LIMIT_NOUNS for w in text.split()[-last:])

    @staticmethod
    def _cell_conclusion(unit: Unit) -> tuple[str, list[str]] | None:
        """"result needed in the same transaction - **Apex callouts**": a table cell that ends, after a dash,
        in marked names says the situation, then what it leads to (the names, split at commas and "and")."""
        block = unit.block
        i = next((k for k, c in enumerate(block.cells) if c.strip() == unit.text.strip()), None)
        if i is None or i >= len(block.cell_spans):
            return None
        text = block.cells[i]
        cut = text.rfind(" - ")
        marked = [s for s in block.cell_spans[i] if s.kind in ("bold", "code") and s.start >= cut + 3]
        if cut < 0 or not marked or text[:cut].strip() == "" or marked[0].start > cut + 4:
            return None
        parts = [p.strip(" .*`") for p in re.split(r",\s*|\s+and\s+|\s+or\s+", text[cut + 3:]) if p.strip(" .*`")]
        if not parts or any(len(p.split()) > 4 for p in parts):
            return None
        return text[:cut].strip(), parts

    def _concluded_names(self, subject: str, names: list[str], src: Source, out: Extraction, unit: Unit) -> None:
        """A named thing is what the subject is done with; a phrase ("data proxy") what it is for. After the
        dash, mid-sentence, a capital says a name ("Apex callouts")."""
        for name in names:
            form = self.eng.name_tokens(name)
            key = self.names.resolve(form, unit.context.owners, unit.block.file) if form else None
            named = (key is not None and key in out.entities and not out.entities[key].concept) or \
                any(w[:1].isupper() for w in name.split())
            obj = key if key is not None and named else self._node(Phrase(name, 0, None), src, None)
            if obj and obj != subject:
                out.facts.append(Fact(subject, "uses" if named else "usedFor", obj, src, False, "when to use",
                                      "table", 0.7))

    @staticmethod
    def _named_owner(subject: str, ctx: Context, out: Extraction) -> str | None:
        """The nearest named thing above a phrase of the notes (a section or a term no name stands for)."""
        ent = out.entities.get(subject)
        if ent is None or not ent.concept or "Topic" in ent.classes:
            return None  # (a section's topic, "twelve-factor app", is the thing its lines speak of)
        return next((k for k in ctx.owners if k != subject and k in out.entities and not out.entities[k].concept),
                    None)

    def _action_list(self, doc: Any, offset: int) -> list[Phrase]:
        """"view members and admins in team, transfer apps to the acc, can't join locked apps": the
        comma-separated actions of a role, each starting with its verb (a negated one is what it may not)."""
        out: list[Phrase] = []
        start = next((t.i for t in doc if t.idx >= offset), 0)
        segment: list[Any] = []
        verb = ""  # "view apps, pipelines, spaces": the verb before goes with each bare noun after it
        for tok in [*doc[start:], None]:
            if tok is None or tok.text in (",", ";"):
                if segment:
                    words_ = [t for t in segment if not t.is_punct]
                    negated = bool(words_) and (words_[0].tag_ == "MD" and len(words_) > 1 and words_[1].dep_ == "neg")
                    core = words_[2:] if negated else words_
                    bare = bool(core) and all(t.pos_ in ("NOUN", "PROPN", "ADJ") and t.tag_ != "VB" for t in core)
                    first = core[0] if core else None
                    if core and verb and not negated and bare:
                        out.append(Phrase(f"{verb} {_join_tokens(core)}", core[-1].i, None, verbal=True,
                                          start=core[0].i, end=core[-1].i + 1))
                    elif first is not None and (first.pos_ == "VERB" or (
                            self.eng.in_class(first.lower_, "verb") and not self.eng.in_class(first.lower_, "adj"))):
                        # ("full control": an adjective the dictionary also knows as a verb is no action)
                        out.append(Phrase(_join_tokens(core), core[-1].i, None, negated=negated, verbal=True,
                                          start=core[0].i, end=core[-1].i + 1))
                        verb = core[0].text if len(core) > 1 else ""
                    else:
                        return []
                segment = []
            else:
                segment.append(tok)
        return out

    def _one_action(self, doc: Any, offset: int, ctx: Context) -> list[Phrase]:
        """"generate, rotate, archive and import tenant secrets" under "Allows": one action, read whole."""
        if ctx.relation not in ("grants", "may"):
            return []
        toks = [t for t in doc if t.idx >= offset]
        if not toks or any(t.dep_ in ("nsubj", "nsubjpass") for t in toks) or len(toks) > 2 * MAX_PHRASE_WORDS:
            return []
        return [Phrase(doc.text[offset:].strip(" ."), toks[-1].i, None, verbal=True, start=toks[0].i, end=len(doc))]

    @staticmethod
    def _short_item(doc: Any, offset: int) -> bool:
        """"Apex triggers", "flows" under "Subscribers": a few words with no punctuation inside are one
        thing of the list, however the parser reads them alone."""
        toks = [t for t in doc if t.idx >= offset]
        return 0 < len(toks) <= 3 and not any(t.is_punct or t.like_num or t.pos_ in ("AUX", "PART", "ADP")
                                              for t in toks)

    def _plural(self, key: str, out: Extraction) -> bool:
        """"Professional dynos:" > "Support multiple worker process types": a plural subject, whose verbs
        take the base form (no advice to the reader)."""
        ent = out.entities.get(key)
        last = ent.label.split()[-1].lower() if ent and ent.label.split() else ""
        return last.endswith("s") and self.eng.singular(last) != last

    @staticmethod
    def _actor_relation(subject: str | None, out: Extraction) -> str | None:
        """Who may do what: a role may do the actions listed for it, a privilege grants them."""
        ent = out.entities.get(subject or "")
        if ent is None:
            return None
        if "Privilege" in ent.classes:
            return "grants"
        return "may" if "Role" in ent.classes else None

    def _noun_after_name(self, clause: Clause) -> bool:
        """"Apex triggers on AccountChangeEvent": a word the notes mostly use as a noun, in "-s" right after
        the name the parser made its subject, is the plural of a compound ("Apex triggers"), no verb."""
        doc = self._doc
        if doc is None:
            return False
        verb = doc[clause.verb]
        before = doc[verb.i - 1] if verb.i else None
        return verb.tag_ == "VBZ" and verb.lower_.endswith("s") and before is not None and \
            before.dep_ == "nsubj" and before.head.i == verb.i and self._reader is not None and \
            before.i in self._reader.keys and \
            not any(c.dep_ in ("aux", "neg", "dobj") for c in verb.children) and self._mostly_noun(verb, half=True)

    def _mostly_noun(self, tok: Any, half: bool = False) -> bool:
        """Whether the notes use this word as a noun at least two times in three (of three or more uses):
        "batch scope default 200 records" opens with a noun, whatever the tagger made of it here. After a
        name, where a compound is likely, half the uses are enough."""
        nouns, uses = self._uses.get(tok.lemma_.lower(), (0, 0))
        return uses >= 3 and (2 * nouns >= uses if half else 3 * nouns >= 2 * uses)

    @staticmethod
    def _imperative(doc: Any) -> bool:
        """"It create ...", "It don't use with ...": the text began with a verb in its base form, advice to
        the reader rather than something the subject does ("syncs", "uses", "can use" are statements)."""
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or root.i < 1 or root.pos_ != "VERB" or root.tag_ not in ("VB", "VBP") or \
                root.lower_.endswith("s"):
            return False
        between = doc[1:root.i]
        first = doc[1] if len(doc) > 1 else root
        if first.i == root.i:
            return bool(root.lemma_.lower() == root.lower_)
        return first.lower_ in ("do", "don't", "never") and all(t.dep_ in ("aux", "neg") for t in between)

    def _advice(self, doc: Any, ctx: Context, src: Source, out: Extraction) -> None:
        text = doc[1:].text.strip(" .;")
        phrase = Phrase(text, 1, None, verbal=True, start=1, end=len(doc))
        key = self._node(phrase, src, None) if len(text.split()) <= 2 * MAX_PHRASE_WORDS else None
        if key and ctx.subject:
            out.facts.append(Fact(ctx.subject, "advice", key, src, False, "", "clause", 0.6))

    def _previously(self, doc: Any, keys: dict[int, str], resolve: Any, clauses: list[Clause], ctx: Context,
                    src: Source, out: Extraction, unit: Unit) -> None:
        """"previously the `daketsu` plan", "X - ..., previously Lightning Connect": an adverb of the
        ontology's (kg:adverbCue) before a noun phrase names what the subject was called."""
        reader = ClauseReader(doc, keys, resolve, self.props.head_nouns, self._classes_of)
        for tok in doc:
            prop = self.props.adverbs.get(tok.lower_)
            if prop is None:
                continue
            following = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            target = tok.head if tok.head.pos_ in ("NOUN", "PROPN") else following
            if tok.head.lemma_ in ("call", "name", "know"):  # "Formerly called Hub Gateway", "formerly known as X"
                target = next((c for c in tok.head.subtree if c.pos_ in ("PROPN", "NOUN") and c.i > tok.head.i), None)
            while target is not None and target.pos_ == "DET" and target.i + 1 < len(doc):
                target = target.head if target.head.pos_ in ("NOUN", "PROPN") else doc[target.i + 1]
            if target is None or target.pos_ not in ("NOUN", "PROPN"):
                continue
            obj = self._node(reader.phrase(target), src, None)
            subject = ctx.subject
            if obj and subject and obj != subject:
                out.facts.append(Fact(subject, prop, obj, src, False, tok.text, "clause", 0.7))

    def _label_relation(self, label: str) -> str | None:
        """"header fields" -> has header field: a plural noun phrase names what the listed things are."""
        words = label.split()
        if not 1 <= len(words) <= 3 or not all(w.isalpha() for w in words):
            return None
        return self.props.section_property_of(words, self.eng.singular) or plural_relation(words, self.eng)

    def _member(self, ctx: Context, phrase: Phrase, src: Source, out: Extraction, unit: Unit) -> None:
        key = self._node(phrase, src, unit)
        owner = unit.outer or ctx.subject
        subject_classes = out.entities[owner].classes if owner in out.entities else set()
        if ctx.relation and not self.props.allows(ctx.relation, subject_classes):
            return
        if key and owner and key != owner:
            relation, negated = ctx.relation or "includes", phrase.negated  # "no serial mode": what it has not
            if negated and relation in self.props.negation:
                relation, negated = self.props.negation[relation], False  # "can't join locked apps": may not
            out.facts.append(Fact(owner, relation, key, src, negated, ctx.wording, "list",
                                  0.7 if ctx.relation else 0.5, qualifier=phrase.qualifier,
                                  things=tuple(self._qualifier_things(phrase, src))))
            if ctx.cls and key in out.entities:
                out.entities[key].classes.add(ctx.cls)

    def _item_object(self, clause: Clause, ctx: Context, src: Source, out: Extraction) -> None:
        """"Prerequisites for SSO" > "You must enforce MFA at the IdP": the item's object is what the list
        says of its subject."""
        if ctx.topic:
            return
        subject_text = clause.subject.text.lower() if clause.subject else ""
        if clause.subject is not None and subject_text not in GENERIC_ACTORS and clause.subject.key != ctx.subject:
            return
        objs = [a for a in clause.args if a.role in ("dobj", "attr", "xcomp")]
        if not objs:
            return
        key = self._node(objs[0].phrase, src, None)
        if key and ctx.subject and key != ctx.subject:
            out.facts.append(Fact(ctx.subject, ctx.relation or "includes", key, src, clause.negated, ctx.wording,
                                  "list", 0.6))

    def _clause_facts(self, clause: Clause, ctx: Context, src: Source, out: Extraction, offset: int) -> None:
        if clause.example or self._noun_after_name(clause):
            return
        if self._intro and not any(a.role in ("dobj", "attr") for a in clause.args) and \
                self._doc is not None and self._doc[clause.verb].dep_ == "ROOT":
            return  # "For changes to records ..., Heroku Connect uses:": the items below are what it uses
        if clause.subject is None and self._purpose_of_use(clause, src, out):
            return
        if self._purpose_needs(clause, src, out):
            return
        joined = self._doc is not None and imperative_conjunct(self._doc[clause.verb])
        if self._advised(clause) and ctx.subject and not ctx.topic:
            # "..., recommended to use Platform Events": what to do, not what the thing does
            self._advise(clause, self._earlier_subject(clause) or ctx.subject, src, out)
            return
        if clause.subject is None and (joined or self._imperative_clause(clause)):
            # "- use CDC and Platform Events instead": advice on what the text is about; "`heroku logs` keeps
            # the last lines, use a log drain for more": on what the sentence spoke of
            holder = self._earlier_subject(clause)
            if holder is None and ctx.subject and not ctx.topic and not self._plural(ctx.subject, out) and \
                    self._unit_kind != "term":
                holder = ctx.subject
            if holder:
                self._advise(clause, holder, src, out)
                return
            if joined or (self._unit_kind != "term" and self._doc[clause.verb].i > self._first_word):
                return  # "To share a dataclip, click Enable": the reader clicks, not what the section is about
        if self._term_holds(clause) and ctx.subject:
            self._facts_of(clause, ctx.subject, ctx, src, out)
            return
        said: set[str] = set()
        phrases = [clause.subject, *clause.more_subjects] if clause.more_subjects else [clause.subject]
        objects = [a for a in clause.args if a.role == "dobj"]
        respective = _respective(phrases, [a.phrase for a in objects])
        for k, phrase in enumerate(phrases):
            clause.subject = phrase
            subject = self._subject(clause, ctx, src)
            if self._unit_kind == "cell" and ctx.subject and subject != ctx.subject:
                continue  # "| Fire and Forget | SF sends a message ... |": how the row's thing works, no claim of SF
            if subject is not None and subject not in said:
                said.add(subject)
                # "slow or down source system means slow or empty pages": each with its own, in order
                paired = replace(clause, args=[a for a in clause.args if a.role != "dobj"] + [objects[k]]) \
                    if respective else clause
                self._facts_of(paired, subject, ctx, src, out)

    def _term_holds(self, clause: Clause) -> bool:
        """"**Essential** - `essential-0`, `essential-1`, multi-tenant, replaces the old plans": a term's text
        that lists what the term holds, then, after a comma, says what the term does (subjects of the verb
        would join with "and")."""
        doc = self._doc
        if doc is None or self._unit_kind != "term" or clause.subject is None or \
                clause.subject.start > self._first_word:
            return False
        head = doc[clause.subject.head]
        listed = any(c.dep_ == "appos" for c in head.children)  # (not "Heroku Connect, when configured, syncs")
        between = doc[self._first_word:clause.verb]
        return listed and any(t.text == "," for t in doc[clause.subject.end:clause.verb]) and \
            not any(t.dep_ == "cc" for t in between)

    def _facts_of(self, clause: Clause, subject: str, ctx: Context, src: Source, out: Extraction) -> None:
        lemma = "require" if clause.modal == "must" and clause.lemma in ("have", "be", "use") else clause.lemma
        if self._where_passive(clause, subject, ctx, src, out):
            return
        folded = self._folded_preps(clause, lemma)
        self._denied_in(clause)
        for arg in clause.args:
            when = arg.phrase.text.split(", ")[0]  # (not the "eliminating ..." hung on it after a comma)
            if arg.role == "time" and when not in clause.condition:
                clause.hold_under(when)  # "receive traffic before the old ones are shut down": no thing received
        made = False
        for arg in clause.args:
            if any(arg is f for f in folded):
                continue
            if arg.role == "dobj" and folded:
                made = self._arg_fact(clause, self._with_folded(arg, folded), subject, lemma, ctx, src, out,
                                      [k for f in folded if not self._amount(f.phrase)
                                       for k in [self._node(f.phrase, src, None)] if k])
                continue
            self._arg_fact(clause, arg, subject, lemma, ctx, src, out)
        if folded and not made:  # the object's statement was not made: each preposition says its own
            for arg in folded:
                self._arg_fact(clause, arg, subject, lemma, ctx, src, out)
        for exc in clause.exceptions:
            obj = self._node(exc, src, None)
            base = clause.lemma + (f" {clause.args[0].prep}" if clause.args and clause.args[0].prep else "")
            mapping = self.props.map(base, negated=not clause.negated)
            mapping = self._as_written(mapping, clause) if mapping else mapping
            if obj and mapping and obj != subject:
                neg = mapping.prop not in self.props.negation.values() and not clause.negated
                out.facts.append(Fact(subject, mapping.prop, obj, src, neg, f"except {exc.text}", "clause", 0.6))
        if not clause.args and not clause.exceptions and clause.lemma.startswith("be ") and not clause.passive and \
                not clause.negated and self._doc is not None and self._doc[clause.verb].lemma_ == "be":
            be = self._doc[clause.verb]
            adj = next((c for c in be.children if c.dep_ == "acomp"), None)
            if be.dep_ != "ROOT" and any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB")
                                         for c in be.children):
                adj = None  # "consumed when resources are available": a condition, not a state of the resources
            if adj is not None:
                words = _join_tokens([t for t in adj.subtree if t.dep_ != "punct"])
                if words and len(words.split()) <= 4:
                    out.literals.append(LiteralFact(subject, "status", words, src))  # "MFA is mandatory"
        before = len(out.facts)
        self._context_facts(clause, subject, ctx, src, out)
        if len(out.facts) == before:
            self._restriction(clause, subject, src, out)

    def _arg_fact(self, clause: Clause, arg: Arg, subject: str, lemma: str, ctx: Context, src: Source,
                  out: Extraction, things: list[str] | None = None) -> bool:
        """The statement of one of a clause's objects; whether it was made."""
        if arg.role == "time" or self._wh_clause(arg.phrase):
            return False  # a clause of its own ("before the app is deleted", "when you want X"): no thing
        things = [*(things or []), *self._qualifier_things(arg.phrase, src)]
        phrase = (arg.lemma or lemma) + (f" {arg.prep}" if arg.prep else "")
        if arg.prep in ("instead of", "rather than"):
            phrase = "instead of"
        negated = clause.negated != arg.phrase.negated
        mapping = self.props.map(phrase, negated=negated, only=clause.only or clause.only_subject)
        if arg.role == "attr" and phrase == "be":
            if clause.subject is None and self._unit_kind != "term":
                return False  # "for Shield it is Shield-M": an "it" of a sentence is no definition
            if self._juxtaposed(arg.phrase):
                return False  # "Cipher Suites - Private and Shield Private Spaces config cipher suites"
            mapping = Mapping("isA", "cue", 1.0)  # "KVS is an in-memory key-value data store"
            if clause.subject is not None and clause.subject.text.lower() == "default" and ctx.subject:
                subject, mapping = ctx.subject, Mapping("hasDefault", "cue", 1.0)  # "the default is X"
        if mapping is not None and not self.props.allows(mapping.prop, out.entities[subject].classes
                                                         if subject in out.entities else set()):
            mapping = self.props._minted(phrase)  # "X allows Y" of a non-privilege: its own verb
        if mapping is None:
            return False
        if not arg.lemma:
            mapping = self._as_written(mapping, clause)
        if self._amount(arg.phrase):
            return False  # "used for tasks up to 10,000 records": an amount, read as a limit
        if negated and arg.prep == "without":
            return False  # "doesn't work on Windows without configuration": no claim about the configuration
        if arg.prep in CONTRAST_PREPS:
            return False  # "Basic dynos are available, unlike professional dynos": a contrast, no relation
        if self._place_denied(clause, arg):
            return False  # "don't use X with Y in SF": the place is no thing the clause denies
        if self._fragment(arg.phrase):
            return False  # "EU only", "non": what is left of a phrase the parser split
        obj = self._this_thing(arg.phrase, ctx, out) or self._node(arg.phrase, src, None)
        if obj is None or obj == subject:
            return False
        still_negated = negated and mapping.prop not in self.props.negation.values()
        if clause.only_subject and not clause.only:
            out.facts.append(Fact(obj, self.props.exclusive.get("availableFor", "availableFor"), subject, src,
                                  False, _wording(clause, arg.prep), "clause", 0.55, clause.condition, True))
            return True
        named_subject = subject in out.entities and not out.entities[subject].concept
        if self._phrase_subject(clause, mapping.prop) and not named_subject:
            return False  # a phrase as subject of a clause: judged 2 in 14 right; the thing is not named
        out.facts.append(Fact(subject, mapping.prop, obj, src, still_negated, _wording(clause, arg.prep),
                              "clause", _confidence(mapping.how, mapping.score), clause.condition,
                              clause.only, arg.phrase.qualifier, tuple(things)))
        return True

    def _as_written(self, mapping: Mapping, clause: Clause) -> Mapping:
        """"be purchase via" -> "be purchased via": a verb relation minted from a passive says its
        participle as the notes do, not its lemma."""
        verb = self._doc[clause.verb] if self._doc is not None else None
        lemma = clause.lemma.split()
        if verb is None or not mapping.prop.startswith("rel:be_") or len(lemma) < 2 or lemma[0] != "be" or \
                verb.tag_ != "VBN" or verb.lemma_.lower() != lemma[1] or not verb.lower_.isalpha():
            return mapping
        words = mapping.prop.removeprefix("rel:").split("_")
        if words[1] != lemma[1]:
            return mapping
        return replace(mapping, prop="rel:" + "_".join(["be", verb.lower_, *words[2:]]))

    def _amount(self, phrase: Phrase) -> bool:
        """Whether a phrase counts something ("10,000 records", "a 1,000 hr pool"): a limit's words, no thing."""
        return any(counted(t) or any(c.dep_ == "nummod" and counted(c) for c in t.children)
                   for t in self._tokens(phrase))

    def _juxtaposed(self, phrase: Phrase) -> bool:
        """Whether another noun phrase follows the phrase with nothing to join them (no comma, preposition,
        conjunction or verb): the parser ended the phrase before its head."""
        doc = self._doc
        end = max(phrase.end, phrase.qualifier_end)
        if doc is None or end >= len(doc) or doc[end].is_sent_start:
            return False
        top = doc[end]
        if top.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") or top.dep_ == "nummod":
            return False
        inside = range(phrase.start, end)
        while top.head.i != top.i and top.head.i not in inside:
            top = top.head
        # hung on the phrase, only an apposition with no comma is another phrase ("a barrier next to X" is one)
        return top.head.i not in inside or top.dep_ == "appos"

    def _qualifier_things(self, phrase: Phrase, src: Source) -> list[str]:
        """The things a phrase's qualifier names: "commercial plans" of "access (to commercial plans)"."""
        reader = self._reader
        if self._doc is None or reader is None or not phrase.qualifier_heads:
            return []
        return [k for i in phrase.qualifier_heads for k in [self._node(reader.phrase(self._doc[i]), src, None)] if k]

    @staticmethod
    def _with_folded(arg: Arg, folded: list[Arg]) -> Arg:
        extra = "; ".join(f"{f.prep} {f.phrase.text}" for f in folded)
        qualifier = "; ".join(q for q in (arg.phrase.qualifier, extra) if q)
        return replace(arg, phrase=replace(arg.phrase, qualifier=qualifier))

    def _wh_clause(self, phrase: Phrase) -> bool:
        doc = self._doc
        return doc is not None and phrase.key is None and phrase.start < len(doc) and doc[phrase.start].tag_ == "WRB"

    @staticmethod
    def _place_denied(clause: Clause, arg: Arg) -> bool:
        """A place beside another object of a negated clause: "don't use X with Y in SF"."""
        return clause.negated != arg.phrase.negated and not arg.phrase.negated and \
            arg.prep in ("in", "at", "on", "within", "during") and \
            any(a.role == "dobj" or (a.prep and a.prep not in ("in", "at", "on")) for a in clause.args)

    def _denied_in(self, clause: Clause) -> None:
        """"plain CNAME doesn't work at the apex with most DNS providers": the place is where the denial holds,
        kept as the condition of what the clause denies."""
        words = "; ".join(f"{a.prep} {a.phrase.text}" for a in clause.args
                          if a.role == "pobj" and self._place_denied(clause, a))
        if words not in clause.condition:
            clause.hold_under(words)

    def _folded_preps(self, clause: Clause, lemma: str) -> list[Arg]:
        """"maximize robustness with fast startup": beside a direct object, a preposition the ontology has no
        property for narrows the object ("robustness", with fast startup) rather than standing alone as
        "maximize with fast startup". One that names a thing keeps its own statement."""
        dobjs = [a for a in clause.args if a.role == "dobj"]
        if len(dobjs) != 1:
            return []
        out = []
        for arg in clause.args:
            if arg.role != "pobj" or not arg.prep or arg.phrase.key or arg.phrase.verbal:
                continue
            verb = arg.lemma or lemma
            mapping = self.props.map(f"{verb} {arg.prep}", negated=clause.negated)
            alone = self.props.map(verb, negated=clause.negated)
            # "requires a Harbor Pass for boarding": a preposition no cue names, on a verb that names the
            # relation alone, narrows the object; no second thing required
            bare = alone is not None and mapping is not None and mapping.prop == alone.prop and \
                f"{verb} {arg.prep}" not in self.props.cues
            if mapping is None or mapping.prop.startswith("rel:") or bare:
                out.append(arg)
        return out

    def _this_thing(self, phrase: Phrase, ctx: Context, out: Extraction) -> str | None:
        """"Production - release phase runs during this stage": "this" and a noun of the class of the thing
        the text is about is that thing."""
        doc = self._doc
        if doc is None or phrase.key or not ctx.subject or ctx.subject not in out.entities:
            return None
        head = doc[phrase.head]
        if not any(c.dep_ == "det" and c.lower_ in ("this", "that") for c in head.children):
            return None
        cls = self.props.head_nouns.get(self.eng.singular(head.lower_))
        return ctx.subject if cls is not None and cls in out.entities[ctx.subject].classes else None

    def _restriction(self, clause: Clause, subject: str, src: Source, out: Extraction) -> None:
        """"X can't be renamed", "X cannot be turned off once created": what cannot be done to a named thing,
        a passive with no object, kept in the notes' words from the modal on."""
        doc = self._doc
        # a name, or a short noun phrase ("partition count can't be changed after ...")
        named = subject in out.entities and (not out.entities[subject].concept or (
            clause.subject is not None and len(clause.subject.text.split()) <= 3 and
            doc is not None and doc[clause.subject.head].pos_ in ("NOUN", "PROPN") and
            doc[clause.subject.head].lemma_.lower() not in _stop_words()))  # (not "new ones")
        if doc is None or not named or not clause.negated or not clause.passive or \
                clause.modal not in ("can", "could") or any(a.role != "time" for a in clause.args) or clause.exceptions:
            return
        verb = doc[clause.verb]
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and \
                any(c.dep_ == "neg" for c in verb.head.children):
            return  # "can't be filtered or sorted": read whole from its first verb
        modal = next((c for c in verb.children if c.dep_ == "aux" and c.tag_ == "MD"), None)
        subj = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        if modal is None:
            return
        toks = [t for t in doc[modal.i:verb.right_edge.i + 1] if t.i not in subj]
        words = _join_tokens(toks).strip(" .,;-–")
        if words and len(words.split()) <= 14:
            out.literals.append(LiteralFact(subject, "restriction", words, src, "clause", 0.7))

    def _context_facts(self, clause: Clause, subject: str, ctx: Context, src: Source, out: Extraction) -> None:
        if ctx.wording and ctx.wording.split()[-1].lower() in CONDITION_MARKS:
            return  # "auto uses SOAP when" > "Bulk API conditions aren't met": a condition, no claim
        if not clause.args and not clause.exceptions and ctx.subject and ctx.subject != subject:
            mapping = self.props.map(clause.lemma, negated=clause.negated)
            if mapping and mapping.prop in self.props.context_object:
                out.facts.append(Fact(subject, mapping.prop, ctx.subject, src, False, clause.lemma, "clause", 0.6,
                                      clause.condition))
            elif clause.passive and clause.subject is not None and clause.lemma.startswith("be "):
                # "custom triggers not officially supported": what the section's subject does not do
                active = self.props.map(clause.lemma[3:])
                if active and active.how == "cue" and active.prop not in self.props.context_object:
                    out.facts.append(Fact(ctx.subject, active.prop, subject, src, clause.negated,
                                          _wording(clause, ""), "clause", 0.55, clause.condition))

    def _defined(self, doc: Any, eq: int, reader: ClauseReader, src: Source) -> str | None:
        """The noun phrase before "=" (without its count): "1 dyno unit =" -> dyno unit."""
        toks: list[Any] = []
        for t in reversed(doc[:eq]):
            if t.is_punct and t.text not in ("-",):
                break
            toks.insert(0, t)
        while toks and (toks[0].like_num or toks[0].pos_ in ("DET", "ADP")):
            toks = toks[1:]
        if not toks or len(toks) > 4:
            return None
        text = _join_tokens(toks)
        phrase = Phrase(text, toks[-1].i, reader.resolve(text), start=toks[0].i, end=toks[-1].i + 1)
        return self._node(phrase, src, None)

    def _noun_for(self, doc: Any, reader: ClauseReader, src: Source, out: Extraction) -> None:
        """"Apex HTTP callouts for making REST calls": a thing and, after "for" and a verb, what it is for."""
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if root is None or (root.pos_ not in ("NOUN", "PROPN") and root.i not in reader.keys):
            return  # (a merged name is a noun, whatever the tagger says)
        for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ == "for"):
            comp = next((c for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"), None)
            if comp is None:
                continue
            # "**Anypoint Studio** - Eclipse-based IDE for building Mule apps": the term is what it is for
            thing = self._outer_term or self._node(self._named_run(doc, root, reader), src, None)
            action = self._node(reader.action(comp), src, None)
            if thing and action:
                out.facts.append(Fact(thing, "usedFor", action, src, False, "for", "clause", 0.65))

    @staticmethod
    def _named_run(doc: Any, tok: Any, reader: ClauseReader) -> Phrase:
        """"Apex HTTP" + "callouts": names side by side, the last one's head, are one phrase."""
        start = tok.i
        while start > 0 and start - 1 in reader.keys and doc[start - 1].head.i == tok.i and doc[start - 1].whitespace_:
            start -= 1
        if start == tok.i or tok.i not in reader.keys:
            return reader.phrase(tok)
        text = _join_tokens(list(doc[start:tok.i + 1]))
        return Phrase(text, tok.i, reader.resolve(text), start=start, end=tok.i + 1)

    def _purpose_needs(self, clause: Clause, src: Source, out: Extraction) -> bool:
        """"To create a one-off dyno, you must first add an SSH key", "To enable X, specify Y": what is
        needed for a named thing is the object of what must (or is told to) be done."""
        doc = self._doc
        verb = doc[clause.verb]
        must = clause.modal == "must" or (verb.tag_ in ("VB", "VBP") and self._imperative_clause(clause))
        if not must or verb.lemma_.lower() == "use":
            return False
        purpose = _fronted_purpose(verb, ("advcl", "xcomp"))
        if purpose is None and verb.dep_ == "ccomp":
            purpose = _fronted_purpose(verb.head, ("advcl",), before=verb.i)  # the parser hung "must Y" on another verb
        if purpose is None:
            return False
        keys = self._reader.keys if self._reader else {}
        named = [c for c in purpose.children if c.dep_ == "dobj" and c.i in keys]
        needed = [a for a in clause.args if a.role == "dobj" and not a.phrase.verbal and not self._verb_word(a.phrase)]
        made = False
        for thing in named:
            key = keys[thing.i]
            for arg in needed:
                obj = self._node(arg.phrase, src, None)
                if obj and obj != key:
                    out.facts.append(Fact(key, "requires", obj, src, False, f"must {clause.lemma}", "clause", 0.6,
                                          f"to {purpose.lemma_} {thing.text}", qualifier=arg.phrase.qualifier,
                                          things=tuple(self._qualifier_things(arg.phrase, src))))
                    made = True
        return made

    def _verb_word(self, phrase: Phrase) -> bool:
        """"click Enable": one word that is a verb and no noun names a button, no thing needed."""
        word = phrase.text.lower()
        return " " not in word and self.eng.in_class(word, "verb") and not self.eng.in_class(word, "noun")

    def _purpose_of_use(self, clause: Clause, src: Source, out: Extraction) -> bool:
        """"To replicate data between SF and Heroku, use Heroku Connect": what the used thing is for."""
        doc = self._doc
        verb = doc[clause.verb]
        if verb.lemma_.lower() != "use" or verb.tag_ not in ("VB", "VBP") or \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return False  # (a subjectless "use" the tagger read as VBP is still the imperative)
        purpose = _fronted_purpose(verb, ("advcl", "xcomp"))
        objs = [a for a in clause.args if a.role == "dobj"]
        if purpose is None or not objs:
            return False
        action = self._node(ClauseReader(doc, {}, lambda text: None).action(purpose), src, None)
        for arg in objs:
            used = self._node(arg.phrase, src, None)
            if used and action:
                out.facts.append(Fact(used, "usedFor", action, src, False, "to ... use", "clause", 0.7))
        return True

    def _advise(self, clause: Clause, holder: str, src: Source, out: Extraction) -> None:
        """"- use CDC and Platform Events instead": advice on the holder, not something the holder does."""
        doc = self._doc
        reader = ClauseReader(doc, {}, lambda text: None)
        verb = doc[clause.verb]
        key = self._node(reader.action(verb), src, None)
        # "for precise schedules run a clock process": the phrase fronted before the verb says when
        fronted = [c for c in verb.children if c.i < verb.i and (c.dep_ == "prep" or (
            c.dep_ == "advcl" and c.left_edge.dep_ in ("aux", "mark")))]  # ("To specify tasks, add ...")
        condition = "; ".join(_join_tokens([t for t in c.subtree if not t.is_punct]) for c in fronted)
        if key:
            out.facts.append(Fact(holder, "advice", key, src, False, "", "clause", 0.6, condition or clause.condition))

    def _advised(self, clause: Clause) -> bool:
        """A verb after "to" under a verb of advising: "recommended to use X", "it is suggested to add Y"."""
        verb = self._doc[clause.verb] if self._doc is not None else None
        return verb is not None and verb.dep_ in ("xcomp", "ccomp") and verb.head.i != verb.i and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and \
            self.props.advises(verb.head.lemma_.lower())

    def _imperative_clause(self, clause: Clause) -> bool:
        """A verb in its base form with no subject and no auxiliary: "use CDC instead", "To X, use Y"."""
        doc = self._doc
        verb = doc[clause.verb]
        if verb.tag_ not in ("VB", "VBP") or verb.dep_ not in ("ROOT", "conj") or verb.i == 0 or \
                any(c.dep_ in ("aux", "auxpass") for c in verb.children) or verb.lower_.endswith("s") or \
                self._mostly_noun(verb):
            return False
        if verb.dep_ == "conj":
            return False
        # "- for precise schedules run a clock process": a phrase fronted before the verb opens the advice
        first = min([verb.i, *(c.left_edge.i for c in verb.children if c.dep_ == "prep" and c.i < verb.i)])
        if first == 0:
            return False
        before = doc[first - 1]
        return before.text in ("-", "–", "—", ";", ":", ",") or before.is_sent_start is True or \
            doc[first].is_sent_start is True

    def _where_passive(self, clause: Clause, subject: str, ctx: Context, src: Source, out: Extraction) -> bool:
        """"Apex triggers not supported on external objects", "X is used in Y": the place is what does (not)
        support or use the thing."""
        if not clause.passive or not clause.lemma.startswith("be ") or len(clause.args) != 1:
            return False
        arg = clause.args[0]
        active = self.props.map(clause.lemma[3:])
        if arg.prep not in ("on", "in", "by") or active is None or active.how != "cue" or \
                active.prop not in ("supports", "uses", "includes", "requires", "grants"):
            return False
        place = self._node(arg.phrase, src, None)
        if place is None or place == subject:
            return False
        out.facts.append(Fact(place, active.prop, subject, src, clause.negated, _wording(clause, arg.prep), "clause",
                              0.65, clause.condition))
        return True

    def _phrase_subject(self, clause: Clause, prop: str) -> bool:
        """Whether a clause's subject is a phrase no name stands for, for a property that needs a named
        subject ("downloading pg backups is disabled" says enough; "async batch records" does not)."""
        if clause.subject is None or clause.subject.key is not None or clause.more_subjects:
            return False  # a named subject, or one of a list of things ("Queue alerts, retries ... show up")
        head = self._doc[clause.subject.head] if self._doc is not None else None
        if head is not None and head.pos_ == "PROPN":
            return False  # a capitalised name the markdown did not mark ("Gold ... include Geo Replication")
        if head is not None and (head.tag_ == "NNS" or clause.subject.noun) and len(clause.subject.text.split()) >= 2:
            return False  # a kind of thing, in the plural ("snapshot reads don't pass over the network")
        return prop not in self.props.context_object and prop not in self.props.negation.values()

    def _fragment(self, phrase: Phrase) -> bool:
        toks = self._tokens(phrase)
        if phrase.key or phrase.verbal or not toks:
            return False
        head = self._doc[phrase.head] if self._doc is not None else None
        return (head is not None and head.pos_ in ("ADV", "ADJ", "PART", "ADP", "CCONJ", "DET")) or \
            any(t.lower_ in ("only", "also") for t in toks) or toks[-1].text.endswith("-") or \
            (len(toks) > 1 and bool(VERSION.fullmatch(toks[0].lower_)))  # "2.0 standard" of "the SAML 2.0 standard"

    def _earlier_subject(self, clause: Clause) -> str | None:
        """The named subject of the clause before this one in the same text, when this one has none and is
        no fragment of the notes' own kind (an item that leaves out what the list is about)."""
        doc = self._doc
        if doc is None or self._unit_kind not in ("sentence", "item") or self._first_word:
            return None
        # "X uses Y to bring Z. It enables ...": "it" is the main clause's subject, not a borrowed one
        before = [c for c in self._clauses_read if c.verb < clause.verb and c.subject is not None and c.subject.key]
        main = [c for c in before if doc[c.verb].dep_ == "ROOT" and
                any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[c.verb].children)]
        if self._unit_kind == "item":
            # "4. Heroku rebuilds the app - adds the URL as a config var": an item that opens with its own
            # subject goes on with it; one that leaves it out speaks of what the list is about
            before = main = [c for c in main if c.subject is not None and c.subject.start == 0]
        chosen = (main or before)[-1].subject if main or before else None
        return chosen.key if chosen is not None else None

    def _tokens(self, phrase: Phrase) -> list[Any]:
        doc = self._doc
        return list(doc[phrase.start:phrase.end]) if doc is not None and phrase.end > phrase.start else []

    def _subject(self, clause: Clause, ctx: Context, src: Source) -> str | None:
        if clause.subject is None:
            verb = self._doc[clause.verb] if self._doc is not None else None
            if verb is not None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("VERB", "AUX"):
                return None  # "Apex triggers not supported on ...", "triggers" read as a verb: whose, unknown
            earlier = self._earlier_subject(clause)
            if earlier is not None:
                return earlier  # "Heroku rebuilds the app - adds the URL as a config var": Heroku adds it
            if verb is not None and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in PRONOUNS and
                                        c.i > self._first_word and not c.is_sent_start for c in verb.children):
                return None  # "up to 200 external objects, they don't count ...": "they" are no section
            return ctx.subject if not ctx.topic or ctx.subject else None
        text = clause.subject.text.lower()
        toks = self._tokens(clause.subject)
        if clause.subject.key is None and len(toks) == 1 and toks[0].i == self._first_word and \
                self_verb_form(toks[0].lower_) and not self.eng.in_class(self.eng.singular(toks[0].lower_), "noun"):
            return None  # "condenses and reorders changes ...": a verb the tagger took for a noun, no subject
        if text in GENERIC_ACTORS:
            return None  # "you can share X with Y": a rule about what users do, read through its object
        if any(t.like_num and not VERSION.fullmatch(t.lower_) for t in toks):
            return ctx.subject  # "@future - 50 calls per transaction, can't be called from ...": the term
        doc = self._doc
        # a comma between the subject and its verb: "extra cost in Enterprise and Unlimited editions, included
        # in ..." describes the thing, then says what it is
        comma = doc is not None and any(t.text == "," for t in doc[clause.subject.end:clause.verb])
        verb = doc[clause.verb] if doc is not None else None
        if self._unit_kind == "term" and verb is not None and verb.dep_ in ("relcl", "acl") and \
                verb.head.dep_ == "ROOT" and verb.head.i == clause.subject.head and clause.subject.key is None and \
                clause.subject.start <= self._first_word:
            # "**Heroku Scheduler** - free add-on that runs a command in a one-off dyno": the definition's noun
            # is the term, what is said of it the term's
            return ctx.subject
        if self._unit_kind in ("term", "item") and clause.subject.key is None and \
                clause.subject.start <= self._first_word and comma:
            # "**Data Loader** - desktop client, ... uses X", "- extra cost in ..., included in Developer
            # Edition": what the thing is, then what it does
            return ctx.subject
        head = self._doc[clause.subject.head] if self._doc is not None else None
        if head is not None and head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X") and clause.subject.key is None \
                and not clause.subject.noun:
            return None  # "async", "condenses", "Use": an adjective or verb the parser took for the subject
        return self._node(clause.subject, src, None)

    def _node(self, phrase: Phrase, src: Source, unit: Unit | None) -> str | None:
        """The entity a phrase names, or a phrase node for it (a thing or an action, never a clause)."""
        if phrase.key:
            return phrase.key
        text = phrase.text.strip(" ,.;:-")
        ws = text.split()
        if not ws or len(ws) > MAX_PHRASE_WORDS or text.lower() in GENERIC_ACTORS | PRONOUNS or \
                (ws[0].lower() in PRONOUNS and len(ws) <= 2):
            return None
        if text.lower().rstrip(".") in ("etc", "e.g", "i.e", "eg") or (len(ws) > MAX_PHRASE_WORDS - 2 and \
                not phrase.verbal):
            return None
        if re.fullmatch(r"[\W\d_]+", text) or (len(ws) == 1 and self.eng.is_dictionary_word(text) and
                                               text.lower() in _stop_words()):
            return None
        toks = self._tokens(phrase)
        if len(toks) == 1 and toks[0].tag_ in POINTING_TAGS:
            return None  # "whichever is greater", "those": a word that points, no thing
        key = self.names.key_of(text)
        if re.match(r"(?i)(?:an)?other\s", text):
            key = f"other {key}"  # "any other task" is no "tasks": the ones not named stay apart
        if key in self.names.entities and not self.names.entities[key].concept:
            key = f"~{key}"  # words that sound like a name the text did not mean ("transfer the app")
        ent = self.names.add(text, 0, src, "Capability" if phrase.verbal else None, concept=True, key=key)
        if ent is not None and phrase.kind_of is not None and phrase.kind_of != ent.key:
            self._kinds.setdefault(ent.key, (phrase.kind_of, src))
        return ent.key if ent else None

    def _limited(self, doc: Any, head: int, clauses: list[Clause], ctx: Context, keys: dict[int, str],
                 resolve: Any) -> str | None:
        """The thing a limit is of: the subject of the clause the amount sits in, else what the text is about."""
        tok = doc[head]
        for _ in range(6):
            if tok.pos_ in ("VERB", "AUX"):
                break
            if tok.head.i == tok.i:
                break
            tok = tok.head
        for clause in clauses:
            if clause.verb == tok.i and clause.subject is not None:
                key = clause.subject.key or resolve(clause.subject.text)
                if key:
                    return str(key)
                break  # "trigger log archived 7 days": the plan above is limited, the phrase says in what
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        if not clauses and root is not None and root.i in keys and root.i < head and \
                root.pos_ in ("NOUN", "PROPN"):
            return keys[root.i]  # "the Bulk API in batches of up to 150,000 records": the name the text is
        return ctx.subject

    def _heading_counted(self, tok: Any, unit: Unit, subject: str,
                         resolve: Callable[[str], str | None]) -> tuple[str, str | None] | None:
        """"### Daily API requests" > "**Developer Edition** - 15,000 requests": the heading whose head noun is
        the counted noun says what is counted; the edition is what the amount holds for."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.like_num or not unit.block.section:
            return None
        heading = unit.block.section[-1]
        words = self.eng.name_tokens(heading)
        if len(words) < 2 or words[-1] != self.eng.singular(tok.lower_):
            return None
        key = resolve(heading)
        return heading, (key if key is not None and key != subject else None)

    def _heading_measure(self, unit: Unit, subject: str, out: Extraction) -> str:
        """The heading over a thing's amount when it is no name ("Heroku Postgres"), no owner of the thing, and
        names no class, relation or list of limits ("Dyno types", "Plans", "Governor limits")."""
        if not unit.block.section:
            return ""
        heading = unit.block.section[-1]
        words = heading.split()
        noun = self.eng.singular(words[-1].lower()) if words else ""
        if not 1 <= len(words) <= 4 or (len(words) > 1 and _title_case(words)) or \
                not noun.isalpha() or not self.eng.in_class(noun, "noun") or \
                noun in self.props.head_nouns or self._names_limits(heading) or \
                self.props.section_property_of(words, self.eng.singular):
            return ""
        form = self.eng.name_tokens(heading)
        key = self.names.resolve(form, (), unit.block.file) if form else None
        if key == subject or (key is not None and any(
                f.subject == key and f.obj == subject for f in out.facts)):
            return ""  # the heading names the thing or what holds it
        return heading

    def _one_thing(self, key: str, out: Extraction) -> bool:
        """A named thing that is no measure itself: "Enterprise Edition", not "long-running requests"."""
        ent = out.entities.get(key)
        words = ent.label.split() if ent is not None else []
        if ent is None or ent.concept or not words or \
                (words[-1].islower() and self.eng.singular(words[-1]) != words[-1]):
            return False
        # a name: one word ("Premium", "standard-0") or every word capitalized ("Enterprise Edition")
        return len(words) == 1 or _title_case(words)

    def _term_measured(self, unit: Unit, amount_unit: str) -> str | None:
        """The thing a term measures when the term names the amount's own unit ("Queue connections - 2
        connections per consumer", "Postgres connections - 1 connection per mapping"): the thing above."""
        if unit.kind != "term" or len(unit.context.owners) < 2:
            return None
        term = self.names.entities.get(unit.context.subject or "")
        head = term.label.split()[-1].lower() if term and term.label.split() else ""
        counted = amount_unit.split(" per ")[0].split()[-1] if amount_unit else ""
        if not head or self.eng.singular(head) != counted:
            return None
        return unit.context.owners[1]

    def _measure(self, doc: Any, q: Quantity, clauses: list[Clause], subject: str, src: Source) -> str | None:
        """The thing an amount measures when it is not the limited thing itself: "total callout time per
        transaction max 120 seconds" (the phrase before the number), "platform event triggers are ... up
        to 2,000" (the clause's own subject). A "per X" that ends the phrase moves into the amount's unit."""
        first = next((t for t in doc if t.idx >= q.start), None)
        if first is None:
            return None
        for clause in clauses:
            if self._unit_kind == "term" and clause.subject is not None and \
                    clause.subject.start <= self._first_word:
                continue  # "**Collaborator** - external heroku user granted ...": what the term is, no measure
            if clause.subject is not None and clause.subject.key is None and clause.subject.end <= first.i and \
                    doc[clause.verb].i < first.i + 8:
                key = self._node(clause.subject, src, None)
                return key if key != subject else None
        lead = list(doc[self._first_word:first.i])
        cut = max((i for i, t in enumerate(lead) if t.is_punct), default=-1)
        lead = lead[cut + 1:]
        bounds = (*BOUND_KINDS, "up", "to")
        while lead and (lead[-1].pos_ in ("ADP", "ADV", "PART") or lead[-1].lower_ in bounds):
            lead = lead[:-1]
        while lead and lead[0].lower_ in bounds:
            lead = lead[1:]  # "max compressed slug size 1 GB": the bound is the kind, the rest the measure
        per = next((i for i, t in enumerate(lead) if t.lower_ == "per" and 0 < i < len(lead) - 1), None)
        if per is not None and all(t.pos_ in ("NOUN", "PROPN") for t in lead[per + 1:]) and \
                " per " not in f" {q.unit} ":
            # "total callout time per transaction max 120 seconds": the time is measured, per transaction
            q.unit = f"{q.unit} per {_join_tokens(lead[per + 1:]).lower()}"
            lead = lead[:per]
        if 2 <= len(lead) <= 5 and all(t.pos_ in ("NOUN", "PROPN", "ADJ", "ADP") or t.dep_ == "amod" for t in lead) \
                and lead[-1].pos_ in ("NOUN", "PROPN"):
            key = self._node(Phrase(_join_tokens(lead), lead[-1].i, None, start=lead[0].i, end=lead[-1].i + 1),
                             src, None)
            return key if key != subject else None
        return None

    @staticmethod
    def _what(doc: Any, head: int | None, start: int, since: int = 0) -> str:
        """What the limit is of, in the notes' words: the words before the number in its clause
        ("min polling interval", "trigger log archived", "can return up to") and the counted noun."""
        tok = doc[head] if head is not None else None
        first = next((t for t in doc if t.idx >= start), doc[len(doc) - 1])
        held = _held_for(doc, first)
        if held and doc[held[0]].idx >= since:
            return " ".join(doc[i].text for i in held)  # "high-volume events retained on the bus for 72 hrs"
        lead = [t for t in doc[max(0, first.i - 5):first.i] if t.idx >= since]
        # "2,000 in Unlimited, 1,000 in ...": the words of the amount before are not this one's
        cut = max((i for i, t in enumerate(lead) if t.text in (",", ";", ":", "/", "=") or t.like_num or
                   (t.text == "(" and i < len(lead) - 1) or
                   (t.text in ("-", "–") and t.whitespace_ and t.i > 0 and doc[t.i - 1].whitespace_)), default=-1)
        # "max 256": "max" is the bound, nothing counted; "3 weeks": a unit of measure says no thing
        counted = [tok.text] if tok is not None and tok.pos_ in ("NOUN", "PROPN") and not tok.like_num and \
            tok.lower_ not in BOUND_WORDS and UNIT_SYNONYMS.get(tok.lower_, tok.lower_) not in UNITS else []
        lead = [t for t in lead[cut + 1:] if not t.is_punct and t.pos_ != "CCONJ" and t.lower_ != "it" and
                t.text != "$"]
        lead = _without_bound(lead)  # "in batches of up to": the bound is the limit's kind, not what it is of
        while lead and (lead[0].pos_ == "DET" or (lead[0].pos_ == "ADP" and len(lead) > 1 and
                                                  lead[1].pos_ == "DET")):
            lead = lead[1:]  # "for a 1,000 hr pool": the pool
        if not any(t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ") for t in lead):
            lead = []  # "SIGTERM, then 30 seconds later", "only 1 day": a word that says how, not of what
        return " ".join([t.text for t in lead] + counted).strip()

    def _table_amount(self, subject: str, cell: str, header: str, src: Source, out: Extraction,
                      names_header: str = "") -> None:
        m = re.match(r"^\$?([\d,.]+(?:\s*[kKmM](?![A-Za-z]))?)\s*([A-Za-z%]*)$", cell.strip())
        if not m:
            return
        value = parse_value(m.group(1).replace(" ", ""))
        if value is None:
            return
        unit = UNIT_SYNONYMS.get(m.group(2).lower(), m.group(2).lower()) or "count"
        if cell.strip().startswith("$"):
            unit = "usd"
        # | Limit | Synchronous | ...: a table of limits holds maxima
        kind = "Maximum" if self._names_limits(names_header, last=1) else "Exact"
        q = Quantity(0, len(cell), cell.strip(), value, None, None, unit, kind)
        out.limits.append(LimitFact(subject, q, header, src, "table", 0.8))

    def _drop_unused_concepts(self, out: Extraction) -> None:
        """Phrase nodes live only as objects of facts; a phrase never used stays out of the graph."""
        used = out.used_keys()
        for key in [k for k, e in out.entities.items() if e.concept and k not in used]:
            del out.entities[key]


    def _settle_classes(self, out: Extraction) -> None:
        """One class per entity: the one its context gave (a list of plans, a table of privileges), else
        the class its own head noun names ("Private Spaces" -> Space)."""
        for key, ent in out.entities.items():
            if ent.concept and not ent.classes:
                continue
            if not ent.classes:
                words = key.split()
                # the head noun stands before what qualifies it: "apps per account" are apps, no account
                words = words[:next((i for i, w in enumerate(words) if i and w in _QUALIFYING_PREPS), len(words))]
                # a head noun of two words first: "Okta identity provider", not any "provider"
                head = next((h for h in (" ".join(words[-2:]), words[-1] if words else "")
                             if h in self.props.head_nouns), "")
                cls = self.props.head_nouns.get(head)
                if len(words) > 2 and words[0].endswith("ing") and self.eng.in_class(lemma_of(words[0]), "verb"):
                    cls = None  # "Managing Enterprise Teams": doing something to teams ("Streaming API" is an API)
                if len(words) > 1 and self.eng.in_class(words[0], "verb") and not self.eng.in_class(words[0], "noun") \
                        and not self.eng.in_class(words[0], "adj") and lemma_of(words[0]) == words[0]:
                    cls = None  # "Create Shield Private Space": how to make a space, no space
                if cls and key != head:  # "Plans" alone names the class, no plan
                    ent.classes.add(cls)
            if len(ent.classes) > 1:
                ent.classes = {self._strongest(ent.classes)}

    def _strongest(self, classes: set[str]) -> str:
        order = ["CliCommand", "CliOption", "Plan", "DynoType", "Role", "Privilege", "Topic", "Capability"]
        ranked = sorted(classes, key=lambda c: (order.index(c) if c in order else len(order), c))
        return ranked[0]


_QUALIFYING_PREPS = frozenset({"per", "of", "for", "with", "in", "on", "to", "from", "as"})


def _unlabelled(members: list[Phrase], doc: Any, keys: dict[int, str]) -> tuple[list[Phrase], str]:
    """"header fields `entityName`, `changeType`, ...": words before a list of names say what the names are,
    no member of their own nor part of the first name. Returns the members and those words."""
    if len(members) < 3 or members[0].key is not None or not all(m.key for m in members[1:]):
        return members, ""
    first, last = members[0], members[0].end - 1
    if first.end - first.start > 1 and last in keys:
        label = doc[first.start:last].text
        return [Phrase(doc[last].text, last, keys[last], start=last, end=last + 1), *members[1:]], label
    if not any(t.text in (",", ";", "and", "or") for t in doc[first.end:members[1].start]):
        return members[1:], first.text  # "ticket fields" parsed apart from `seatNo`
    return members, ""


def _fronted_purpose(verb: Any, deps: tuple[str, ...], before: int | None = None) -> Any:
    """"To create X, ...": the "to" clause of a verb that comes before it (or before `before`)."""
    end = verb.i if before is None else before
    return next((c for c in verb.children if c.dep_ in deps and c.i < end and
                 any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)


def _word_uses(docs: list[Any]) -> dict[str, tuple[int, int]]:
    """How often each lemma of the notes is a noun, of all its uses as a noun or a verb."""
    nouns: Counter[str] = Counter()
    uses: Counter[str] = Counter()
    for doc in docs:
        for t in doc:
            if t.pos_ in ("NOUN", "PROPN", "VERB"):
                lemma = t.lemma_.lower()
                uses[lemma] += 1
                nouns[lemma] += t.pos_ != "VERB"
    return {w: (nouns[w], n) for w, n in uses.items()}


def _without_bound(toks: list[Any]) -> list[Any]:
    """The words without the bound they end with ("can return up to" -> "can return")."""
    text = " ".join(t.lower_ for t in toks)
    bound = next((b for b in BOUND_WORDS if b not in PREPOSITIONS
                  if text == b or text.endswith(" " + b)), None)  # "time out after": "after" is the verb's
    return toks[:len(toks) - len(bound.split())] if bound else toks


def _hold_under(condition: str, out: Extraction, made: tuple[int, int]) -> None:
    """The facts and limits a text under "For X, Y uses:" gave hold under "For X" (unless under their own)."""
    if not condition:
        return
    out.facts[made[0]:] = [f if f.condition else replace(f, condition=condition) for f in out.facts[made[0]:]]
    out.limits[made[1]:] = [x if x.condition else replace(x, condition=condition) for x in out.limits[made[1]:]]


def _amount_condition(doc: Any, head: int, named: set[int], end: int | None = None) -> str:
    """"5 selected entities without an add-on license", "30 requests per minute for unauthenticated users":
    the counted noun's own prepositions (other than its unit's "per" and an "of") say when the amount holds.
    One naming a plan or edition is the amount's scope, read apart."""
    tok = doc[head]
    if tok.pos_ not in ("NOUN", "PROPN", "NUM"):  # a bare count ("25 in production orgs") heads its words
        return ""
    parts = []
    after = next((t for t in doc if t.idx >= end), None) if end is not None else None
    # "only 1 day without the add-on": a preposition right after the amount, whatever word the parser hung it on
    preps = [*tok.children, *([after] if after is not None and after.dep_ == "prep" and after.head.i != tok.i else [])]
    for c in preps:
        if c.dep_ != "prep" or c.i < tok.i or c.lower_ in ("per", "of", "at", "up") or \
                (c.lower_ == "in" and not _in_place(c)):
            continue
        sub = sorted((t for t in c.subtree if t.i >= c.i), key=lambda t: t.i)
        aside = next((i for i, t in enumerate(sub) if t.text == "("), len(sub))
        sub = sub[:aside]  # "(e.g. contractor)": an aside, no condition
        if any(t.like_num for t in sub) or any(t.i in named for t in sub):
            continue  # another amount, or a name the amount holds in
        parts.append(_join_tokens(sub))
    return "; ".join(parts)


def _title_case(words: list[str]) -> bool:
    """"Enterprise Edition", "Heroku Key-Value Store": every word capitalized, as a name is written."""
    return all(w[:1].isupper() for w in words)


def _in_place(prep: Any) -> bool:
    """"25 at once in production orgs", "18 months in the UI": an "in" of a name, a plural or a determined
    noun says where the amount holds; "in size" says what it measures."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.pos_ == "PROPN" or (obj.pos_ == "NOUN" and (
        obj.tag_ == "NNS" or any(c.dep_ == "det" for c in obj.children))))


def _join_tokens(toks: list[Any]) -> str:
    return "".join(t.text + t.whitespace_ for t in toks).strip()


def _commanded(tok: Any) -> bool:
    """An object of a verb that may command ("Create Spaces"); a participle's ("injected env vars") is a noun's."""
    return bool(tok.dep_ == "dobj" and tok.head.tag_ not in ("VBN", "VBD"))


def _noun_phrase(doc: Any) -> bool:
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    return root is not None and root.pos_ in ("NOUN", "PROPN") and not any(
        t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound") for t in doc)


POINTING_TAGS = frozenset({"WDT", "WP", "WP$", "PRP", "PRP$", "DT", "EX"})  # Penn tags of pronouns, determiners


def _wording(clause: Clause, prep: str) -> str:
    parts = [clause.modal, "not" if clause.negated else "", "only" if clause.only else "", clause.lemma, prep]
    return " ".join(p for p in parts if p)


def _confidence(how: str, score: float) -> float:
    return {"cue": 0.8, "similar": round(0.5 + 0.3 * score, 2), "verb": 0.6}.get(how, 0.5)


def extract(notes: list[Note], model: str = DEFAULT_MODEL, cache_dir: Path | None = None) -> Extraction:
    extractor = Extractor.create(model, cache_dir)
    ex = extractor.run(notes)
    extractor.parser.save()
    ex.warnings.extend(w for n in notes for w in n.warnings)
    ex.warnings.extend(silent_lines(notes, ex))
    return ex


def silent_lines(notes: list[Note], out: Extraction) -> list[str]:
    """Lines with words that yielded no fact, limit or literal: worth a look."""
    used = {(f.source.file, f.source.line) for f in out.facts}
    used |= {(x.source.file, x.source.line) for x in out.limits}
    used |= {(x.source.file, x.source.line) for x in out.literals}
    return [f"{b.file}:{b.line}: nothing extracted from {b.text[:60]!r}" for n in notes for b in n.blocks
            if (b.file, b.line) not in used and b.kind not in ("code", "heading", "header") and len(b.text.split()) > 2]


__all__ = ["Extractor", "LiteralFact", "extract"]
