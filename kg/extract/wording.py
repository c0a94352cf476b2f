"""Facts from the wording of a text: each clause's subject, verb group, objects, negation and the cues
of the ontology, with entity mentions from the spaCy pipeline. The markdown structure around the text
(what a bullet or row is about) is kg.extract.relations' part."""

from __future__ import annotations

from itertools import pairwise

from kg.extract.clauses import (
    PREDICATE_ADJECTIVES,
    Unit,
    find_verb,
    passive_effects,
    phrase_around,
    plain_phrase,
    plan_tail,
    split_parentheticals,
    split_segments,
    verb_group_end,
)
from kg.extract.entities import (
    Candidate,
    EntityIndex,
    elided_name,
    source_of,
)
from kg.extract.lexicon import (
    ADVERBS,
    AUXILIARIES,
    CONJUNCTIONS,
    DETERMINERS,
    NEGATIONS,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVES,
    STOP,
    is_common_word,
    is_negation,
    is_verb,
    is_verb_form,
    key_tokens,
    lemma_tokens,
)
from kg.extract.model import Extraction, Fact, LimitFact, LiteralFact, Source
from kg.extract.spacy_light import Doc, Language
from kg.extract.vocab import Vocabulary, match_cue
from kg.notes import Block

MAX_PHRASE_WORDS = 9
TIME_WORDS = {"after", "before", "until", "once", "while", "unless"}
# nouns that add nothing to a name they follow ("Shield postgres plans", "Valkey configurations")
GENERIC_HEADS = {"plan", "configuration", "instance", "add-on", "addon", "type", "tier", "database", "feature",
                 "option", "version", "setting", "value"}


def _adverb(u: Unit) -> bool:
    return u.low in ADVERBS or u.low.endswith("ly")


def _demonstrative(units: list[Unit], verb: int | None) -> int | None:
    """Where "this <noun>" follows the verb of a clause, if it does ("that" is mostly a relative pronoun)."""
    if verb is None:
        return None
    return next((i for i in range(verb + 1, len(units) - 1) if units[i].low == "this"
                 and units[i + 1].kind == "W" and units[i + 1].text.isalpha()
                 and not is_verb_form(units[i + 1].text)), None)


