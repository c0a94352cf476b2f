"""The markdown layer: what each block is about and what its structure states.

A heading that names a thing is the subject of what lies below it; a heading, list intro or bold word
that names a relation ("Plans", "Pros", "Use when:", "Heroku Connect uses:") makes the items below its
objects; "**Term** - text" defines Term; a table row is about its first cell, each column header says what
the cell is (a description, a relation, an amount, a yes/no). Text that states something in words becomes
a Unit for the clause reader, with the thing it is about when it does not name it itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial

from kg.extract.amounts import BOUND_WORDS
from kg.extract.clauses import CONDITION_MARKS
from kg.extract.english import DETERMINERS, English, _stop_words, lemma_of, self_verb_form, words
from kg.extract.lexicon import PREPOSITIONS
from kg.extract.model import Fact, LiteralFact, Source
from kg.extract.names import (
    MAX_NAME_WORDS,
    NameIndex,
    acronym_pairs,
    command_of,
    command_variant,
    coordinated_terms,
    heading_name,
    leading_term,
    plural_of_kind,
    source_of,
    split_and,
)
from kg.extract.properties import PropertyVocabulary, plural_relation
from kg.extract.quantities import find_quantities
from kg.notes import Block, Note

YES = frozenset({"yes", "y", "true", "✓", "✔", "x", "supported", "available", "included"})
NO = frozenset({"no", "n", "false", "✗", "✘", "-", "—", "not supported", "not available", "n/a"})
DESCRIPTION_HEADERS = frozenset({"description", "definition", "meaning", "what it is", "details", "notes", "summary"})
_TRAILING_CONNECTIVE = re.compile(r"[\s,;]+(?:or|and)\s*$", re.I)  # "- the SOAP API ... OR": joins the items
_INTRO_END = re.compile(r":\s*(\([^)]*\))?\s*$")


# nouns that name a group of things of the kind the word before them names (generic English)
COLLECTIVE_NOUNS = frozenset({"set", "list", "group", "kind", "family", "collection", "range", "series"})


def fronted_condition(text: str) -> tuple[str, str]:
    """"For changes being written to Salesforce, Heroku Connect uses" -> the fronted phrase before the comma
    (a preposition or "when"/"if" leads it) and the rest, which says what the list below is."""
    m = re.match(r"^((\w+)\b[^,]{3,100}),\s+(\S.*)$", text)
    if m is None or m.group(2).lower() not in PREPOSITIONS | CONDITION_MARKS:
        return "", text
    return m.group(1), m.group(3)


@dataclass(frozen=True)
class Context:
    subject: str | None = None  # entity the text below is about
    relation: str | None = None  # property the items below take ("hasPlan")
    cls: str | None = None  # class of the items below
    owners: tuple[str, ...] = ()  # entities in scope, innermost first (plan names belong to them)
    wording: str = ""  # the heading or intro the items hang from
    topic: bool = False  # the subject is a section topic ("Monitoring"), not a name
    condition: str = ""  # "For changes read from Salesforce, X uses:": what the items below hold under


@dataclass
class Unit:
    """A text for the clause reader."""

    block: Block
    text: str
    context: Context
    kind: str  # sentence | item | term | cell
    fragment: bool = False  # may leave out its subject ("syncs Salesforce and Heroku Postgres")
    member: bool = False  # a list item: a bare noun list is a list of objects of the context's relation
    source: Source | None = None
    outer: str | None = None  # who a term's noun list belongs to when the term is a phrase


@dataclass
class Structure:
    facts: list[Fact] = field(default_factory=list)
    literals: list[LiteralFact] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    # subject, cell, its column's header, the header of the row names' column
    table_amounts: list[tuple[str, str, str, Source, str]] = field(default_factory=list)


class StructureReader:
    def __init__(self, index: NameIndex, props: PropertyVocabulary, eng: English) -> None:
        self.index, self.props, self.eng = index, props, eng
        self.out = Structure()
        self.sections: dict[tuple[str, ...], Context] = {}
        self._owners: dict[tuple[str, ...], str | None] = {}
        self._heading_keys: set[str | None] = set()
        self.children: dict[int, Context] = {}  # id(item block) -> context of its children
        self.intro: Context | None = None
        self.seen_heading: set[str] = set()
        self.columns: dict[tuple[str, ...], set[str]] = {}  # section -> the things its tables' yes/no columns name
        self.by_section: dict[tuple[str, tuple[str, ...]], list[Block]] = {}

    def read(self, notes: list[Note]) -> Structure:
        self._heading_keys = {self._heading_key(b.text) for n in notes for b in n.blocks
                              if b.kind == "heading"} - {None}
        for note in notes:
            self.note = note.file
            for block in note.blocks:
                self.plans_named(block)
                self.by_section.setdefault((block.file, block.section), []).append(block)
            self._sibling_plans(note)
        for note in notes:
            self.note = note.file
            self.intro = None
            for block in note.blocks:
                handler = {"heading": self.heading, "item": self.item, "para": self.para, "row": self.row,
                           "code": self.code}.get(block.kind)
                if handler is not None:
                    handler(block)
        return self.out

    # ------------------------------------------------------------ helpers
    def fact(self, s: str | None, p: str | None, o: str | None, block: Block, mechanism: str,
             confidence: float, wording: str = "", negated: bool = False, condition: str = "") -> None:
        if not s or not p or not o or s == o:
            return
        if not self.props.allows(p, self.index.entities[s].classes if s in self.index.entities else set()):
            return  # "Permissions" under a product: the product grants nothing
        if p in self.props.text_object:
            self.literal(s, p, self.index.entities[o].label if o in self.index.entities else o, block)
            return
        self.out.facts.append(Fact(s, p, o, source_of(block), negated, wording, mechanism, confidence, condition))

    def literal(self, s: str | None, p: str, value: str, block: Block) -> None:
        value = value.strip(" -–—:;,.")
        if s and value:
            self.out.literals.append(LiteralFact(s, p, value, source_of(block)))

    def lemmas(self, text: str) -> list[str]:
        return [self.eng.singular(w.lower()) for _, _, w in words(text)]

    def name_in(self, text: str, ctx: Context) -> str | None:
        """The entity a whole text names ("Heroku Connect", "`demo`"), in the context's scope."""
        form = self.eng.name_tokens(text)
        return self.index.resolve(form, ctx.owners, self.note) if form else None

    def first_name(self, text: str, ctx: Context, skip: set[str] | None = None) -> str | None:
        """The first entity mentioned in a text (longest match of names)."""
        for _, _, key in self.mentions(text, ctx):
            if not skip or key not in skip:
                return key
        return None

    def mentions(self, text: str, ctx: Context) -> list[tuple[int, int, str]]:
        return find_mentions(self.index, self.eng, text, ctx.owners, self.note)

    def class_of(self, text: str) -> str | None:
        """The class a text names by a head noun ("Four levels" -> Role, "IDPs with ..." -> IdentityProvider);
        an aside in parentheses says where, not what ("Topic defaults and limits (dedicated plans)")."""
        toks = self.lemmas(re.sub(r"\([^()]*\)", " ", text).strip() or text)
        cut = next((i for i, w in enumerate(toks) if i and w in ("with", "for", "of", "in", "to", "that", "captured",
                                                                 "gathered", "used")), len(toks))
        # the head noun decides ("Daily API requests" are requests, no APIs); a collective noun passes it on
        # to the word before ("Privilege Set": privileges)
        head = [w for w in toks[:cut] if w.isalnum()]
        while len(head) > 1 and head[-1] not in self.props.head_nouns and head[-1] in COLLECTIVE_NOUNS:
            head.pop()
        two = " ".join(head[-2:])  # a head noun of two words: "identity provider"
        return self.props.head_nouns.get(two) or self.props.head_nouns.get(head[-1]) if head else None

    def relation_of(self, text: str) -> str | None:
        text = re.sub(r"\([^()]*\)", " ", text)  # "Professional dynos: (`performance-` plans)"
        found = self._section_property(text)
        if found is None and re.search(r"[/&]| and ", text):  # "Pros / Cons", "Limits and restrictions"
            parts = [self._section_property(p) for p in split_and(text)]
            found = next((f for f in parts if f), None)
        return found

    def _section_property(self, text: str) -> str | None:
        return self.props.section_property_of([w for _, _, w in words(text)], self.eng.singular)

    def context_for(self, block: Block) -> Context:
        if block.parent is not None and id(block.parent) in self.children and block.parent.section == block.section:
            return self.children[id(block.parent)]  # (a heading between an item and its children wins)
        if self.intro is not None and block.kind == "item":
            return self.intro
        return self.sections.get(block.section, Context())

    def entity(self, name: str, block: Block, ctx: Context, weight: int = 2) -> str | None:
        """The entity a term or bare item names, made when the discovery did not have it; a plan when the
        context lists plans."""
        if ctx.relation == "hasPlan" and ctx.subject and not ctx.topic:
            ent = self.index.add_plan(ctx.subject, name, source_of(block))
            return ent.key if ent else None
        key = self.name_in(name, ctx)
        if key:
            self.index.entities[key].add_source(source_of(block))
            return key
        ent = self.index.add(name, weight, source_of(block), note=self.note)
        return ent.key if ent else None

    def typed(self, key: str | None, cls: str | None) -> None:
        if key and cls and key in self.index.entities:
            self.index.entities[key].classes.add(cls)

    def plans_named(self, block: Block) -> None:
        """"shield Heroku Connect plan", "`private` Heroku Postgres plans", "Heroku Connect shield plan": a name
        (or code) beside a product's name before "plan" or "tier" is a plan of that product."""
        text = block.text
        ctx = Context()
        for start, end, owner in self.mentions(text, ctx):
            after = re.match(r"\s+(plans?|tiers?)\b", text[end:])
            before = re.search(r"(?:^|\s)`?([\w*-]+)`?\s+$", text[:start])
            if after and before and self._plan_word(before.group(1), text, start - len(before.group(0))):
                self.index.add_plan(owner, before.group(1), source_of(block))
                continue
            inner = re.match(r"\s+`?([\w*-]+)`?\s+(plans?|tiers?)\b", text[end:])
            if inner and self._plan_word(inner.group(1), text, end):
                self.index.add_plan(owner, inner.group(1), source_of(block))
        product = self._section_owner(block.section)
        if product is None or block.kind == "heading":
            return
        # "Basic plans aren't available in Private Spaces", "**Private** and **Shield** plans" under
        # "## Apache Kafka on Heroku": plans of the product the section is about
        for m in re.finditer(r"((?:[`*]*[\w-]+[`*]*(?:,\s*|\s+(?:and|or)\s+))*[`*]*[\w-]+[`*]*)\s+plans?\b", text):
            if self._followed_by_noun(text, m.end()):
                continue  # "Salesforce plan types": a kind of plan, no plan
            for word in re.split(r",\s*|\s+(?:and|or)\s+", m.group(1)):
                bare = word.strip("`*")
                at = m.start(1) + m.group(1).find(word)
                form = self.eng.name_tokens(bare)
                key = self.index.resolve(form) if bare else None
                plan_like = self._plan_word(bare, text, at) or any(  # (a name another product's plan has too)
                    " / " in k for k in self.index.forms.get(form, ()))
                if (bare[:1].isupper() or f"`{bare}`" in word) and plan_like and \
                        key not in self._heading_keys:  # ("Shield Kafka plans": Kafka has a section, no plan)
                    self.index.add_plan(product, bare, source_of(block))

    def _followed_by_noun(self, text: str, end: int) -> bool:
        after = re.match(r"\s+([a-z]+)\b", text[end:])
        return after is not None and self.eng.in_class(after.group(1), "noun") and after.group(1) not in _stop_words()

    def _sibling_plans(self, note: Note) -> None:
        """"- **Basic** (...) - ...", "- **Standard** ...", "- **Extended** ...": when the notes call one
        bold term of a list a plan of the section's product, the other one-word terms of that list are its
        plans too."""
        lists: dict[tuple[tuple[str, ...], int], list[tuple[Block, str]]] = {}
        for block in note.blocks:
            marked = leading_term(block) if block.kind == "item" and block.spans and \
                block.spans[0].kind in ("bold", "code") else None
            if marked is not None:
                lists.setdefault((block.section, id(block.parent)), []).append((block, marked[0]))
        for (section, _), items in lists.items():
            product = self._section_owner(section)
            if product is None or len(items) < 2:
                continue
            planned = [t for _, t in items if (product, self.eng.name_tokens(t)) in self.index.scoped]
            if not planned:
                continue
            for block, term in items:
                if " " not in term and term[:1].isalpha() and term not in planned:
                    self.index.add_plan(product, term, source_of(block))

    def _section_owner(self, section: tuple[str, ...]) -> str | None:
        """The product the innermost heading of a section names (before the sections are read)."""
        if section not in self._owners:
            found = None
            for heading in reversed(section[1:]):
                found = self._heading_key(heading)
                if found is not None:
                    break
            self._owners[section] = found
        return self._owners[section]

    def _heading_key(self, heading: str) -> str | None:
        """The entity a heading names, in no scope (the first pass knows no sections yet)."""
        return self.index.resolve(self.eng.name_tokens(heading_name(heading, self.eng)))

    def _plan_word(self, word: str, text: str, at: int) -> bool:
        if word.lower() in _stop_words() or not any(c.isalpha() for c in word):
            return False
        if f"`{word}`" in text[max(0, at - 2):at + len(word) + 4]:
            return True
        key = self.index.resolve(self.eng.name_tokens(word))
        return key is not None and " " not in key

    # ------------------------------------------------------------ headings
    def heading(self, block: Block) -> None:
        parent = self.sections.get(block.section, Context())
        path = (*block.section, block.text)
        text = heading_name(block.text, self.eng)
        if block.level == 1:
            self.sections[path] = Context()  # the title of the notes: about everything, subject of nothing
            self.intro = None
            return
        parts = self._heading_parts(text)
        names = [k for k in (self.name_in(p, parent) for p in parts) if k]
        if len(names) != len(parts):
            names = []  # "Apex and Workflow callouts to your Heroku API": not a list of names
        if not names:
            whole = self.name_in(text, parent)
            names = [whole] if whole else []
        relation = self.relation_of(text)
        aspect = _ASPECT.match(text)
        if aspect:
            # "IDPs with Built-in SSO support for Heroku": the items are IdPs of what the rest names
            noun = self.eng.singular(aspect.group(1))
            relation = relation or f"rel:has_{re.sub(r'[^a-z0-9]+', '_', noun.lower()).strip('_')}"
            names = []
        if names and relation is None:
            key = names[0]
            for k in names:
                # (a heading's nesting alone says no "part of": notes nest what they discuss, judged 1 in 4 right)
                if parent.relation and parent.subject:
                    self.fact(parent.subject, parent.relation, k, block, "heading", 0.7, wording=parent.wording)
                self.seen_heading.add(k)
            # a heading that names two things ("SOAP AND Bulk API") leaves unsaid which one its lines are about
            ctx = Context(key if len(names) == 1 else None, None, None, (*names, *parent.owners), text)
        else:
            skip = {k for p in split_and(text) if self.relation_of(p) for k in [self.name_in(p, parent)] if k}
            skip |= {k for _, _, k in self.mentions(text, parent)  # "Daily API" of "Daily API requests"
                     if all(src.line == block.line for src in self.index.entities[k].sources)}
            # "Prerequisites for SSO", "IDPs with SSO support": the name after a preposition is what the section
            # is about; a name that only modifies the heading's noun ("Daily API requests") is not
            link = re.search(r"\b(?:for|with|of|in|on|to|about|via)\b", text)
            about = self.first_name(text[link.end():], parent, skip=skip) if link else None
            before = text[:link.start()].strip() if link else ""
            if about is not None and relation is None and self._concrete_plural(before):
                # "Event-Driven Microservices with Apache Kafka", "Apex and Workflow callouts to your Heroku
                # API": things of their own before the preposition are what the section is about
                about, text = None, before
            subject = about
            topic = subject is None
            if topic and parent.subject and (relation is not None or
                                             (not parent.topic and self._names_aspects(text))):
                # "Plans", "Prerequisites", "Limits and restrictions": of the thing above
                subject, topic = parent.subject, parent.topic
            elif topic and self._acronym_of(text):
                subject, topic = self._acronym_of(text), False  # "## Single sign-on": the notes' SSO
                self.index.alias(subject or "", text)
                self.index.entities[subject or ""].add_source(source_of(block))
            elif topic:
                # a section about a kind of thing ("Daily API requests") speaks of it; an abstract one
                # ("Security", "Architecting Apps") names no subject for its lines
                ent = self.index.add(text, 1, source_of(block), "Topic", note=self.note, concept=True)
                subject = ent.key if ent else None
                topic = not self._concrete_plural(text)
            ctx = Context(subject, relation, self.class_of(text), parent.owners if about is None else
                          (about, *parent.owners), text, topic=topic)
        self.sections[path] = ctx
        self.intro = None

    def _names_aspects(self, text: str) -> bool:
        """A heading made only of nouns the ontology names properties by ("Limits and restrictions",
        "Options"): it speaks of an aspect of the section above, not of a thing of its own."""
        parts = [[w for _, _, w in words(p)] for p in split_and(text)]
        return all(len(p) == 1 and self.eng.singular(p[0].lower()) in self.props.aspect_nouns for p in parts)

    def _acronym_of(self, text: str) -> str | None:
        """The one acronym of the notes that spells the initials of a heading ("SSO" for "Single sign-on")."""
        parts = [p for p in re.split(r"[\s-]+", text) if p]
        if len(parts) < 2:
            return None
        initials = "".join(p[0] for p in parts).lower()
        keys = [k for k, e in self.index.entities.items() if not e.concept and e.label.isupper()
                and e.label.lower() == initials]
        return keys[0] if len(keys) == 1 else None

    def _concrete_plural(self, text: str) -> bool:
        ws = [w for _, _, w in words(text)]
        if not ws or len(ws) > 4 or (ws[0].lower().endswith("ing") and self.eng.in_class(ws[0].lower(), "verb")):
            return False
        last = ws[-1].lower()
        return last.endswith("s") and self.eng.singular(last) != last and self.relation_of(text) is None

    def _heading_parts(self, text: str) -> list[str]:
        """"SOAP AND Bulk API" names SOAP API and Bulk API when the notes know "SOAP API" (a shared head)."""
        parts = split_and(text)
        if len(parts) < 2:
            return parts
        head = parts[-1].split()[-1]
        out = []
        for part in parts:
            longer = f"{part} {head}"
            out.append(longer if part.split()[-1] != head and self.name_in(longer, Context()) else part)
        return out

    def _introduced_here(self, key: str, block: Block) -> bool:
        """A name whose first mention in its note is this heading: a thing the parent section introduces."""
        ent = self.index.entities.get(key)
        if ent is None:
            return False
        same_note = [s for s in ent.sources if s.file == block.file]
        return bool(same_note) and min(s.line for s in same_note) >= block.line

    # ------------------------------------------------------------ paragraphs and items
    def para(self, block: Block) -> None:
        ctx = self.context_for(block)
        code = block.spans[0] if block.spans and block.spans[0].kind == "code" and block.spans[0].start == 0 else None
        if code is not None and command_of(block.span_text(code)):
            # "`$ heroku config:get X` **get**": a command and, after it, what it does
            self.command_term(block, block.span_text(code).strip(), command_of(block.span_text(code)) or "",
                              block.text[code.end:].strip(" -–—:"), ctx)
            return
        if block.parent is not None:
            self.item(block, continuation=True)
            return
        term = leading_term(block, self.index.is_name)
        if term is not None and (self._bold_only(block) or (_INTRO_END.search(block.text) and
                                 not block.text[term[1]:].strip(" :()`").count(" ") > 3)):
            term = None  # "**Pros**", "Turbo workers: (`turbo-` plans)": it introduces the list below
        if term is not None and len(term[0].split()) <= MAX_NAME_WORDS and (block.spans or ":" in block.text[:80]):
            key = self.term(block, term[0], block.text[term[1]:], ctx, mechanism="term")
            # "**Follower** - read-only copy ..." and a list below: the items say more of the follower
            # ("Eviction: default policy ..." and the policies below: a term before a colon leads its list too)
            marked = bool(block.spans) and block.spans[0].start == 0 and block.spans[0].kind == "bold"
            colon = block.text[len(term[0]):term[1]].strip().startswith(":")
            self.intro = Context(key, None, None, (key, *ctx.owners), term[0]) \
                if key and key != ctx.subject and (marked or colon) else None
            if key and self.intro is not None and colon:
                self.seen_heading.add(key)  # "Eviction:" over "**allkeys-lru** - ...": it heads its items
            return
        if _INTRO_END.search(block.text) or self._bold_only(block):
            self.intro = self.intro_context(block.text, ctx)
            if not self._bold_only(block) and len(block.text.split()) > 3:
                self.out.units.append(Unit(block, block.text.rstrip(": "), ctx, "sentence", source=source_of(block)))
            return
        self.intro = None
        if block.spans and block.spans[0].kind == "code" and block.spans[0].start == 0 and \
                block.spans[0].end >= len(block.text.strip()) - 1:
            self.code(block)  # a command on a line of its own
            return
        self.out.units.append(Unit(block, block.text, ctx, "sentence", fragment=True, source=source_of(block)))

    def _bold_only(self, block: Block) -> bool:
        """"**Pros**": a paragraph that is only a bold word or two heads the list after it."""
        return len(block.spans) == 1 and block.spans[0].kind == "bold" and block.spans[0].start == 0 and \
            block.spans[0].end >= len(block.text.rstrip(":")) and len(block.text.split()) <= 3

    def intro_context(self, text: str, ctx: Context) -> Context:
        """What a list intro makes of the items below: "Plans", "Use when:", "Heroku Connect uses:",
        "Adapters" (the items are its adapters)."""
        introduces = text.rstrip(" *_").endswith(":")
        text = re.split(r"(?<=[.!?])\s+", text.strip(" *_:"))[-1].strip(" *_:")  # the sentence before the list
        condition, text = fronted_condition(text) if introduces else ("", text)
        if re.search(r"\b(?:such as|including|e\.g\.|for example|like)\s*$", text, re.I) and ctx.subject:
            # "Extend Heroku Apps with features and services, such as:": examples of what the section has
            return Context(ctx.subject, "includes", self.class_of(text), ctx.owners, text, topic=ctx.topic)
        relation = self.relation_of(text)
        cls = self.class_of(text)
        named = self.first_name(text, ctx)
        if named is not None and relation is not None and self.name_in(text, ctx) == named:
            named = None  # "**Cons**": the intro names the relation, not a thing
        subject = named if named and relation is None else (ctx.subject or named)
        if relation is None:
            relation = self._verb_relation(text)
            if relation is not None:
                subject = self._name_before_last_verb(text, ctx) or ctx.subject
        if relation is None:
            relation = self._noun_relation(text)
        if relation is None and re.search(r"\b(?:when|if|whenever)\s*$", text, re.I):
            # "auto uses SOAP when": the intro's verb with its marker names the relation, as "Use when" does
            lemmas = self.lemmas(text)
            relation = next((self.props.section_cues[f"{w} {lemmas[-1]}"] for w in lemmas[:-1]
                             if f"{w} {lemmas[-1]}" in self.props.section_cues), None)
        if relation == "usedWhen" and re.search(r"\b(?:when|if)\s*$", text, re.I):
            found = self.mentions(text, ctx)
            if found:  # "auto uses SOAP when": what is used under the conditions
                subject = found[-1][2]
            elif len(text.split()) > 2:
                subject = None  # "auto uses bulk when": a thing the notes do not name
        owners = (subject, *ctx.owners) if subject and subject not in ctx.owners else ctx.owners
        topic = ctx.topic and subject == ctx.subject
        return Context(subject, relation, cls, owners, text, topic=topic, condition=condition or ctx.condition)

    def _verb_relation(self, text: str) -> str | None:
        """"Heroku Connect uses:" -> uses; "Common tasks include:" -> includes: the intro's last word as a
        verb of the ontology."""
        ws = self.lemmas(text)
        if not ws:
            return None
        for w in (ws[-1], ws[-1].rstrip("s")):
            found = self.props.cues.get(w)
            if found:
                return found
        return None

    def _name_before_last_verb(self, text: str, ctx: Context) -> str | None:
        found = self.mentions(text, ctx)
        return found[-1][2] if found else None

    def _noun_relation(self, text: str) -> str | None:
        """"Adapters", "Subscribers", "Relationships": a plural noun alone names the items as the
        subject's adapters, subscribers, ... (a relation of its own)."""
        ws = [w for _, _, w in words(text)]
        if len(ws) > 1 and ws[1].lower() in ("of", "for", "in"):  # "Editions of Orbit Vault"
            ws = ws[:1]
        elif len(ws) > 2 and self._participle(ws[1].lower()) and ws[2].lower() in PREPOSITIONS:
            ws = ws[:1]  # "Metrics gathered for Web dynos only": what the items are, then of what
        if len(ws) != 1 or not ws[0].lower().endswith("s"):
            return None
        return plural_relation(ws, self.eng)

    def _participle(self, word: str) -> bool:
        base = lemma_of(word)
        return word.endswith("ed") and base != word and self.eng.in_class(base, "verb")

    def item(self, block: Block, continuation: bool = False) -> None:
        ctx = self.context_for(block)
        term = leading_term(block, self.index.is_name)
        child = ctx
        kinds = partial(plural_of_kind, eng=self.eng, head_nouns=self.props.head_nouns)
        coordinated = coordinated_terms(block, kinds) if term is None and not continuation else None
        if coordinated:
            cls = self.class_of(block.text[:coordinated[1]])
            kind_ctx = replace(ctx, cls=cls) if cls and not any(len(n.split()) > 1 and self.class_of(n) == cls
                                                                  for n in coordinated[0]) else ctx
            if kind_ctx.cls == "Plan" and ctx.subject and not ctx.topic and not ctx.relation:
                kind_ctx = replace(kind_ctx, relation="hasPlan")  # "**Private** and **Shield** plans": the product's
            for name in coordinated[0]:  # "**Unlimited** and **Performance** editions - ...": the same for each
                self.term(block, name, block.text[coordinated[1]:], kind_ctx, mechanism="list")
        elif term is not None and not continuation:
            first, more = _term_pairs(block.text[term[1]:], lambda w: self.eng.in_class(self.eng.singular(w.lower()),
                                                                                        "noun"))
            first, doers = _marked_doers(block, term[1], first)
            key = self.term(block, term[0], first, ctx, mechanism="list")
            for name, text in doers:  # "`postdeploy` runs once ..., `pr-predestroy` runs before ...": each its own
                self.term(block, name, text, ctx, mechanism="list")
            for names, text in more:  # "Standard - 4 days, Premium / Private / Shield - 7 days": a term each
                for name in re.split(r"\s*/\s*|\s+and\s+", names):
                    if name.strip():
                        self.term(block, name.strip(), text, ctx, mechanism="list")
            counted = re.match(r"^\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+([a-z]+s)\s*$",
                               block.text[term[1]:], re.I)
            if key and counted and block.children:
                noun = self.eng.singular(counted.group(1))
                child = Context(key, f"rel:has_{noun}", self.props.head_nouns.get(noun), (key, *ctx.owners), term[0])
                self.children[id(block)] = child
                return
            if key:
                aspect = self.relation_of(term[0])
                child = replace(ctx, subject=ctx.subject, relation=aspect, wording=term[0]) if aspect else \
                    Context(key, None, None, (key, *ctx.owners), term[0])
        elif not continuation and block.children and len(block.text.split()) <= 3 and \
                self.relation_of(block.text.strip(" :")):
            # "- Plans", "- Types:": the items below are the subject's plans, types
            child = self.intro_context(block.text, ctx)
        elif not continuation and block.children and ctx.subject and not ctx.topic and not ctx.relation and \
                self.index.is_name(block.text.strip(" :")) and not self.name_in(block.text.strip(" .;:"), ctx) and \
                self._noun_relation(block.text.strip(" :")) is None:  # ("- Subscribers": its items are subscribers)
            # "- Ingest jobs" + its limits below: a part of the subject, what the items below are about
            ent = self.index.add(block.text.strip(" :"), 1, source_of(block), note=self.note, concept=True)
            if ent is not None:
                self.fact(ctx.subject, "includes", ent.key, block, "list", 0.55, wording=block.text)
                child = Context(ent.key, None, None, (ent.key, *ctx.owners), block.text)
        else:
            whole = self.name_in(block.text.strip(" .;"), ctx) if len(block.text.split()) <= MAX_NAME_WORDS else None
            if whole and block.children and self._noun_relation(block.text.strip(" :")) is not None:
                whole = None  # "- Subscribers" over its items: the subject's subscribers, no thing "Subscribers"
            if whole and not continuation:
                if ctx.relation or not block.children:
                    self.member(ctx, whole, block)
                child = Context(whole, None, None, (whole, *ctx.owners), block.text)
            elif (_INTRO_END.search(block.text) and len(block.text.split()) <= 3) or \
                    (block.children and re.search(r"\b(?:when|if|whenever)\s*:?\s*$", block.text, re.I)):
                # "Use when:", "auto uses SOAP when": it says what the items below are, nothing itself
                child = self.intro_context(block.text, ctx)
            else:
                self.command_purpose(block)
                self.out.units.append(Unit(block, _TRAILING_CONNECTIVE.sub("", block.text), ctx, "item", fragment=True,
                                           member=not continuation and (bool(ctx.relation) or not block.children),
                                           source=source_of(block)))
                if block.children or _INTRO_END.search(block.text):
                    child = self.intro_context(block.text, ctx)
                    if child.relation is None and child.subject == ctx.subject:
                        child = replace(child, relation=ctx.relation if ctx.relation else None)
        if not continuation:
            self.children[id(block)] = child

    def command_purpose(self, block: Block) -> None:
        """"check releases via `heroku releases`": the words before a command that ends the line say what
        it does."""
        code = [sp for sp in block.spans if sp.kind == "code" and command_of(block.span_text(sp))]
        if len(code) != 1 or block.text[code[0].end:].strip(" .`)"):
            return
        before = block.text[:code[0].start]
        m = re.match(r"^(.{3,60}?)\s+(?:via|with|using|by running|by|run|use)\s*[:(]?\s*$", before.strip(" `"), re.I)
        if m:
            key = self.entity(command_of(block.span_text(code[0])) or "", block, Context(), weight=2)
            self.typed(key, "CliCommand")
            self.literal(key, "purpose", m.group(1), block)

    def term_command(self, block: Block, key: str, at: int) -> None:
        """"Tide lock - `heroku labs:enable tide-lock`, ...", "Preboot: ..., enable with `heroku features:enable
        preboot`": a command that opens a term's text, or ends it after "with"/"via", is the term's command."""
        for span in block.spans:
            cmd = command_of(block.span_text(span)) if span.kind == "code" and span.start >= at else None
            if cmd is None:
                continue
            opens = not block.text[at:span.start].strip(" -–—:*`")
            ends = not block.text[span.end:].strip(" .`)") and \
                re.search(r"\b(?:via|with|using|run|use)$", block.text[:span.start].rstrip(" `"), re.I)
            if opens or ends:
                cmd_key = self.entity(cmd, block, Context(), weight=2)
                self.typed(cmd_key, "CliCommand")
                if cmd_key and cmd_key != key:
                    self.fact(cmd_key, "commandFor", key, block, "code", 0.6)

    def member(self, ctx: Context, key: str, block: Block) -> None:
        """A name listed under what the list hangs from."""
        if ctx.subject and not ctx.topic:
            self.fact(ctx.subject, ctx.relation or "includes", key, block, "list",
                      0.75 if ctx.relation else 0.55, wording=ctx.wording, condition=ctx.condition)
        self.typed(key, ctx.cls)

    def term(self, block: Block, term: str, rest: str, ctx: Context, mechanism: str) -> str | None:
        """"**Term** - text": the term is a thing of the context, the text says what it is."""
        cmd = command_of(term) if term in block.spans_of("code") or term.startswith("$") else None
        if cmd is not None:
            return self.command_term(block, term, cmd, rest, ctx)
        aside = re.search(r"\s*\(([^()]*)\)\s*$", term)
        other_name = ""
        if aside and aside.start() > 0:
            rest = f"{aside.group(1)}. {rest}"  # "long-running requests (over 20 seconds)": the name is before
            term = term[:aside.start()]
        gap = re.match(r"^(?:\(([^()]*)\)|([\w-]+(?: [\w-]+){0,2}))\s+[-–—]\s+", rest)
        marked_aside = bool(gap and gap.group(1) and _spells(term, gap.group(1)))
        if gap and (marked_aside or bool(gap.group(2) and self._qualifies(gap.group(2)))):
            # "**BYOK** (Bring Your Own Key) - ...", "**EventLogFile** records - ...", "`standard-3` and bigger -
            # ...": what the term's words go on with before the dash is no part of what the text says of it
            other_name = gap.group(1) or ""
            rest = rest[gap.end():]
        if block.kind == "para" and mechanism == "term" and not self.index.looks_like_name(term):
            ctx = replace(ctx, relation=None, cls=None)  # "Rule of thumb: ..." under "Plan tiers": no plan
        elif block.kind == "para" and self.name_in(term, Context()) in self.columns.get(block.section, set()):
            ctx = replace(ctx, relation=None, cls=None)  # "HA: standby kept in sync" under "| Tier | HA |": no tier
        grouping = term.split()[0].lower() in GROUPING_WORDS if term.split() else False
        # "**all tiers** - disk encryption, ...": what holds for every one of the things above, said of their owner
        key = ctx.subject if grouping and ctx.subject and not ctx.topic else self.entity(term, block, ctx, weight=3)
        if key is None:
            return None
        if other_name:
            self.index.alias(key, other_name)
        if grouping:
            ctx = replace(ctx, relation=None, cls=None)
        self.term_command(block, key, len(block.text) - len(rest))
        # (a plan named like a relation, "Pro", is still a plan; "all tiers" names the plans, it is none)
        named_relation = self.relation_of(term)
        plan = bool(ctx.subject) and key.startswith(f"{ctx.subject} / ") and named_relation != "hasPlan"
        if plan and not ctx.relation:
            ctx = replace(ctx, relation="hasPlan")  # "**Basic** - ..." under the product the notes say it is a plan of
        if ctx.subject and key != ctx.subject and not ctx.topic and (plan or named_relation is None):
            if ctx.relation:
                self.fact(ctx.subject, ctx.relation, key, block, "list", 0.75, wording=ctx.wording,
                          condition=ctx.condition)
            elif mechanism == "list" and self._introduced_here(key, block) and ctx.wording and \
                    ctx.subject in self.seen_heading and self._enumerates_parts(block):
                # "## MuleSoft Anypoint Platform" > "- **Anypoint Exchange** - ...": a part the section lists
                self.fact(ctx.subject, "includes", key, block, "list", 0.55, wording=ctx.wording)
        self.typed(key, ctx.cls)
        rest = rest.strip()
        self.kind_of(key, rest, block, ctx)
        said = re.split(r"\s[-–—]\s|[,;(]", rest, maxsplit=1)[0]
        # "X - default, ...", "- default scheme": X is the default; not "default 300 seconds" (the default of X)
        # nor "default `maxmemory-policy` is `noeviction`" (a default X states)
        if re.match(r"^default\b", rest, re.I) and not re.search(r"\d|\b(?:is|are)\b", said) and ctx.subject and \
                ctx.subject != key and not ctx.topic:
            self.fact(ctx.subject, "hasDefault", key, block, "term", 0.7, wording="default")  # "X - default, ..."
        if rest:
            if not _only_amounts(rest):  # "**Standard** - 4 days": a limit of the term, no account of what it is
                self.literal(key, "description", rest, block)
            own = Context(key, None, None, (key, *ctx.owners), term)
            self._noun_predicates(key, rest, block, own)
            # "Add-on bundle: A, B, C" under "## Salesforce Shield": a phrase, not a name, tells what the
            # section's subject holds
            outer = ctx.subject if mechanism == "term" and not self.index.looks_like_name(term) and \
                ctx.subject and not ctx.topic else None
            self.out.units.append(Unit(block, rest, own, "term", fragment=True, member=True,
                                       source=source_of(block), outer=outer))
            for clause in self._verb_fragments(rest):  # "desktop client, ..., uses SOAP or Bulk API"
                self.out.units.append(Unit(block, clause, own, "item", fragment=True, member=False,
                                           source=source_of(block)))
        return key

    def _noun_predicates(self, key: str, rest: str, block: Block, ctx: Context) -> None:
        """"Enterprise Teams - formerly X, part of an Enterprise Account": a piece that is a noun and "of" and
        a name says what "is <noun> of" says, when that is a cue of a property."""
        for piece in re.split(r"[,;]\s+", rest):
            m = re.match(r"^(?:(?:an?|the)\s+)?([a-z]+)\s+of\s+(.+?)\s*$", piece.strip(" ."))
            if m is None:
                continue
            found = self.props.map(f"be {m.group(1)} of", exact=True)
            obj = self.name_in(m.group(2), ctx)
            if found is not None and found.how == "cue" and obj is not None:
                self.fact(key, found.prop, obj, block, "term", 0.7, wording=f"{m.group(1)} of")

    def _verb_fragments(self, rest: str) -> list[str]:
        """The comma-separated fragments of a term's text, after its first, that open with a verb in the
        third person ("uses SOAP or Bulk API"): each says something of the term on its own."""
        pieces = [p.strip() for p in re.split(r",\s+", rest) if p.strip()]
        if len(pieces) < 2:
            return []
        out = []
        for piece in pieces[1:]:
            words = piece.split()
            first = words[0].lower()
            if len(words) >= 2 and first.endswith("s") and not first.endswith("ss") and \
                    self.eng.in_class(first[:-1], "verb"):  # a verb and its object, not a plural in a list
                out.append(piece)
        return out

    def _enumerates_parts(self, block: Block) -> bool:
        """A section that lists three or more "**Term** - text" items right under a named heading enumerates
        the parts of what it names ("## MuleSoft Anypoint Platform" > Design Center, Anypoint Exchange, ...)."""
        siblings = [b for b in self.by_section.get((block.file, block.section), []) if b.kind == "item"
                    and b.parent is None and b.spans and b.spans[0].start == 0 and b.spans[0].kind == "bold"]
        return len(siblings) >= 3

    def kind_of(self, key: str, rest: str, block: Block, ctx: Context) -> None:
        """"Keystroke Logging - Shield private space feature": the term is a feature (a class noun) of the
        thing named before that noun."""
        first = re.split(r"\s+[-–—]\s+|[.;,(]", rest, maxsplit=1)[0].strip()
        ws = first.split()
        if len(ws) < 2:
            return
        cls = self.props.head_nouns.get(self.eng.singular(ws[-1]))
        owner = self.name_in(" ".join(ws[:-1]), ctx)
        if cls is None or owner is None or owner == key:
            return
        self.typed(key, cls)
        self.fact(key, "featureOf" if cls in ("Feature", "Capability") else "partOf", owner, block, "term", 0.7,
                  wording=first)

    def command_term(self, block: Block, term: str, cmd: str, rest: str, ctx: Context) -> str | None:
        after = block.text[block.text.find(term) + len(term):].lstrip("`")
        glued = bool(rest.strip()) and not re.match(r"^\s*[-–—:*]", after)
        if glued and (re.match(r"^\s*(?:and|or|is|are|can|cannot|can't|must|should|will|was|has|have)\b", rest) or
                      _opens_with_verb(rest) is not None):
            # "`heroku pg:psql` and downloading pg backups is disabled", "`heroku logs` keeps only the last
            # 1,500 lines": a sentence about the command, not a command of the section
            key = self.entity(term.lstrip("$ ").strip(), block, Context(), weight=3)
            self.typed(key, "CliCommand")
            self.out.units.append(Unit(block, block.text, ctx, "sentence", fragment=False, source=source_of(block)))
            return key
        line = term.lstrip("$ ").strip()
        key = self.entity(command_variant(line) or line, block, Context(), weight=3)
        base = self.entity(cmd, block, Context(), weight=2)
        self.typed(key, "CliCommand")
        self.typed(base, "CliCommand")
        if key and base and key != base:
            self.fact(key, "variantOf", base, block, "code", 0.8)
        if key and line != (command_variant(line) or line):
            self.literal(key, "example", line, block)  # the whole line as the notes give it
        for flag in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", term):
            opt = self.entity(flag, block, Context(), weight=2)
            self.typed(opt, "CliOption")
            self.fact(base, "hasOption", opt, block, "code", 0.8)
        if rest.strip():
            self.literal(key, "purpose", _unmarked(rest), block)
        elif ctx.subject and not ctx.topic:
            # a command with no words of its own is one for what its section is about; one that says what it
            # does ("- specific dyno", "**view**") is for that ("commandFor Logging" judged too broad, 0 of 8)
            self.fact(key, "commandFor", ctx.subject, block, "code", 0.6)
        return key

    # ------------------------------------------------------------ tables
    def row(self, block: Block) -> None:
        if not block.cells:
            return
        ctx = self.sections.get(block.section, Context())
        first = block.cells[0].strip(" *_")
        if first.endswith(("?", ":")):
            self.question_row(block, ctx)
            return
        subject = self.entity(first, block, ctx, weight=3) if first else None
        if subject is None:
            return
        header0 = block.header[0] if block.header else ""
        self.typed(subject, self.class_of(header0) or ctx.cls)
        # "| Plan | Memory |" under "## Heroku Key-Value Store": the rows are the section subject's plans
        relation = ctx.relation or self.relation_of(header0)
        if ctx.subject and not ctx.topic and relation:
            self.fact(ctx.subject, relation, subject, block, "table", 0.7, wording=ctx.wording or header0)
        own = Context(subject, None, None, (subject, *ctx.owners), first)
        for i in range(1, len(block.cells)):
            self.cell(block, subject, own, block.header[i] if i < len(block.header) else "", block.cells[i])

    def _qualifies(self, words_: str) -> bool:
        """Words after a term and before its dash that only go on naming it: nouns and adjectives ("records",
        "principal"), no verb, no amount, no "and bigger" (which says what else the text holds for)."""
        ws = words_.lower().split()
        return not re.search(r"\d", words_) and all(
            self.eng.in_class(w, "noun") or self.eng.in_class(w, "adj") for w in ws) and \
            not (self.eng.in_class(ws[0], "verb") and not self.eng.in_class(ws[0], "noun"))

    def _quality(self, header: str) -> bool:
        """A column header that is one adjective of the dictionary, no noun ("Dedicated", "Regional"), a past
        participle of a verb that is no noun ("Encrypted", "Managed"), or a hyphenated adjective."""
        word = header.strip(" *_").lower()
        m = re.fullmatch(r"([a-z]+)-([a-z]+)", word)
        if m:  # "Multi-tenant", "Read-only": a prefix that is no noun or verb, or an adjective last, is one
            first, last = m.groups()
            return not any(self.eng.in_class(first, c) for c in ("noun", "verb")) or \
                ((self.eng.in_class(last, "adj") or self.eng.in_class(last, "adv")) and
                 not self.eng.in_class(last, "noun"))
        if not re.fullmatch(r"[a-z]+", word) or self.eng.in_class(word, "noun"):
            return False
        return self.eng.in_class(word, "adj") or (word.endswith("ed") and self.eng.in_class(word, "verb"))

    def _is_feature(self, key: str) -> bool:
        ent = self.index.entities.get(key)
        return ent is not None and "Feature" in ent.classes

    def _is_plan(self, key: str) -> bool:
        ent = self.index.entities.get(key)
        return ent is not None and "Plan" in ent.classes

    def cell(self, block: Block, subject: str, ctx: Context, header: str, cell: str) -> None:
        value = cell.strip()
        if not value:
            return
        low = value.lower().strip(" .*")
        if low in YES | NO and self._quality(header) and not self._is_feature(subject):
            # "| Dyno type | Dedicated |": an adjective heads a column of what each row is, not of a feature
            # it has ("Dedicated: No" is "not dedicated", no "supports Dedicated")
            self.literal(subject, "status", header.lower() if low in YES else f"not {header.lower()}", block)
            return
        column = self.name_in(header, ctx) or (self.entity(header, block, Context()) if low in YES | NO else None)
        if low in YES | NO and column:
            self.columns.setdefault(block.section, set()).add(column)
            if not self._is_feature(subject) and not self._is_plan(column):
                # "| Plan | Fork | HA |", "| Dyno type | Preboot |": a plan's or a dyno's yes/no column is a
                # feature it has or has not ("| Feature | Free tier |": the feature is available for the tier)
                self.fact(subject, "supports", column, block, "table", 0.8, wording=header, negated=low in NO)
                return
            prop = "availableFor" if low in YES else "notAvailableFor"
            self.fact(subject, prop, column, block, "table", 0.85, wording=header)
            return
        if re.match(r"^[\d$][\d,.\s]*[kKmM]?\s*[A-Za-z%]{0,12}$", value):
            names_header = block.header[0] if block.header else ""
            self.out.table_amounts.append((subject, value, header, source_of(block), names_header))
            return
        relation = self.relation_of(header)
        if header.lower().strip() in DESCRIPTION_HEADERS or relation is None:
            if header.lower().strip() in DESCRIPTION_HEADERS:
                self.literal(subject, "description", value, block)
            self.out.units.append(Unit(block, value, replace(ctx, relation=relation, wording=header), "cell",
                                       fragment=True, member=relation is not None, source=source_of(block)))
            return
        self.out.units.append(Unit(block, value, replace(ctx, relation=relation, wording=header), "cell",
                                   fragment=True, member=True, source=source_of(block)))

    def question_row(self, block: Block, ctx: Context) -> None:
        """A quiz table: a question stem that ends in ':' and its answer read as one sentence."""
        stem = block.cells[0].strip(" *_")
        answer = block.cells[1].strip() if len(block.cells) > 1 else ""
        if not stem.endswith(":") or not answer or \
                re.search(r"\b(?:than|which|what|how|why|best|benefit|pro|con|if you)\b", stem, re.I):
            return  # a stem that asks to compare or choose is no statement
        for part in re.split(r"\s+\*{0,2}AND\*{0,2}\s+", answer):
            text = f"{stem.rstrip(':').strip()} {part.strip().rstrip('.')[:1].lower()}{part.strip().rstrip('.')[1:]}"
            self.out.units.append(Unit(block, text, ctx, "sentence", source=source_of(block)))

    # ------------------------------------------------------------ code
    def code(self, block: Block) -> None:
        ctx = self.sections.get(block.section, Context())
        text = block.text if block.kind == "code" else block.text.strip("` $")
        for line in text.splitlines():
            cmd = command_of(line)
            if cmd is None:
                continue
            key = self.entity(cmd, block, Context(), weight=2)
            self.typed(key, "CliCommand")
            if ctx.subject and not ctx.topic:
                self.fact(key, "commandFor", ctx.subject, block, "code", 0.6)
            intro = block.previous
            if block.kind == "code" and intro is not None and intro.kind == "para" and \
                    intro.text.rstrip().endswith(":") and len(intro.text.split()) <= 8:
                self.literal(key, "purpose", intro.text.rstrip(" :"), intro)  # "View buildpacks:" + the command
                intro = None


