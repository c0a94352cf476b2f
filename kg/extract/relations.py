"""Facts from blocks: the markdown structure (section subjects, list intros, terms, table rows). The
wording of each clause is kg.extract.wording's part."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.clauses import (
    find_verb,
    split_list,
)
from kg.extract.entities import (
    EntityIndex,
    aspect_heading,
    command_name,
    command_variant,
    is_aspect,
    leading_term,
    split_heading,
)
from kg.extract.lexicon import (
    AUXILIARIES,
    DETERMINERS,
    NEGATIONS,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    is_adjective,
    is_common_word,
    is_negation,
    is_noun,
    is_verb,
    is_verb_form,
    key_tokens,
    lemma_tokens,
)
from kg.extract.model import Extraction, LimitFact
from kg.extract.quantities import find_quantities
from kg.extract.spacy_light import Doc, Language
from kg.extract.vocab import Vocabulary, match_cue
from kg.extract.wording import WordingReader
from kg.notes import Block, Note

MAX_LIST_ITEM_WORDS = 3
CONDITION_HEADER = re.compile(r"^(.*\S)\s+(?:when|if|whenever)\s*:?$", re.I)


def noun_list(text: str) -> list[str]:
    """"quota, total, RSS, swap" -> the items, when the text is only a list of short noun phrases."""
    if re.search(r"[\d()\[\]:;.!?]", text.strip().rstrip(".")):
        return []
    parts = split_list(text)
    if len(parts) < 2:
        return []
    closed = AUXILIARIES | NEGATIONS | PREPOSITIONS | PRONOUNS | RELATIVES | DETERMINERS
    if len(parts[0].split()) > 1 and is_verb(parts[0].split()[0]):
        return []  # "view builds, queues, ...": what a role may do, not what it holds
    for part in parts:
        words = part.split()
        if not 1 <= len(words) <= MAX_LIST_ITEM_WORDS or any(w.lower() in closed for w in words):
            return []
        # "delayed" alone is an adjective in a list; "requires Kafka knowledge" is a clause
        if len(words) > 1 and (is_verb_form(words[0]) or (is_verb(words[0]) and not is_noun(words[0]))):
            return []
    if all(len(p.split()) == 1 and not is_noun(p) and (is_adjective(p) or is_verb_form(p) or "-" in p)
           for p in parts):
        return []  # "isolated, geo-diverse": what it is like, not what it holds
    return parts


UNIT_HEADS = {"connection", "row", "record", "request", "byte", "minute", "second", "hour", "day",
              "credit", "dyno", "message", "batch", "change", "interval", "limit", "size", "timeout"}
MAX_MEMBER_WORDS = 12
@dataclass
class Context:
    subject: str | None
    prop: str | None = None  # property that items below take (from a heading or intro cue)
    cls: str | None = None
    text: str = ""  # the heading or intro the items hang from ("Four levels"), kept as their wording


# list relations whose items are whole sentences, whatever they start with ("Pros:", "Use when:")
SENTENCE_LISTS = {"advantage", "disadvantage", "usedWhen", "usedFor", "recommendedFor", "factor"}


class RelationExtractor(WordingReader):
    """Facts from the markdown structure: a heading's subject for what is below it, list intros, terms
    ("**X** - ..."), table rows through their column headers; the wording of each text goes to
    WordingReader."""

    def __init__(self, nlp: Language, index: EntityIndex, vocab: Vocabulary) -> None:
        super().__init__(nlp, index, vocab)
        self.section_subject: dict[tuple[str, ...], Context] = {}
        self.item_context: dict[int, Context] = {}
        self.intro: Context | None = None
        self.renames: dict[str, str] = {}

    # ------------------------------------------------------------ entry
    def run(self, notes: list[Note]) -> Extraction:
        for note in notes:
            for block in note.blocks:
                self.block(block)
        self.apply_renames()
        return self.out

    def name_plan(self, plan: str, product: str) -> None:
        """A plan listed under a product gets the product's names: "shield" of Heroku Connect is also
        "shield plan", "Heroku Connect shield plan" and, when the notes use it, "Shield Heroku Connect"."""
        ents = self.index.entities
        if plan not in ents or product not in ents:
            return
        p, x = ents[plan], ents[product]
        p.aliases |= {f"{p.label} plan", f"{x.label} {p.label} plan", f"{x.label} {p.label}"}
        p.classes.add("Plan")
        for name in (f"{p.label} {x.label}", f"{p.label} {self.index.key_of(x.label)}"):
            other = self.index.key_of(name)
            if other in ents and other != plan:
                self.renames[other] = plan

    def apply_renames(self) -> None:
        for old, new in self.renames.items():
            if old in self.index.entities and new in self.index.entities:
                self.index.merge(old, new)
        if not self.renames:
            return
        r = self.renames
        for f in self.out.facts:
            f.subject, f.obj = r.get(f.subject, f.subject), r.get(f.obj, f.obj)
        for lim in self.out.limits:
            lim.subject = r.get(lim.subject, lim.subject)
        for lit in self.out.literals:
            lit.subject = r.get(lit.subject, lit.subject)
        self.out.facts = [f for f in self.out.facts if f.subject != f.obj]

    def block(self, block: Block) -> None:
        handler = {"heading": self.heading, "item": self.item, "para": self.para, "row": self.row,
                   "code": self.code}.get(block.kind)
        if handler:
            handler(block)

    # ------------------------------------------------------------ structure
    def heading(self, block: Block) -> None:
        parent = self.section_subject.get(block.section, Context(None))
        path = (*block.section, block.text)
        ctx = Context(parent.subject)
        names = list(split_heading(block.text))
        keys = [self.index.key_of(n) for n in names]
        own = [k for k in keys if k in self.index.entities]
        kind = re.match(r"^([^:]+):\s+\S", block.text)
        if kind and len(own) > 1 and all(is_common_word(w) for w in re.findall(r"[A-Za-z]+", kind.group(1))):
            own = own[1:] + own[:1]  # "Reference Architecture: Event-Driven Microservices ...": the name is second
        toks = key_tokens(block.text)
        if own:
            ctx.subject = own[0]
            for k in own:
                if parent.subject and parent.subject != k:
                    self.fact(parent.subject, parent.prop or "includes", k, block)
        else:
            doc = self.doc(block.text)
            mentioned = [s._.entity_key for s in doc.spans["kg_entities"]]
            if mentioned:
                ctx.subject = mentioned[0]
        ctx.prop = match_cue(lemma_tokens(block.text), self.vocab.section_cues)
        if (is_aspect(toks, self.vocab) or aspect_heading(block.text, self.vocab)) and not own:
            ctx.subject = self._mentioned_in(block.text) or parent.subject
        ctx.cls = self._class_in(block.text)
        ctx.text = block.text
        self.section_subject[path] = ctx
        self.intro = None

    def context_for(self, block: Block) -> Context:
        if block.parent is not None and id(block.parent) in self.item_context:
            return self.item_context[id(block.parent)]
        if self.intro is not None and block.kind == "item":
            return self.intro
        return self.section_subject.get(block.section, Context(None))

    def para(self, block: Block) -> None:
        ctx = self.context_for(block)
        if block.parent is not None:
            self.item(block)
            return
        term = leading_term(block)
        if term and command_name(term):
            self.term(block, term, ctx)
            return
        doc = self.doc(block.text)
        is_intro = bool(re.search(r":\s*(\([^)]*\))?\s*$", block.text)) or self._bold_heading(block)
        subject = self.intro_subject(doc) if is_intro else None
        if is_intro:
            prop = match_cue(lemma_tokens(block.text), self.vocab.section_cues) or \
                match_cue(lemma_tokens(block.text), self.vocab.cues)
            self.intro = Context(subject or ctx.subject, prop, self._class_in(block.text), block.text)
        else:
            self.intro = None
        self.clauses(doc, ctx.subject, block)

    def item(self, block: Block) -> None:
        ctx = self.context_for(block)
        term = leading_term(block)
        own = Context(ctx.subject, None, None)
        if term:
            own.subject = self.term(block, term, ctx) or ctx.subject
        else:
            doc = self.doc(block.text)
            whole = self.whole_name(doc, block)
            if whole is not None:
                self.list_item(whole, block, ctx)
                own.subject = whole
            else:
                self.clauses(doc, ctx.subject, block, link_prop=ctx.prop, ctx_text=ctx.text)
                self.member(block, ctx, doc)
                self.leading_name(block, ctx)
        if not term:
            self.command_purpose(block)
        own.text = block.text
        own.prop = match_cue(lemma_tokens(block.text), self.vocab.section_cues) if not term else None
        own.cls = self._class_in(block.text)
        if not term and own.prop and ctx.subject:
            own.subject = ctx.subject  # "Plans", "Types": an aspect of the subject above
        header = CONDITION_HEADER.match(block.text.strip())
        if not term and header and block.children:
            # "auto uses bulk when" + items: the items are the conditions for what it names last
            chosen = self.condition_subject(header.group(1), block)
            if chosen:
                own.subject, own.prop = chosen, "usedWhen"
        self.item_context[id(block)] = own

    def command_purpose(self, block: Block) -> None:
        """"check releases via `heroku releases`": the words before a command that ends the line say what
        it does."""
        code = [s for s in block.spans if s.kind == "code" and command_name(block.span_text(s).strip("$ "))]
        if len(code) != 1 or block.text[code[0].end:].strip(" .`"):
            return
        raw = block.span_text(code[0]).strip("$ ")
        before = re.sub(r"\s*(?:via|with|using|by running|by|run|use|:|-|–)?\s*$", "",
                        block.text[:code[0].start].strip(" `*_"), flags=re.I)
        words = before.split()
        if not 1 <= len(words) <= 8 or any(c in before for c in "`:;"):
            return
        key = self.index.key_of(command_variant(raw) or raw, keep_brand=True)
        if key not in self.index.entities:
            key = self.index.key_of(command_name(raw) or raw, keep_brand=True)
        if key in self.index.entities:
            self.literal(key, "purpose", before, block)

    def condition_subject(self, text: str, block: Block) -> str | None:
        """What a condition header names: its last entity when it ends the text ("auto uses SOAP"),
        else the words after its verb ("auto uses bulk" -> bulk), else the whole phrase."""
        doc = self.doc(text)
        spans = doc.spans["kg_entities"]
        if spans and spans[-1].end == len(doc):
            return str(spans[-1]._.entity_key)
        words = text.split()
        verbs = [i for i, w in enumerate(words[:-1]) if is_verb(w)]
        if verbs:
            return self.concept(" ".join(words[verbs[-1] + 1:]), block)
        return self.concept(text, block)

    def list_item(self, key: str, block: Block, ctx: Context) -> None:
        """A name listed under what the list hangs from: one of its parts (or of the relation it names)."""
        if ctx.subject and key != ctx.subject:
            self.fact(ctx.subject, ctx.prop or "includes", key, block, wording=ctx.text)
            self.type_from(key, ctx)

    def member(self, block: Block, ctx: Context, doc: Doc) -> None:
        """A short bullet is also a member of what it hangs from: "Pros" -> "Services scale easily"."""
        text = block.text.strip().rstrip(".;:")
        if not ctx.subject or block.kind != "item" or not 2 <= len(text.split()) <= MAX_MEMBER_WORDS:
            return
        if ctx.prop not in SENTENCE_LISTS and self._about_another(doc, len(block.text), ctx.subject):
            return
        key = self.concept(text, block)
        if key and key != ctx.subject:
            self.fact(ctx.subject, ctx.prop or "includes", key, block, wording=ctx.text)

    def leading_name(self, block: Block, ctx: Context) -> None:
        """"shield postgres plans, store regulated data ...": a name before the first comma is an item of
        the list like the bare names beside it ("shield Kafka plans")."""
        head = block.text.split(",", 1)[0]
        if not ctx.subject or head == block.text or len(head.split()) > 5:
            return
        key = self.whole_name(self.doc(head), block, head)
        if key:
            self.list_item(key, block, ctx)

    def _about_another(self, doc: Doc, length: int, subject: str) -> bool:
        """"Eco not available with Heroku Enterprise" under "Professional dynos:" is a sentence about Eco,
        not one of the things professional dynos have (a "Pros:" list keeps such sentences)."""
        units = self.units(doc, 0, length)
        if not units or units[0].kind != "ENT" or units[0].key == subject:
            return False
        rest = units[1:]
        return find_verb(rest) is not None or any(is_negation(u.low) for u in rest)

    def term(self, block: Block, term: str, ctx: Context) -> str | None:
        cmd = command_name(term)
        key = self.ensure(command_variant(term) or term if cmd else term, block, cls="CliCommand" if cmd else None)
        rest = block.text[block.text.find(term.split()[-1]) + len(term.split()[-1]):] if term in block.text else ""
        rest = re.sub(r"^[\s*_`:–-]+", "", rest)
        if key is None:
            return None
        # "Postgres connections - 1 connection per mapping": the term names what the number measures
        measure = key.split()[-1] in UNIT_HEADS and bool(re.match(r"\s*(\d|one|two|three|up to|at most)", rest))
        if cmd:
            base = self.index.key_of(cmd, keep_brand=True)
            if base != key and base in self.index.entities:
                self.fact(key, "variantOf", base, block)
            for flag in re.findall(r"(?<!\S)(--?[a-z][\w-]*)", block.text):
                opt = self.ensure(flag, block, cls="CliOption")
                if opt:
                    self.fact(base if base in self.index.entities else key, "hasOption", opt, block)
            if ctx.subject:
                self.fact(key, "commandFor", ctx.subject, block)
            bold = [block.span_text(s) for s in block.spans if s.kind == "bold"]
            first = rest.split()[0].lower() if rest.split() else ""
            if first in AUXILIARIES or first in NEGATIONS:
                self.clauses(self.doc(rest), key, block, context=ctx.subject)
            elif rest:
                self.literal(key, "purpose", rest.strip(), block)
                for q in find_quantities(rest):
                    self.out.limits.append(LimitFact(key, q, rest.strip(), self.src(block)))
            elif bold:
                self.literal(key, "purpose", bold[0], block)
            return key
        if ctx.subject and ctx.subject != key and not measure:
            self.fact(ctx.subject, ctx.prop or "includes", key, block, wording=ctx.text)
            self.type_from(key, ctx)
        members = [] if measure else noun_list(rest)
        for member in members:  # "**memory usage** - quota, total, RSS, swap": the kinds or parts of the term
            part = self.concept(member, block)
            if part and part != key:
                self.fact(key, "includes", part, block, wording=rest.strip())
        if rest:
            if not measure:
                self.literal(key, "description", rest.strip(), block)
            if members:
                return key
            if not measure:
                self.kind_of(key, rest, block)
            doc = self.doc(rest)
            self.clauses(doc, ctx.subject if measure else key, block, measure=term if measure else None,
                         context=ctx.subject, fixed=not measure)
        return None if measure else key

    def kind_of(self, key: str, rest: str, block: Block) -> None:
        """"Keystroke Logging - Shield private space feature": a feature (a class's head noun) of the thing
        named before it."""
        first = re.split(r"\s+[-–]\s+|[.;,(]", rest.strip(), maxsplit=1)[0].strip()
        words = first.split()
        if len(words) < 2:
            return
        cls = self.vocab.head_nouns.get(" ".join(key_tokens(words[-1])))
        doc = self.doc(" ".join(words[:-1]))
        spans = doc.spans["kg_entities"]
        if cls is None or len(spans) != 1 or spans[0].start != 0 or spans[0].end != len(doc):
            return
        owner = str(spans[0]._.entity_key)
        if owner != key:
            self.index.entities[key].classes.add(cls)
            self.fact(key, "featureOf" if cls in ("Feature", "Capability") else "partOf", owner, block,
                      wording=first)

    def row(self, block: Block) -> None:
        if not block.cells:
            return
        ctx = self.section_subject.get(block.section, Context(None))
        subject = self.index.key_of(block.cells[0])
        if subject not in self.index.entities:
            doc = self.doc(block.cells[0])
            subject = self.first_entity(doc) or ""
            if not subject:
                return
        elif ctx.subject and ctx.subject != subject:
            self.fact(ctx.subject, "includes", subject, block)
        for i in range(1, len(block.cells)):
            header = block.header[i] if i < len(block.header) else ""
            cell = block.cells[i]
            prop = match_cue(lemma_tokens(header), self.vocab.section_cues)
            if prop is None:
                if "description" in header.lower() or "definition" in header.lower():
                    self.literal(subject, "description", cell, block)
                self.clauses(self.doc(cell), subject, block)
                continue
            for part in split_list(cell):
                self.object_phrase(subject, prop, part, block, cls="Capability" if prop == "grants" else None)
            spans = block.cell_spans[i] if i < len(block.cell_spans) else []
            for span in spans:
                if span.kind == "bold":
                    self.object_phrase(subject, prop, cell[span.start:span.end], block)

    def code(self, block: Block) -> None:
        ctx = self.section_subject.get(block.section, Context(None))
        for line in block.text.splitlines():
            cmd = command_name(line.strip())
            if cmd and ctx.subject:
                key = self.ensure(cmd, block, cls="CliCommand")
                if key:
                    self.fact(key, "commandFor", ctx.subject, block)

    def _bold_heading(self, block: Block) -> bool:
        """A paragraph that is only a bold word or two ("**Pros**") heads the list after it."""
        return len(block.spans) == 1 and block.spans[0].kind == "bold" and block.spans[0].start == 0 and \
            block.spans[0].end >= len(block.text.rstrip(":")) and len(block.text.split()) <= 3

    def intro_subject(self, doc: Doc) -> str | None:
        """"For changes written to Salesforce, Heroku Connect uses:" -> the entity before the last verb."""
        units = self.units(doc, 0, len(doc.text))
        verbs = [i for i, u in enumerate(units) if u.kind == "W" and (is_verb_form(u.low) or u.low in AUXILIARIES)]
        if verbs:
            before = [i for i, u in enumerate(units[:verbs[-1]]) if u.kind == "ENT"]
            if before:
                i = before[-1]
                if i > 0 and units[i - 1].low in ("each", "every"):
                    return None  # "Each app represents a CI stage:" lists the stages of what the section is about
                return units[i].key
        return self.first_entity(doc)

    def type_from(self, key: str, ctx: Context) -> None:
        if ctx.cls and key in self.index.entities:
            self.index.entities[key].classes.add(ctx.cls)
        if ctx.prop == "hasPlan" and ctx.subject:
            self.name_plan(key, ctx.subject)

    def _mentioned_in(self, text: str) -> str | None:
        words = text.split()
        return self.first_entity(self.doc(" ".join(words[1:]))) if len(words) > 1 else None

    def _class_in(self, text: str) -> str | None:
        """The class a heading or intro names by its head noun: "Metrics captured for all dynos" names
        metrics (the words before the first verb or preposition), "Shield Private Spaces" names spaces."""
        words = text.split()
        cut = next((i for i, w in enumerate(words)
                    if i and (is_verb_form(w.strip("*_,:")) or w.lower() in PREPOSITIONS)), len(words))
        text = " ".join(words[:cut])
        for t in reversed(key_tokens(text)):
            if t in self.vocab.head_nouns:
                return self.vocab.head_nouns[t]
        return None