class WordingReader:
    """Clauses -> facts, limits and phrase concepts; the state a run shares between clauses."""

    def __init__(self, nlp: Language, index: EntityIndex, vocab: Vocabulary) -> None:
        self.nlp, self.index, self.vocab = nlp, index, vocab
        self.out = Extraction(entities=index.entities)
        self.last_key: str | None = None
        self.last_subject: str | None = None
        self.coordinated: list[str] = []  # names of the coordination under way, typed by its head noun

    # ------------------------------------------------------------ clauses
    def clauses(self, doc: Doc, subject: str | None, block: Block, measure: str | None = None,
                context: str | None = None, fixed: bool = False, link_prop: str | None = None,
                ctx_text: str | None = None) -> None:
        """Facts of every sentence of `doc`; `subject` is who the text is about when it names nobody.

        fixed: the text describes `subject` (a term's definition), so named things are objects.
        """
        for sent in doc.sents:
            units = self.units(doc, sent.start_char, sent.end_char)
            units = self.resolve_anaphora(units, context or subject)
            units, inner = split_parentheticals(units)
            self.last_subject = None
            for seg in split_segments(units):
                head = seg[0]
                carry = head.kind == "W" and (head.low in AUXILIARIES or head.low in NEGATIONS) and \
                    self.last_subject is not None
                # "Shield Connect meets HIPAA - must have Shield pg": the second part goes on about the same
                self.sentence(seg, self.last_subject if carry else subject, block, measure, context or subject,
                              fixed or carry, link_prop, ctx_text)
            for before, par in inner:
                owner = before.key if before is not None and before.kind == "ENT" else subject
                self.sentence(par, owner, block, measure, context or subject, fixed=True)

    def sentence(self, units: list[Unit], subject: str | None, block: Block, measure: str | None,
                 context: str | None, fixed: bool, link_prop: str | None = None, ctx_text: str | None = None) -> None:
        """Sentence shapes first: "To X, do Y", "Whenever X, Y", "A = B"; else one clause."""
        if len(units) > 2 and units[0].low == "to" and units[1].kind == "W" and is_verb(units[1].low):
            comma = next((i for i, u in enumerate(units) if u.text == ","), None)
            if comma is not None:
                purpose = next((u.key for u in units[2:comma] if u.kind == "ENT"), None)
                if purpose is None:
                    purpose = self.phrase_concept(units[2:comma], block)
                self.clause(units[comma + 1:], purpose or subject, block, measure, context, fixed=False)
                return
        if units[0].low in ("whenever", "when", "if", "once") and any(u.text == "," for u in units):
            comma = next(i for i, u in enumerate(units) if u.text == ",")
            cause = next((u.key for u in units[1:comma] if u.kind == "ENT"), None)
            if cause:
                for effect in passive_effects(units[comma + 1:]):
                    key = self.concept(effect, block)
                    if key:
                        self.fact(cause, "causes", key, block, wording=units[0].text)
            self.clause(units[comma + 1:], subject, block, measure, context, fixed)
            return
        eq = next((i for i, u in enumerate(units) if u.text == "=" and u.kind == "W"), None)
        cut = max((i for i, u in enumerate(units[:eq]) if u.text == "," or u.low in ("e.g.", "eg")), default=None) \
            if eq is not None else None
        if cut is not None and eq is not None:
            # "1 connection per mapping, ... e.g. 20 mappings = 21 connections": the equation is the tail
            self.clause(units[:cut], subject, block, measure, context, fixed, link_prop)
            self.sentence(units[cut + 1:], subject, block, measure, context, fixed, link_prop)
            return
        if eq is not None and 0 < eq < len(units) - 1:
            left = [u for u in units[:eq] if u.kind != "QTY" or u is not units[0]]
            name = " ".join(u.text for u in units[:eq] if not (u.kind == "QTY" and u is units[0]))
            lq = units[0].quantity if units[0].kind == "QTY" else None
            if lq is not None and lq.unit:
                name = lq.text.split(None, 1)[-1] if " " in lq.text else lq.unit
            lkey = next((u.key for u in left if u.kind == "ENT"), None) if len(left) == 1 else None
            lkey = lkey or self.ensure_concept(name, block)
            rtext = " ".join(u.text for u in units[eq + 1:]).strip(" .")
            rkey = self.concept(rtext, block) if rtext else None
            if lkey and rkey:
                self.fact(lkey, "equals", rkey, block, wording="=")
            for u in units[eq + 1:]:
                if u.kind == "QTY" and u.quantity is not None and lkey:
                    self.out.limits.append(LimitFact(lkey, u.quantity, name, self.src(block)))
            return
        self.clause(units, subject, block, measure, context, fixed, link_prop, ctx_text)

    def clause(self, units: list[Unit], default: str | None, block: Block, measure: str | None,
               context: str | None = None, fixed: bool = False, link_prop: str | None = None,
               ctx_text: str | None = None) -> None:
        if not units:
            return
        v = find_verb(units)
        subj_units = units[:v] if v is not None else []
        lead = next((u for u in units if u.low not in DETERMINERS), None)
        if v is None and lead is not None and lead.kind == "ENT" and lead.key and default and lead.key != default \
                and not fixed and link_prop:
            self.fact(default, link_prop, lead.key, block)
            default = lead.key
        subject = default
        own_subject = bool(subj_units) and subj_units[0].low in ("the", "a", "an") and \
            any(u.kind == "ENT" for u in subj_units)
        this = _demonstrative(units, v) if fixed and default is not None else None
        if this is not None and self.subject_of(subj_units, block) not in (None, default):
            # "Production - release phase runs during this stage": "this stage" is the term, the name before
            # the verb is what the clause is about
            units = [*units[:this], Unit("ENT", units[this + 1].text, units[this].start, units[this + 1].end,
                                         key=default), *units[this + 2:]]
            own_subject = True
        if not fixed or default is None or own_subject:
            subject = self.subject_of(subj_units, block) or default
        for u in units:
            if u.kind == "QTY" and u.quantity is not None:
                # a condition's number ("uses bulk when: API version is v39 or higher") bounds what it conditions
                owner = default if link_prop == "usedWhen" and default else subject if subject is not None else context
                if owner is not None:
                    what = measure or phrase_around(units, u)
                    if ctx_text and ctx_text not in what:
                        what = f"{what} ({ctx_text.rstrip(':')})"  # the intro the number hangs from
                    self.out.limits.append(LimitFact(owner, u.quantity, what, self.src(block)))
        self.last_subject = subject
        if subject is None:
            return
        if v is None:
            # no verb: a definition or a list of things ("Syslog and HTTPS drains", "shield pg and Connect")
            if any(u.low in NEGATIONS for u in units if u.kind == "W"):
                return
            first = next((u for u in units if u.kind == "W"), None)
            if fixed and first is not None and units[0] is first and first.low in PREDICATE_ADJECTIVES:
                self.literal(subject, "status", first.low, block)
            words = lemma_tokens(" ".join(u.text for u in units if u.kind == "W"))
            prop = match_cue(words, self.vocab.cues) or link_prop or "relatedTo"
            self.objects(subject, prop, units, block, wording=ctx_text or "", negated=False)
            return
        group_end = verb_group_end(units, v)
        group = units[v:group_end]
        said = " ".join(u.text for u in group)
        words = [u.low for u in group]
        negated = any(is_negation(w) for w in words)
        lemmas = lemma_tokens(said)
        prop = self.property_for(lemmas, negated, units)
        if prop.startswith("rel:") or prop == "relatedTo":
            lead_words = lemma_tokens(" ".join(u.text for u in units[:v] if u.kind == "W"))
            prop = match_cue(lead_words + lemmas, self.vocab.cues) or prop
        if group and group[0].low in PREDICATE_ADJECTIVES and fixed and v == 0:
            self.literal(subject, "status", group[0].low, block)
        objects = units[group_end:]
        if v == 0 and not fixed and subject == default:
            # no subject said: "Can only mix standard dynos in CR" is about CR, the place it names
            at = next((i for i in range(len(objects) - 1) if objects[i].low == "in" and objects[i + 1].kind == "ENT"
                       and objects[i + 1].key), None)
            if at is not None:
                subject = str(objects[at + 1].key)
                self.last_subject = subject
                objects = objects[:at] + objects[at + 2:]
        # "Premium, Private, Shield include X", "Pull request notifications, merges, ... show up in Slack":
        # each of the listed subjects does (and not the first name inside the first of them)
        subjects = self.list_subjects(subj_units, block) if v else []
        if subjects:
            subject = self.last_subject = subjects[0]
        n = 0
        for each in subjects or [subject]:
            n += self.objects(each, prop, objects, block, wording=said, negated=negated)
        if n == 0:
            n = self.time_clause(subject, prop, group, objects, block, said)
        if v > 0 and units[0].low == "only" and not negated:
            self.only_subject(subject, objects, block)
        if n == 0 and prop in ("disabledIn", "notAvailableFor") and context and subject != context:
            self.fact(subject, prop, context, block, wording=said)

    def time_clause(self, subject: str, prop: str, group: list[Unit], objects: list[Unit], block: Block,
                    said: str) -> int:
        """"cannot be enabled after a Private Space has been created": the time clause is what the verb is
        about, one phrase node."""
        lead = group[-1] if group and group[-1].low in TIME_WORDS else None
        body = [u for u in objects if u.text not in (".", ";")]
        if lead is None and body and body[0].low in TIME_WORDS:
            lead, body = body[0], body[1:]
        if lead is None or not body or find_verb(body) is None:
            return 0
        key = self.concept(" ".join([lead.text, *(u.text for u in body)]), block)
        if key is None:
            return 0
        self.fact(subject, prop, key, block, wording=said)
        return 1

    def list_subjects(self, units: list[Unit], block: Block) -> list[str]:
        """The names of a subject that is only a list of names ("Premium, Private, Shield"), else nothing.
        A capitalised word in such a list beside known names is a name too."""
        def is_name(u: Unit) -> bool:
            return u.kind == "ENT" or (u.kind == "W" and u.text[:1].isupper() and u.text.isalpha()
                                       and not _adverb(u))

        if sum(u.kind == "ENT" for u in units) < 1 or sum(is_name(u) for u in units) < 2 \
                or any(not is_name(u) and u.text != "," and u.low not in ("and", "or") for u in units) \
                or any(is_name(a) and is_name(b) for a, b in pairwise(units)):
            return self.phrase_subjects(units, block)
        keys = [u.key if u.kind == "ENT" else self.ensure(u.text, block) for u in units if is_name(u)]
        return [k for k in keys if k]

    def phrase_subjects(self, units: list[Unit], block: Block) -> list[str]:
        """"Pull request notifications, merges, and CI build results all show up in Slack": a subject that is a
        comma list of short noun phrases; each phrase is a thing the clause is about."""
        if not any(u.text == "," for u in units):
            return []
        parts: list[list[Unit]] = [[]]
        for u in units:
            if u.text == "," or u.low in ("and", "or"):
                if parts[-1]:
                    parts.append([])
            else:
                parts[-1].append(u)
        parts = [p for p in parts if p]
        if parts and parts[-1][-1].low in ("all", "both"):
            parts[-1] = parts[-1][:-1]
        def verbal(u: Unit) -> bool:  # "merges", "results" may be plural nouns; "is", "running" are verbs
            return u.low in AUXILIARIES or (is_verb_form(u.text) and not u.low.endswith("s"))

        if len(parts) < 2 or any(not p or len(p) > 4 or any(u.kind == "W" and (not u.text.isalpha() or verbal(u)
                                 or u.low in STOP or _adverb(u)) for u in p)
                                 for p in parts):
            return []
        keys = [p[0].key if len(p) == 1 and p[0].kind == "ENT" else self.concept(" ".join(u.text for u in p), block)
                for p in parts]
        return [k for k in keys if k]

    def only_subject(self, subject: str, objects: list[Unit], block: Block) -> None:
        """"Only X can run in Y": Y admits X and nothing else, so Y is only available with X."""
        for u in objects:
            if u.kind == "ENT" and u.key and u.key != subject:
                self.fact(u.key, "onlyAvailableWith", subject, block, wording="only")

    def subject_of(self, units: list[Unit], block: Block) -> str | None:
        """The entity a clause is about; a noun phrase around it ("Workflow outbound messages") when
        it adds two or more words to the name."""
        # the first name that is not the object of a preposition ("for production" is not a subject)
        first = next((i for i, u in enumerate(units) if u.kind == "ENT" and
                      not (i > 0 and units[i - 1].kind == "W" and units[i - 1].low in PREPOSITIONS)), None)
        if first is None:
            return None
        key = units[first].key
        tail = []
        for u in units[first + 1:]:
            if u.kind != "W" or u.low in STOP or not u.text.isalpha():
                break
            tail.append(u)
        if len(tail) >= 2 and all(t.text.islower() for t in tail):
            return self.ensure_concept(" ".join(u.text for u in units[first:first + 1 + len(tail)]), block) or key
        return key

    def property_for(self, lemmas: list[str], negated: bool, units: list[Unit]) -> str:
        all_lemmas = lemma_tokens(" ".join(u.text for u in units if u.kind == "W"))
        prop = match_cue(lemmas, self.vocab.cues)
        if prop is None and negated:
            negative = [(c, p) for c, p in self.vocab.cues if p in ("notAvailableFor", "disabledIn")]
            prop = match_cue(all_lemmas, negative)
        if prop is None:
            content = [w for w in lemmas if w not in AUXILIARIES and w not in NEGATIONS and w not in ADVERBS
                       and w not in ("not", "n't", "nt", "n")]
            prop = "rel:" + "_".join(content[:3]) if content else "relatedTo"
        if negated:
            if prop.startswith("rel:"):
                prop = "rel:not_" + prop[4:]
            elif prop not in ("notAvailableFor", "disabledIn", "mayNot"):
                prop = self.vocab.negation.get(prop, "rel:not_" + prop)
        return prop

    def objects(self, subject: str, prop: str, units: list[Unit], block: Block, wording: str,
                negated: bool) -> int:
        chunk: list[Unit] = []
        prep = ""
        emitted = 0
        self.coordinated = []
        last_object: str | None = None
        example_of: str | None = None
        skip_as = False
        joined_to: list[Unit] | None = None  # the phrase before "and"/"or", while the next one is read
        conj_unit: Unit | None = None
        for i, u in enumerate([*units, Unit("END", "", 0, 0)]):
            nxt = units[i + 1] if i + 1 < len(units) else None
            # "uses Logplex to collect logs", "a CLI plugin for managing TLS": the object does the next verb
            if u.kind == "W" and u.low in ("to", "for") and nxt is not None and nxt.kind == "W" and \
                    (is_verb(nxt.low) and (u.low == "to" or nxt.low.endswith("ing"))) and nxt.low not in STOP:
                if chunk:
                    emitted += self.emit_chunk(subject, prop, prep, chunk, block, wording)
                    last_object = self.last_key or last_object
                    chunk = []
                actor = last_object if last_object else subject
                self.clause(units[i + 1:], actor, block, None, subject, fixed=True)
                return emitted
            if u.kind == "W" and u.low in ("after", "before", "until", "during", "when", "once") and \
                    any(x.kind == "W" and is_verb_form(x.low) for x in units[i + 1:]):
                text = " ".join(x.text for x in units[i:]).strip(" .")
                key = self.concept(text, block)
                if key:
                    self.fact(subject, prop, key, block, wording=wording)
            boundary = u.kind == "END" or (u.kind == "W" and (u.low in PREPOSITIONS or u.low in CONJUNCTIONS
                                                               or u.text in ",;()" or u.low in RELATIVES))
            if u.kind == "W" and u.low in ("e.g.", "eg", "i.e."):
                boundary = True
            if u.kind == "W" and u.low == "such" and nxt is not None and nxt.low == "as":
                # "for task such as db migrations": the examples are the objects; the noun before them
                # names their kind and gets them as examples
                example_of = self.phrase_concept(chunk, block) if chunk else self.last_key
                chunk = []
                skip_as = True
                continue
            if skip_as and u.kind == "W" and u.low == "as":
                skip_as = False
                continue
            if u.kind == "ENT" and chunk and chunk[-1].kind == "W" and chunk[-1].text.islower() and \
                    u.text[:1].isupper() and chunk[-1].low.endswith("s"):
                boundary = True  # "data add-ons Heroku PG": an appositive list starts
                emitted += self.emit_chunk(subject, prop, prep, chunk, block, wording)
                chunk = [u]
                continue
            if not boundary:
                chunk.append(u)
                continue
            if chunk:
                p = "notAvailableFor" if prep in ("except", "unlike") else prop
                emitted += self.emit_chunk(subject, p, prep, chunk, block, wording)
                if joined_to and plain_phrase(joined_to) and plain_phrase(chunk):
                    # "fast startup and graceful shutdown" is also one thing, beside its two parts
                    whole = " ".join(x.text for x in [*joined_to, conj_unit, *chunk] if x is not None)
                    key = self.concept(whole, block)
                    if key and key != subject:
                        self.fact(subject, p, key, block, wording=wording)
                joined_to, conj_unit = (chunk, u) if u.kind == "W" and u.low in ("and", "or") else (None, None)
                if not (u.kind == "W" and (u.low in CONJUNCTIONS or u.text == ",")):
                    self.coordinated = []  # a coordination ("A, B and C plans") ends here
                last_object = self.last_key or last_object
                if example_of and self.last_key and self.last_key != example_of:
                    self.fact(example_of, "example", self.last_key, block, wording="such as")
                chunk = []
            if u.kind == "W" and u.low in PREPOSITIONS:
                prep = u.low if (emitted == 0 or u.low in ("except", "unlike")) else prep
            if u.kind == "W" and u.low in RELATIVES:
                break
        return emitted

    def emit_chunk(self, subject: str, prop: str, prep: str, chunk: list[Unit], block: Block,
                   wording: str) -> int:
        self.last_key = None
        # "Valkey configurations": a generic noun after a name adds nothing, even when it is a name itself
        ents = [u.key for i, u in enumerate(chunk) if u.kind == "ENT" and u.key and u.key != subject
                and not (i > 0 and chunk[i - 1].kind == "ENT" and u.key in GENERIC_HEADS)]
        p = prop
        if prop.startswith("rel:") and prep and not prop.endswith("_" + prep):
            p = f"{prop}_{prep}"
        if any(u.kind == "W" and (u.low in AUXILIARIES or u.low in NEGATIONS) for u in chunk):
            return 0  # a verb group, not a noun phrase
        words = [u for u in chunk if u.kind != "QTY"]
        definite = bool(words) and words[0].low in ("the", "their", "its", "your")
        while words and (words[0].low in DETERMINERS or words[0].low in PRONOUNS or words[0].low in ADVERBS):
            words = words[1:]
        if definite and len(words) == 1 and words[0].kind == "W" and words[0].text.islower() \
                and is_common_word(words[0].text):
            return 0  # "view the data": the word, not the section or product called "Data"
        extra = [u for u in words if u.kind == "W" and u.low not in STOP and u.text.isalpha()
                 and key_tokens(u.low)[-1] not in GENERIC_HEADS]
        text = " ".join(u.text for u in words).strip(" .,;:-'\"‘’")
        count = 0
        named = [u for u in words if u.kind == "ENT"]
        tail = words[-1] if words else None
        if named and tail is not None and tail.kind == "W":
            cls = self.vocab.head_nouns.get(" ".join(key_tokens(tail.low)))
            if cls:  # "Postgres and redis addons", "Shield postgres plans": the names are of that class
                for key in [*self.coordinated, *(u.key for u in named)]:
                    if key in self.index.entities:
                        self.index.entities[key].classes.add(cls)
        self.coordinated = [*self.coordinated, *(str(u.key) for u in named if u.key)]
        if len(named) >= 2 and len(named) == len(words) and not extra:
            # adjacent names make one compound: "Heroku-provided data add-ons" is a thing of its own
            key = self.concept(text, block)
            if key and key != subject:
                self.fact(subject, p, key, block, wording=wording)
                self.last_key = key
                return 1
        if ents:
            for k in ents:
                self.fact(subject, p, k, block, wording=wording)
                self.last_key = k
            count = len(ents)
            if not extra or len(words) > MAX_PHRASE_WORDS:
                return count
        if not text or len(words) > MAX_PHRASE_WORDS or all(w.low in STOP for w in words if w.kind == "W"):
            return count
        key = self.concept(text, block)
        if key and key != subject:
            self.fact(subject, p, key, block, wording=wording)
            self.last_key = key
            return count + 1
        return count

    def resolve_anaphora(self, units: list[Unit], context: str | None) -> list[Unit]:
        """"the API" in a section about "SF REST API" is that API."""
        if not context:
            return units
        for i, u in enumerate(units):
            if u.kind == "ENT" and u.key and " " not in u.key and u.key != context and \
                    context.endswith(" " + u.key) and i > 0 and units[i - 1].low == "the":
                u.key = context
        return units

    def phrase_concept(self, units: list[Unit], block: Block) -> str | None:
        words = [u for u in units if u.kind != "QTY"]
        while words and (words[0].low in DETERMINERS or words[0].low in PRONOUNS):
            words = words[1:]
        text = " ".join(u.text for u in words).strip(" .,")
        return self.concept(text, block) if text and len(words) <= MAX_PHRASE_WORDS else None

    def ensure_concept(self, text: str, block: Block) -> str | None:
        text = text.strip(" .,;:")
        return self.concept(text, block) if text else None

    def object_phrase(self, subject: str, prop: str, text: str, block: Block, cls: str | None = None) -> None:
        text = text.strip(" .,;:*")
        if not text:
            return
        doc = self.doc(text)
        ents = doc.spans["kg_entities"]
        whole = [s for s in ents if s.start == 0 and s.end == len(doc)]
        if whole:
            self.fact(subject, prop, whole[0]._.entity_key, block)
            return
        key = self.concept(text, block, cls=cls)
        if key:
            self.fact(subject, prop, key, block)
            for s in ents:
                if s._.entity_key != key:
                    self.fact(key, "involves", s._.entity_key, block)

    # ------------------------------------------------------------ helpers
    def doc(self, text: str) -> Doc:
        return self.nlp(text.replace("’", "'").replace("‘", "'"))

    def linked(self, text: str) -> Doc:
        """Tokens and entity mentions only (no sentences, no quantities): for short phrases."""
        linker = self.nlp.get_pipe("kg_entities")
        doc: Doc = linker(self.nlp.make_doc(text.replace("’", "'")))
        return doc

    def units(self, doc: Doc, start: int, end: int) -> list[Unit]:
        ents = {s.start: s for s in doc.spans["kg_entities"]}
        qty = {s.start: (s, q) for s, q in zip(doc.spans["kg_quantities"], doc._.quantities or [], strict=False)}
        out: list[Unit] = []
        i = 0
        toks = list(doc)
        while i < len(toks):
            t = toks[i]
            if t.idx < start or t.idx >= end:
                i += 1
                continue
            if i in qty:
                s, q = qty[i]
                out.append(Unit("QTY", s.text, s.start_char, s.end_char, quantity=q))
                i = s.end
            elif i in ents:
                s = ents[i]
                out.append(Unit("ENT", s.text, s.start_char, s.end_char, key=s._.entity_key))
                i = s.end
            else:
                prev = out[-1] if out else None
                if prev is not None and prev.kind == "W" and not t.text.isalnum() and not prev.text.isalnum() \
                        and prev.end == t.idx and t.text not in ",;()" and prev.text not in ",;()":
                    out[-1] = Unit("W", prev.text + t.text, prev.start, t.idx + len(t.text))  # "<=>", "->"
                else:
                    out.append(Unit("W", t.text, t.idx, t.idx + len(t.text)))
                i += 1
        return out

    def first_entity(self, doc: Doc) -> str | None:
        spans = doc.spans["kg_entities"]
        return spans[0]._.entity_key if spans else None

    def whole_name(self, doc: Doc, block: Block, text: str | None = None) -> str | None:
        """An item that is only a name ("Auth0", "Staging", "shield Heroku Connect plan")."""
        ents = doc.spans["kg_entities"]
        text = (block.text if text is None else text).strip(" .")
        if len(ents) == 1 and ents[0].start == 0 and (ents[0].end == len(doc) or plan_tail(doc[ents[0].end:])):
            return str(ents[0]._.entity_key)
        key = self.index.key_of(text)
        if key in self.index.entities:
            return key
        return None

    def ensure(self, name: str, block: Block, cls: str | None = None) -> str | None:
        ent = self.index.add(Candidate(name, 2, cls, self.src(block)))
        if ent is None:
            return None
        self._form(ent.key, name)
        return ent.key

    def concept(self, text: str, block: Block, cls: str | None = None) -> str | None:
        words = text.rstrip(": ").split()
        if len(words) > 1 and is_verb_form(words[-1]) and block.text.rstrip().endswith(f"{' '.join(words)}:"):
            return None  # "Heroku Connect uses:" introduces a list; it is no thing of its own
        key = self.index.key_of(text, keep_brand=True)
        if key in self.index.entities or self.index.key_of(text) in self.index.entities:
            return key if key in self.index.entities else self.index.key_of(text)
        named = elided_name(self.index, self.index.key_of(text))
        if named is not None:  # "Shield spaces" written for "Shield Private Spaces"
            self.index.entities[named].aliases.add(text)
            self._form(named, text)
            return named
        ent = self.index.add(Candidate(text, 0, cls or "Concept", self.src(block), concept=True))
        if ent is None:
            return None
        self._form(ent.key, text)
        doc = self.linked(text)
        for s in doc.spans["kg_entities"]:
            if s._.entity_key != ent.key:
                self.fact(ent.key, "involves", s._.entity_key, block)
        return ent.key

    def _form(self, key: str, name: str) -> None:
        if name.startswith("-"):
            return
        form = tuple(key_tokens(name))
        if form:
            self.index.forms.setdefault(form, key)

    def src(self, block: Block) -> Source:
        return source_of(block)

    def fact(self, s: str, p: str, o: str, block: Block, wording: str = "") -> None:
        if s == o or s not in self.index.entities or o not in self.index.entities:
            return
        self.out.facts.append(Fact(s, p, o, self.src(block), negated=p.startswith(("rel:not_", "not")) or
                                   p in ("mayNot", "disabledIn"), wording=wording))

    def literal(self, s: str, p: str, value: str, block: Block) -> None:
        if value and s in self.index.entities:
            self.out.literals.append(LiteralFact(s, p, value, self.src(block)))