_NEXT_TERM = re.compile(r",\s+([^,()]{1,40}?)\s+[-–—]\s+")


def _spells(name: str, other: str) -> bool:
    """Whether one of two names is the acronym of the other: "Automated Certificate Management" and "ACM"."""
    short, long = sorted((name.strip(), other.strip()), key=lambda n: len(n.split()))
    if " " in short or sum(c.isupper() for c in short) < 2 or len(long.split()) < 2:
        return False  # an acronym is one word of capitals; its long form more words than one
    return any(True for _ in acronym_pairs(f"{long} ({short})"))


def _unmarked(text: str) -> str:
    """Text without its markdown emphasis: "**view**" -> "view"; an underscore inside a word stays
    ("pg_dump")."""
    return re.sub(r"[*`]|(?<!\w)_+|_+(?!\w)", "", text)


def _term_pairs(text: str, is_noun: Callable[[str], bool]) -> tuple[str, list[tuple[str, str]]]:
    """A term's text and the "term - text" pairs that follow it after commas: "4 days, Premium / Private - 7
    days" -> ("4 days", [("Premium / Private", "7 days")]). Only when the piece before each dash is a few words
    with no amount, ending in a name or a noun ("attached or detached - for tasks" is no term)."""

    def termlike(piece: str) -> bool:
        ws = [w for w in re.split(r"[\s/]+", piece) if w]
        return 0 < len(ws) <= 4 and not re.search(r"\d", piece) and (ws[-1][:1].isupper() or is_noun(ws[-1]))

    found = [m for m in _NEXT_TERM.finditer(text) if termlike(m.group(1))]
    if not found:
        return text, []
    pairs = [(m.group(1), text[m.end():(found[k + 1].start() if k + 1 < len(found) else len(text))])
             for k, m in enumerate(found)]
    return text[:found[0].start()], pairs


GROUPING_WORDS = frozenset({"all", "every", "each", "both", "any"})  # English: a term that names every one of a kind


def _opens_with_verb(text: str) -> re.Match[str] | None:
    """A text that opens with a verb in the third person ("keeps only the last lines", "runs before ..."); the
    verb is the match's first group."""
    m = re.match(r"\s*([a-z]+s)\b", text)
    return m if m is not None and self_verb_form(m.group(1)) else None


def _marked_doers(block: Block, start: int, text: str) -> tuple[str, list[tuple[str, str]]]:
    """A term's text and the statements after its commas or semicolons that open with a marked name of their
    own: one followed by a verb ("`postdeploy` runs once after the first build, `pr-predestroy` runs before the
    app is deleted"), or one marked like the item's own term ("**R14** Memory quota exceeded - dyno swaps;
    **R15** Memory quota vastly exceeded"). Each says what its own name is or does."""
    lead = next((s.kind for s in block.spans if s.start <= 1), None)  # the item's own term, marked so
    cuts: list[tuple[int, int, int]] = []  # (separator, name end, text start), offsets into text
    for span in block.spans:
        if span.kind not in ("code", "bold") or span.start - start < 2 or span.end - start > len(text):
            continue
        at, end = span.start - start, span.end - start
        before = text[:at].rstrip()
        if not before.endswith((",", ";")):
            continue
        verb = _opens_with_verb(text[end:])
        if verb is not None and verb.start(1) > 0:
            cuts.append((len(before) - 1, end, end + verb.start(1)))
        elif span.kind == lead and re.match(r"\s*(?:[-–—:]\s*)?\w", text[end:]):
            dash = re.match(r"\s*(?:[-–—:]\s*)?", text[end:])
            cuts.append((len(before) - 1, end, end + (dash.end() if dash else 0)))
    if not cuts:
        return text, []
    ends = [c[0] for c in cuts[1:]] + [len(text)]
    doers = [(text[comma + 1:end].strip(), text[begin:stop].strip(" ,;"))
             for (comma, end, begin), stop in zip(cuts, ends, strict=True)]
    return text[:cuts[0][0]], doers


_ASPECT = re.compile(r"^([A-Za-z][\w-]*s)\s+(?:with|for|of|in|on|that|supporting|available)\s+\S", re.I)


def find_mentions(index: NameIndex, eng: English, text: str, owners: tuple[str, ...] = (),
                  note: str = "") -> list[tuple[int, int, str]]:
    """Names of known entities in a text, longest first, as (start char, end char, entity key)."""
    ws = words(text)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(ws):
        found = None
        for n in range(min(MAX_NAME_WORDS, len(ws) - i), 0, -1):
            start, end = ws[i][0], ws[i + n - 1][1]
            if n > 1 and re.search(r"[,;()]|[.!?:]\s", text[start:end]):
                # "Premium, Private, Shield" names three things; "by Heroku. Stacks are" two sentences
                # ("labs:enable" is one word of a command)
                continue
            if ws[i][2].lower() in DETERMINERS:
                break  # "no API", "the app": a name starts after its determiner
            form = eng.name_tokens(text[start:end])
            key = index.resolve(form, owners, note) if form else None
            surface = text[start:end]
            if n == 1 and surface[:1].isupper() and surface[1:].islower() and _starts_sentence(text, start):
                surface = surface.lower()  # "Deploy code": a capital that starts a sentence says nothing
            if key is not None and _names_here(index, key, surface):
                found = (start, end, key, n)
                break
        if found is None:
            i += 1
            continue
        out.append(found[:3])
        i += found[3]
    return out


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" *_`\"'(")
    return not before or before[-1] in ".!?:;|-"


def names_here(index: NameIndex, key: str, surface: str) -> bool:
    return _names_here(index, key, surface)


def _names_here(index: NameIndex, key: str, surface: str) -> bool:
    """A match written in lower case is the words, not the name ("view", "the data", "transfer apps"),
    unless it holds a word no dictionary knows and the notes do not write in lower case ("postgres"),
    ends in a class noun ("private spaces"), or is how the notes write the name itself (a CLI option, an
    identifier, a plan). A section topic is never named in running text."""
    ent = index.entities[key]
    if ent.concept:
        return False
    if not surface.islower() or not any(c.isalpha() for c in surface):
        return True
    ws = surface.split()
    plain_words = all(map(index.eng.is_dictionary_word, ws))
    if surface in {ent.label, *ent.aliases} and ("Plan" in ent.classes or not plain_words):
        return True
    if len(ws) > 1:
        return not all(_is_word(index, w) for w in ws) or index.eng.singular(ws[-1]) in index.head_nouns or \
            ent.weight >= 2  # "named credentials": a name the markdown marks, written in lower case
    if not surface.isalpha():  # "add-ons", "one-off": words joined by a hyphen; "pg:psql", "standard-2x": names
        parts = [p for p in re.split(r"[-/]", surface) if p]
        return not all(p.isalpha() and index.eng.is_dictionary_word(p) for p in parts)
    return not index.eng.is_dictionary_word(surface)  # "dataclip", "postgres"


def _is_word(index: NameIndex, word: str) -> bool:
    """A common word: in the dictionary, or written in lower case by the notes more often than not
    ("apps", which the dictionary does not list)."""
    casing = index.casing
    if casing is not None and casing.lower[word] > casing.capital[word]:
        return True
    return index.eng.is_dictionary_word(word)


def iter_units(structure: Structure) -> Iterator[Unit]:
    yield from structure.units


_BOUND_TOKENS = frozenset(w for b in BOUND_WORDS for w in b.split())  # "up", "to", "at", "least", "max", ...


def _only_amounts(text: str) -> bool:
    """Whether a text says amounts and nothing else: "4 days", "15,000 requests", "max 100", "100,000 plus
    1,000 per Salesforce license" (what it is an amount of, the heading or list above says)."""
    found = find_quantities(text)
    if not found:
        return False
    rest = text
    for q in sorted(found, key=lambda x: -x.start):
        rest = rest[:q.start] + " " + rest[q.end:]
    said = [w for _, _, w in words(rest.lower())]
    if said and text[:found[0].start].strip() and said[0] not in _BOUND_TOKENS:
        return False  # "for one object": what the amount is for is said
    return all(w in _BOUND_TOKENS or w in _stop_words() for w in said)
