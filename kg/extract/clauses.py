"""Clauses read from spaCy's dependency tree: subject, verb group, objects by preposition, coordination,
negation scoped to its own clause and object, conditions, exceptions and "only".

Works on any English the parser reads; nothing here names a word of the notes. Names found by the markdown
layer arrive as single tokens (merged before parsing) and carry their entity key.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kg.extract.lexicon import phrasal_verbs, word_class

Token = Any  # spacy.tokens.Token (kept loose: spaCy's stubs are partial)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
OBJECT_DEPS = frozenset({"dobj", "dative", "oprd", "attr"})
NP_MODIFIERS = frozenset({"compound", "amod", "nmod", "nummod", "poss", "quantmod", "npadvmod", "case", "nn"})
CONDITION_MARKS = frozenset({"if", "when", "whenever", "unless", "once", "while", "where"})
TIME_MARKS = frozenset({"after", "before", "until", "during", "since"})
PRONOUNS = frozenset({"it", "they", "this", "these", "them", "its", "their", "which", "that", "who"})
GENERIC_ACTORS = frozenset({"you", "we", "i", "one", "user", "users", "people", "someone", "anyone"})
# determiners that quantify or point, dropped from a phrase's label; "no" is kept as negation
DROP_DETERMINERS = frozenset({"the", "a", "an", "any", "all", "each", "every", "this", "that", "these",
                              "those", "your", "their", "its", "our", "my"})
VERSION = re.compile(r"v?\d+(?:\.\d+)+|v\d+")  # "1.0", "4.01", "v39": a number that names a version
EXAMPLE_MARKERS = ("e.g.", "eg.", "e.g", "for example", "for instance", "such as", "i.e.")


@dataclass
class Phrase:
    """A noun phrase (or a verb phrase object: "transfer the app") of a clause."""

    text: str
    head: int  # token index of its head
    key: str | None = None  # entity key when it names a known entity
    negated: bool = False  # "no X", "without X"
    verbal: bool = False  # an action ("add or remove paid add-ons"), not a thing
    start: int = 0
    end: int = 0
    qualifier: str = ""  # the noun's own preposition, kept apart: "on the connected app", "to members"
    noun: bool = False  # a noun whatever the tagger said ("Apex triggers" tagged as a verb)
    qualifier_heads: tuple[int, ...] = ()  # the nouns the qualifier names ("members" of "to members")
    qualifier_end: int = 0  # the token after the qualifier
    kind_of: str | None = None  # the named thing a modified name is a kind of ("legacy named credentials")


@dataclass
class Arg:
    phrase: Phrase
    prep: str  # "" for a direct object; "to", "for", "instead of", ...
    role: str  # dobj | attr | acomp | pobj | agent | xcomp | time
    lemma: str = ""  # the verb group this argument goes with, when not the clause's ("be prerequisite")


@dataclass
class Clause:
    verb: int  # token index of the predicate
    lemma: str  # lemmatised verb group without auxiliaries: "sync", "be available", "set up"
    subject: Phrase | None  # None: the clause's subject is the thing the text is about
    args: list[Arg] = field(default_factory=list)
    negated: bool = False
    passive: bool = False
    modal: str = ""  # can, must, should, may, will
    only: bool = False  # "only available for", "can only be used with"
    only_subject: bool = False  # "Only shield dynos can run in ...": the subject is the only one
    condition: str = ""  # "when PR closes", "if a release phase task fails"
    exceptions: list[Phrase] = field(default_factory=list)  # "except Shield Tier plans"
    examples: list[Phrase] = field(default_factory=list)  # "such as db migrations"
    example: bool = False  # the clause is a worked example ("e.g. 20 mappings = 21 connections")
    more_subjects: list[Phrase] = field(default_factory=list)  # "Premium, Private, Shield include X"

    def hold_under(self, words: str) -> None:
        """Add words to what the clause holds under ("when PR closes; in SF")."""
        if words:
            self.condition = f"{self.condition}; {words}" if self.condition else words


Resolver = Callable[[str], str | None]  # phrase text -> entity key


class ClauseReader:
    """Reads the clauses of one parsed text. `keys` maps token indices of merged names to entities;
    `resolve` names an entity for a phrase's text when one has that name."""

    def __init__(self, doc: Any, keys: dict[int, str], resolve: Resolver,
                 class_nouns: Mapping[str, str] | None = None,
                 classes_of: Callable[[str], set[str]] | None = None) -> None:
        self.doc, self.keys, self.resolve = doc, keys, resolve
        self.class_nouns: Mapping[str, str] = class_nouns or {}  # head noun -> the class it names
        self.classes_of = classes_of or (lambda key: set())

    # ------------------------------------------------------------ predicates
    def clauses(self) -> list[Clause]:
        out: list[Clause] = []
        for tok in self.doc:
            if self._is_predicate(tok):
                clause = self._clause(tok)
                if clause is not None:
                    out.append(clause)
        return out

    def _is_predicate(self, tok: Token) -> bool:
        if self._verbless_adjective(tok):
            return True
        if tok.pos_ not in ("VERB", "AUX") or tok.i in self.keys:
            return False
        if tok.pos_ == "AUX" and tok.dep_ in ("aux", "auxpass"):
            return False
        if any(getattr(self._misread_noun(c), "i", None) == tok.i for c in tok.children if c.i == tok.i + 1):
            return False  # "workloads" in "HIPAA workloads require": a noun the tagger took for a verb
        if tok.dep_ in ("ROOT", "relcl", "acl", "ccomp", "parataxis", "advcl", "conj", "xcomp", "dep", "pcomp"):
            if tok.dep_ == "advcl" and self._mark(tok) in CONDITION_MARKS | TIME_MARKS:
                return False  # a condition of the clause above, not a statement
            if tok.dep_ == "advcl" and tok.tag_ in ("VBG", "VBN") and \
                    not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
                return False  # "using any method", "leaving the release unaffected": how, not what
            if tok.dep_ == "pcomp" or (tok.dep_ == "acl" and tok.tag_ == "VBG" and not self._has_objects(tok)):
                return False  # "for making REST calls": an action object of the verb above
            if tok.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                return False  # "need to use SF API": part of the noun phrase
            if tok.dep_ == "conj" and not self._is_predicate_like(tok.head):
                return False
            if tok.dep_ == "xcomp" and (self._takes_action(tok.head) or self._gerund_object(tok)):
                return False  # "allows you to create X", "ignores sharing rules": the action is the verb's object
            # "not guaranteed to work for X": says nothing sure about working for X
            return not (tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children)
                        and tok.head.lemma_ != "be")
        return False

    def _verbless_adjective(self, tok: Token) -> bool:
        """"Eco not available with Heroku Enterprise": notes leave out "is"; the adjective with its subject
        and its prepositions is the predicate."""
        if tok.pos_ != "ADJ" or not any(c.dep_ == "prep" for c in tok.children):
            return False
        if tok.dep_ in ("acomp", "amod") and tok.i > tok.head.i and tok.head.i in self.keys and tok.head.dep_ == "ROOT":
            return True  # "server-side pooling not available for X": the parser made the name the root
        return tok.dep_ == "ROOT" and self._adjective_subject(tok) is not None

    def _adjective_subject(self, adj: Token) -> Token | None:
        """Its subject, or the name before it that the parser, finding no verb, hung on it as something else
        ("Eco/aux not available")."""
        if adj.dep_ in ("acomp", "amod") and adj.head.i in self.keys:
            return adj.head
        found = next((c for c in adj.children if c.dep_ == "nsubj"), None)
        return found or next((c for c in adj.lefts if c.i in self.keys and c.dep_ in ("aux", "intj", "dep")), None)

    def _is_predicate_like(self, tok: Token) -> bool:
        return tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT"

    def _has_objects(self, tok: Token) -> bool:
        return any(c.dep_ in OBJECT_DEPS or c.dep_ == "prep" for c in tok.children)

    @staticmethod
    def _mark(tok: Token) -> str:
        for c in tok.children:
            if c.dep_ in ("mark", "advmod") and c.i < tok.i:
                return str(c.lower_)
        return ""

    @staticmethod
    def _gerund_object(tok: Token) -> bool:
        """"ignores sharing rules", "avoids sending duplicates": a gerund right after its verb is what the verb
        does something to, no claim that the subject shares or sends."""
        return bool(tok.tag_ == "VBG" and tok.head.pos_ == "VERB" and tok.i == tok.head.i + 1)

    def _takes_action(self, verb: Token) -> bool:
        """Verbs whose object is an action: "allow/enable/let/require ... to do X" (their xcomp)."""
        return verb.lemma_ in ("allow", "enable", "let", "permit", "require", "need", "help")

    # ------------------------------------------------------------ one clause
    def _clause(self, verb: Token) -> Clause | None:
        clause = Clause(verb.i, self._verb_group(verb), self._subject(verb))
        subj = self._subject_token(verb, frozenset({"nsubj", "nsubjpass"}))
        # (noun: a misread subject; "free add-on that runs X": the text's head noun "that" stands for)
        defined = subj is not None and subj.lower_ in PRONOUNS and verb.dep_ in ("relcl", "acl") and \
            verb.head.dep_ == "ROOT"
        if clause.subject is not None and subj is not None and not clause.subject.noun and not defined:
            conjuncts = self._conjuncts(subj)
            head = self._shared_head(conjuncts)
            if head is not None:  # "nforce or JSForce libraries provide ...": each library
                clause.subject = self.phrase(head)
                clause.more_subjects = [Phrase(f"{t.text} {head.text}", t.i, self.resolve(f"{t.text} {head.text}"),
                                               start=t.i, end=t.i + 1) for t in conjuncts if t.i != head.i]
            else:
                variants = self.phrases(subj)  # "Premium, Private, Shield", "nforce or JSForce libraries"
                clause.subject = self._whole(variants[0])
                clause.more_subjects = variants[1:] + [self.phrase(c) for c in conjuncts[1:]]
        self._modifiers(verb, clause)
        named = self._subject_token(verb, SUBJECT_DEPS)
        if named is not None and named.i in self.keys:
            self._named_subject_condition(named, clause)
        self._arguments(verb, clause)
        clause.args = [a for a in clause.args if not self._gapped(verb, a)]
        self._without_condition(verb, clause)
        if verb.dep_ == "conj" and not clause.modal:
            head = self._clause_head(verb)
            if head is not None:
                clause.modal = self._modal(head)
        if self._shares_auxiliaries(verb):
            # "can't be filtered or sorted", "can't see or access": the second verb is under the same "not"
            head = verb.head
            clause.negated = clause.negated or any(c.dep_ == "neg" for c in head.children)
            if any(c.dep_ == "auxpass" for c in head.children) and not clause.passive:
                clause.passive = True
                clause.lemma = "be " + clause.lemma
        clause.example = self._in_example(verb)
        if clause.passive:
            self._activate(clause)
        if not clause.args and not clause.exceptions and clause.lemma in ("be", "have", "do"):
            return None
        return clause

    def _without_condition(self, verb: Token, clause: Clause) -> None:
        """"prevents access to members without 'Manage' permission": beside an object, "without X" says when
        the statement holds; it is no second thing the verb is done to."""
        if not any(a.role == "dobj" for a in clause.args):
            return
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "without" and c.i > verb.i and
                 not any(t.like_num for t in c.subtree)]  # "only 1 day without the add-on": an amount's
        if not preps:
            return
        clause.args = [a for a in clause.args if a.prep != "without"]
        _add_condition(clause, preps)

    def _named_subject_condition(self, subj: Token, clause: Clause) -> None:
        """"callouts through a named credential don't need X": a named subject keeps its name, and the words
        that narrow it are what the statement holds under."""
        _add_condition(clause, [c for c in subj.children if c.dep_ == "prep" and c.i > subj.i and c.lower_ != "of" and
                                any(o.dep_ == "pobj" for o in c.children)])

    def _shares_auxiliaries(self, verb: Token) -> bool:
        """A verb joined to the one before it by "or"/"and" in the same form, with no subject or auxiliary of
        its own: it shares that verb's auxiliaries and negation ("not X but Y" shares nothing)."""
        if verb.dep_ != "conj" or verb.head.pos_ not in ("VERB", "AUX") or verb.tag_ != verb.head.tag_:
            return False
        if any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass", "neg") for c in verb.children):
            return False
        between = self.doc[verb.head.i + 1:verb.i]
        return not any(t.lower_ in ("but", "yet") for t in between) and len(between) <= 3

    def _clause_head(self, verb: Token) -> Token | None:
        head = verb.head
        while head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
        return head if head.i != verb.i else None

    @staticmethod
    def _reduced_passive(verb: Token) -> bool:
        """"Snapshot Mode not supported": a past form under "not" with no auxiliary is no active past (that
        takes "did not support"), so it is a passive with its "is" left out."""
        return verb.tag_ in ("VBD", "VBN") and any(c.dep_ == "neg" for c in verb.children) and \
            not any(c.dep_ in ("aux", "auxpass") for c in verb.children)

    def _verb_group(self, verb: Token) -> str:
        parts = [verb.lemma_.lower()]
        if self._verbless_adjective(verb):
            return f"be {parts[0]}"
        for c in verb.children:
            if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == verb.i + 1 and
                                   f"{parts[0]} {c.lower_}" in phrasal_verbs()):
                parts.append(c.lower_)  # "brings together", "are thrown away": the adverb is the verb's particle
        if verb.lemma_ == "be":
            comp = next((c for c in verb.children if c.dep_ in ("acomp",)), None)
            if comp is not None:
                parts = ["be", comp.lemma_.lower()]
        elif any(c.dep_ == "auxpass" for c in verb.children) or self._reduced_passive(verb) or \
                (verb.dep_ in ("acl", "ROOT") and verb.tag_ == "VBN"
                 and not any(c.dep_ == "aux" for c in verb.children)):
            parts = ["be", *parts]
        return " ".join(parts)

    def _subject_token(self, verb: Token, deps: frozenset[str]) -> Token | None:
        """A verb has one subject. Given two, where the first is a phrase of its own before a comma ("stricter
        enforcement for X, TLS 1.0 cannot be used"), the one nearest the verb; a list ("PG, KVS, Kafka
        connect") keeps its first."""
        subjects = [c for c in verb.children if c.dep_ in deps]
        gerund = next((c for c in verb.children if c.dep_ == "csubj" and c.tag_ == "VBG"), None)
        if gerund is not None and all(gerund.i < c.i for c in subjects):
            return gerund  # "Disabling the URL invalidates the links": the disabling does, not the URL
        if not subjects and self._verbless_adjective(verb):
            return self._adjective_subject(verb)
        if not subjects and verb.tag_ in ("VBZ", "VBP", "VBD") and verb.i > 0:
            # "release phase runs during ...": a name hung on a finite verb as its "compound" is its subject
            before = self.doc[verb.i - 1]
            if before.dep_ == "compound" and before.head.i == verb.i and before.i in self.keys:
                return before
        if len(subjects) < 2:
            return subjects[0] if subjects else None
        first, near = subjects[0], max((c for c in subjects if c.i < verb.i), key=lambda c: c.i, default=subjects[0])
        phrase = any(t.dep_ == "prep" for t in first.subtree)
        return near if phrase else first

    def _subject(self, verb: Token) -> Phrase | None:
        fragment = self._comma_subject(verb)
        if fragment is not None:
            return self.phrase(fragment)
        misread = self._misread_subject(verb)
        if misread is not None:
            return misread
        subj = self._subject_token(verb, SUBJECT_DEPS)
        if subj is None and verb.dep_ == "conj":
            head = self._clause_head(verb)
            if imperative_conjunct(verb):
                return None  # "keeps the last lines, use a log drain for more": "use" is said to the reader
            return self._subject(head) if head is not None else None
        if subj is None and verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return self.phrase(verb.head)
        if subj is None and verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children):
            return None  # "Can only mix X, Basic dynos can't be mixed": a clause of its own the parser hung on
        if subj is None and verb.dep_ == "advcl" and verb.i < verb.head.i and verb.tag_ in ("VBZ", "VBP", "VBD") \
                and not any(c.dep_ == "mark" for c in verb.children):
            return None  # "needs X, a Ferry Tug doesn't fit": a finite verb before a comma says of the text's subject
        if subj is None and verb.dep_ in ("xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
            obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            # "uses Logplex to collect logs": Logplex collects; "need to communicate": the subject does
            if obj is not None and obj.lower_ not in GENERIC_ACTORS:
                return self.phrase(obj)
            return self._subject(verb.head)
        if subj is None:
            return None
        if subj.dep_ == "expl":
            return None
        if subj.lower_ in PRONOUNS:
            if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
                return self.phrase(verb.head)  # "editions that have API access"
            return None
        phrase = self._whole(self.phrase(subj))
        if subj.tag_ == "VBZ":
            phrase.noun = True  # "Reefer loads need ...": a subject in "-s" is a plural noun, whatever its tag
        return phrase

    def _whole(self, phrase: Phrase) -> Phrase:
        """A subject with its qualifier in its words: "rapid updates to the same record" is what causes."""
        if not phrase.qualifier or phrase.key is not None or \
                any(self.doc[i].i in self.keys for i in phrase.qualifier_heads):
            return phrase  # "nforce libraries for Node.js": a name in the qualifier is a thing of its own
        text = f"{phrase.text} {phrase.qualifier}"
        return Phrase(text, phrase.head, self.resolve(text), phrase.negated, phrase.verbal, phrase.start,
                      max(phrase.end, phrase.qualifier_end))

    def _comma_subject(self, verb: Token) -> Token | None:
        """"X requires Y, Classic Encryption not supported": a participle with its own "not", after a comma,
        says something of the noun just before the "not", whatever word the parser hung it on."""
        negs = [c.i for c in verb.children if c.dep_ == "neg" and c.i < verb.i]
        if verb.tag_ != "VBN" or verb.dep_ not in ("acl", "relcl") or not negs or negs[0] != verb.i - 1:
            return None
        before = self.doc[negs[0] - 1] if negs[0] > 0 else None
        if before is None or before.pos_ not in ("NOUN", "PROPN"):
            return None
        comma = next((t for t in reversed(self.doc[:before.i]) if t.text in (",", ";")), None)
        if comma is None or verb.head.i > comma.i:
            return None  # no comma between: the parser's noun is the one meant
        return before

    def _misread_subject(self, verb: Token) -> Phrase | None:
        """"Apex triggers not supported", "Bulk writes not allowed": a plural noun right before "not" that the
        tagger took for a verb ("triggers", "writes"); a verb there would need "do" or "be" ("does not
        support"), so it is the subject of the participle, with the words before it."""
        noun = self._misread_noun(verb)
        if noun is None:
            return None
        before = [t for c in (*noun.children, *verb.children) if c.dep_ in ("nsubj", "nsubjpass", "compound", "amod")
                  and c.i < noun.i for t in c.subtree]
        toks = sorted({*before, noun}, key=lambda t: t.i)
        if toks[-1].i - toks[0].i + 1 != len(toks):
            return None  # words apart from the noun: not one phrase
        text = _join(toks)
        return Phrase(text, noun.i, self.resolve(text), start=toks[0].i, end=noun.i + 1, noun=True)

    def _misread_noun(self, verb: Token) -> Token | None:
        """The "-s" word before a verb that can only be a noun: before "not" and a participle ("Apex triggers
        not supported"), or right before a finite verb ("HIPAA workloads require a BAA": two finite verbs in a
        row are no English)."""
        negs = [c.i for c in verb.children if c.dep_ == "neg" and c.i == verb.i - 1]
        if verb.tag_ in ("VBN", "VBD") and negs and negs[0] > 0:
            noun = self.doc[negs[0] - 1]
            linked = (verb.dep_ in ("acl", "ccomp") and verb.head.i == noun.i) or \
                (noun.dep_ == "auxpass" and noun.head.i == verb.i)
        elif verb.tag_ in ("VBP", "VBD") and verb.pos_ == "VERB" and verb.i > 0:
            noun = self.doc[verb.i - 1]
            linked = verb.head.i == noun.i and not any(c.dep_ in ("dobj", "aux", "neg") for c in noun.children)
        else:
            return None
        if not linked or noun.tag_ != "VBZ" or noun.lemma_ in ("be", "have", "do", "get") or noun.i in self.keys:
            return None
        return noun

    def _modal(self, verb: Token) -> str:
        for c in verb.children:
            if c.dep_ == "aux" and c.tag_ == "MD":
                return str(c.lemma_.lower())
        return ""

    def _modifiers(self, verb: Token, clause: Clause) -> None:
        clause.modal = self._modal(verb)
        clause.passive = any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children) or \
            self._reduced_passive(verb) or \
            (verb.dep_ in ("acl", "ROOT") and verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children))
        if verb.dep_ == "xcomp" and verb.head.lemma_ == "be":
            # "It is not possible to perform X": the negation and the modal of "is possible" are the verb's
            comp = next((c for c in verb.head.children if c.dep_ == "acomp"), None)
            if any(c.dep_ == "neg" for c in verb.head.children) or \
                    (comp is not None and any(c.dep_ == "neg" for c in comp.children)):
                clause.negated = True
        for c in verb.children:
            if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never", "not")):
                clause.negated = True
            elif c.dep_ == "advmod" and c.lower_ == "only":
                clause.only = True
            elif c.dep_ in ("prep", "acomp") and any(g.dep_ == "advmod" and g.lower_ == "only" for g in c.children):
                clause.only = True  # "available only for X"
            elif c.dep_ == "advcl" and self._mark(c) in CONDITION_MARKS:
                clause.condition = self._text(c, with_mark=True)
        if clause.lemma.startswith("be ") or clause.lemma == "be":
            comp = next((c for c in verb.children if c.dep_ == "acomp"), None)
            if comp is not None and any(g.dep_ == "advmod" and g.lower_ == "only" for g in comp.children):
                clause.only = True
            if comp is not None and any(g.dep_ == "neg" for g in comp.children):
                clause.negated = True
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None:
            if any(g.lower_ == "only" and g.dep_ == "advmod" for g in subj.children) or \
                    (subj.i > 0 and self.doc[subj.i - 1].lower_ == "only") or \
                    any(g.lower_ == "only" for g in self._left_edge_tokens(subj)):
                clause.only_subject = True
            if any(g.dep_ == "det" and g.lower_ == "no" for g in subj.children):
                clause.negated = True  # "no dyno can ..."

    def _left_edge_tokens(self, tok: Token) -> list[Token]:
        return list(self.doc[tok.left_edge.i:tok.i])

    def actions(self) -> list[Phrase]:
        """A text that is only coordinated verb phrases with no subject ("Deploy code, run one-off dynos,
        add or remove free add-ons"): each action, "add or remove X" kept whole."""
        root = next((t for t in self.doc if t.dep_ == "ROOT"), None)
        if root is None or root.pos_ != "VERB" or \
                any(c.dep_ in SUBJECT_DEPS and c.lower_ not in PRONOUNS for c in root.children):
            return []
        verbs = [root]
        i = 0
        while i < len(verbs):
            verbs.extend(c for c in verbs[i].children
                         if (c.dep_ in ("conj", "dep") or self._listed_action(c)) and c.pos_ == "VERB" and
                         c.i not in {v.i for v in verbs})
            i += 1
        # "..., and view and edit configuration variables": a verb the tagger took for a noun, and its own
        tagged = {c.i for v in verbs for c in v.children if c.dep_ == "conj" and c.i > v.i and _verb_as_noun(c)}
        verbs.extend(c for i in tagged for c in self.doc[i].children if c.dep_ == "conj" and c.pos_ == "VERB")
        verbs.extend(self.doc[i] for i in tagged)
        verbs.sort(key=lambda t: t.i)
        out: list[Phrase] = []
        pending: Token | None = None
        for v in verbs:
            own = self._own_tokens(v, verbs)
            objects = ("dobj", "prep", "prt", "dative", "attr", "acomp", *(("conj", "compound") if v.i in tagged
                                                                           else ()))
            if not any(t.dep_ in objects for t in own if t.head.i == v.i):
                pending = pending or v  # "add or remove paid add-ons": "add" shares the object after it
                continue
            each = self._each_object(v) if pending is None else []
            if each:
                out.extend(each)  # "read topics, queues, dead letters": one action per thing read
                continue
            start = (pending or v).i
            toks = list(self.doc[start:max(t.i for t in own) + 1])
            toks = [t for t in toks if not (t.dep_ == "det" and t.lower_ in DROP_DETERMINERS)]
            negated = any(c.dep_ == "neg" for c in v.children)  # "can't delete projects"
            toks = [t for t in toks if not (t.head.i == v.i and t.dep_ in ("aux", "neg") and t.i < v.i)]
            while toks and (toks[-1].is_punct or toks[-1].dep_ == "cc"):
                toks = toks[:-1]
            while toks and (toks[0].is_punct or toks[0].dep_ in ("cc", "aux", "neg")):
                toks = toks[1:]
            if toks:
                out.append(Phrase(_join(toks), v.i, None, negated=negated, verbal=True, start=toks[0].i,
                                  end=toks[-1].i + 1))
            pending = None
        return out

    def _each_object(self, verb: Token) -> list[Phrase]:
        """A verb with a list of plain nouns as its only object: the verb with each of them."""
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if not objs or any(c.dep_ in ("prep", "prt", "dative", "xcomp", "ccomp") for c in verb.children):
            return []
        conjuncts = [t for o in objs for t in self._conjuncts(o)]  # "read topics, queues, dead letters"
        if len(conjuncts) < 2 or any(t.pos_ not in ("NOUN", "PROPN") for t in conjuncts):
            return []
        negated = any(c.dep_ == "neg" for c in verb.children)
        out = []
        for t in conjuncts:
            thing = self.phrase(t)
            if thing.qualifier or any(c.dep_ in ("prep", "relcl", "acl") for c in t.children):
                return []  # a thing with words of its own after it: read whole
            out.append(Phrase(f"{verb.text} {thing.text}", t.i, None, negated=negated, verbal=True,
                              start=thing.start, end=thing.end))
        return out

    def _listed_action(self, verb: Token) -> bool:
        """"Deploy code, run one-off dynos, add ...": a base-form verb after a comma, with no subject or mark
        of its own, is the next action of the list, however the parser hung it ("advcl")."""
        return verb.dep_ == "advcl" and verb.tag_ == "VB" and verb.i > 0 and self.doc[verb.i - 1].text == "," and \
            not any(c.dep_ in ("mark", "aux", *SUBJECT_DEPS) for c in verb.children)

    def _own_tokens(self, verb: Token, verbs: list[Token]) -> list[Token]:
        """The verb and its words, without the other coordinated verbs."""
        out = [verb]
        for c in verb.children:
            if c.i in {v.i for v in verbs} or c.dep_ in ("cc", "punct"):
                continue
            out.extend(c.subtree)
        return out

    # ------------------------------------------------------------ arguments
    def _arguments(self, verb: Token, clause: Clause) -> None:
        for c in verb.children:
            if c.dep_ in OBJECT_DEPS:
                if c.dep_ == "attr" and c.pos_ == "NOUN" and self._is_quantity_only(c):
                    continue
                if self._object_after_comma(verb, c):
                    continue
                relational = c.dep_ == "attr" and verb.lemma_ == "be" and c.i not in self.keys and \
                    any(p.dep_ == "prep" and p.lower_ != "of" for p in c.children)
                if relational:
                    self._attr_preps(clause, c)  # "is a prerequisite for X": the noun is the relation
                else:
                    self._add(clause, c, "", "attr" if c.dep_ == "attr" else "dobj")
            elif c.dep_ == "acomp":
                for p in c.children:
                    if p.dep_ == "prep":
                        self._prep(clause, p)
            elif c.dep_ == "prep" and c.lower_ in TIME_MARKS and any(d.dep_ == "dobj" for d in verb.children):
                _add_condition(clause, [c])  # "require a BAA before storing PHI": when the object is needed
            elif c.dep_ == "prep" and self._fronted(verb, c):
                _add_condition(clause, [c])  # "For apps connected to GitHub, Heroku can spin up ...": where it holds
            elif c.dep_ == "prep" and self.doc[c.i - 1].text == "," and \
                    any(d.dep_ == "dobj" and d.i < c.i for d in verb.children):
                _add_condition(clause, [c])  # "requires a Shield Private Space, for HIPAA data": what for
            elif c.dep_ == "prep":
                self._prep(clause, c)
            elif c.dep_ == "agent":
                for o in c.children:
                    if o.dep_ == "pobj" and o.lower_ != "default":  # "enabled by default" names no agent
                        self._add(clause, o, "by", "agent")
            elif c.dep_ == "xcomp" and (self._takes_action(verb) or self._gerund_object(c)):
                clause.args.append(Arg(self.action(c), "", "xcomp"))
            elif c.dep_ == "advcl" and self._mark(c) in TIME_MARKS and \
                    any(g.dep_ in SUBJECT_DEPS for g in c.children):  # "until resolved" names no event
                # "cannot be enabled after a Private Space has been created"
                clause.args.append(Arg(Phrase(self._text(c, with_mark=True), c.i, verbal=True, start=c.left_edge.i,
                                              end=c.right_edge.i + 1), "", "time"))
            elif c.dep_ == "advmod" and c.lower_ == "instead":
                for p in c.children:
                    if p.dep_ == "prep":
                        for o in p.children:
                            if o.dep_ == "pobj":
                                self._add(clause, o, "instead of", "pobj")
        if not any(a.role == "dobj" for a in clause.args) and not any(c.dep_ in OBJECT_DEPS for c in verb.children):
            own = [c.i for c in verb.children if c.dep_ in ("prep", "advmod", "npadvmod", "acomp", "advcl")]
            # "can't see or access the tab" shares it; "runs after midnight and carries trucks" does not
            for conj in (c for c in verb.children if c.dep_ == "conj" and self._shares_auxiliaries(c) and
                         not any(verb.i < i < c.i for i in own)):
                for obj in (c for c in conj.children if c.dep_ == "dobj"):
                    self._add(clause, obj, "", "dobj")  # "can't see or access the tab": the tab is seen too

    def _fronted(self, verb: Token, prep: Token) -> bool:
        """A preposition before the subject and a comma ("For large crossings, the harbor assigns ...") sets
        the scene of the clause; it names no thing the verb acts on."""
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None or prep.i > subj.i:
            return False
        between = self.doc[prep.right_edge.i + 1:subj.left_edge.i]
        verbs = [t for t in prep.subtree if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "acl")]
        return any(t.text == "," for t in between) and not verbs  # (a phrase, no clause of its own)

    def _object_after_comma(self, verb: Token, obj: Token) -> bool:
        """"signed JWT from a certificate, no user interaction": a second object, after a comma and away from
        the first, is an item of a list of its own, no object of the verb (a verb takes one direct object)."""
        if obj.dep_ != "dobj":
            return False
        first = next((c for c in verb.children if c.dep_ == "dobj" and c.i < obj.i), None)
        return first is not None and any(t.text in (",", ";") for t in self.doc[first.right_edge.i + 1:obj.left_edge.i])

    def _attr_preps(self, clause: Clause, attr: Token) -> None:
        """"X is a prerequisite for using Y": the noun and its preposition make the verb group."""
        for p in attr.children:
            if p.dep_ != "prep" or p.lower_ == "of":
                continue
            before = len(clause.args)
            self._prep(clause, p)
            for arg in clause.args[before:]:
                arg.lemma = f"be {attr.lemma_.lower()}"

    def _is_quantity_only(self, tok: Token) -> bool:
        return any(c.dep_ == "nummod" for c in tok.children) and not any(
            c.dep_ in ("compound", "amod") for c in tok.children)

    def _prep(self, clause: Clause, prep: Token) -> None:
        word = prep.lower_
        before = self.doc[max(0, prep.i - 3):prep.i].text.lower().rstrip(" ,")
        if any(before.endswith(m) for m in EXAMPLE_MARKERS):
            return  # "require MFA, e.g. on a large report export": an example of where, no thing required
        if word in ("upto",):
            word = "up to"
        objs = [o for o in prep.children if o.dep_ == "pobj" and o.lower_ not in ("example", "instance")]
        comps = [o for o in prep.children if o.dep_ == "pcomp"]
        if prep.head.lower_ == "instead" or (word == "of" and self.doc[prep.i - 1].lower_ == "instead"):
            word = "instead of"
        for inner in prep.children:  # "such as X", "up to X"
            if inner.dep_ == "prep":
                self._prep(clause, inner)
        if word in ("except", "excluding", "but"):
            clause.exceptions += [self.phrase(o) for o in objs for o in self._conjuncts(o)]
            return
        if word in ("like",) or (word == "as" and prep.head.lower_ == "such"):
            clause.examples += [self.phrase(o) for o in objs for o in self._conjuncts(o)]
            return
        for o in objs:
            self._add(clause, o, word, "pobj")
        dobj = next((a for a in clause.args if a.role == "dobj" and not a.phrase.key and a.phrase.end == prep.i), None)
        if word == "for" and dobj is not None and any(c.tag_ == "VBG" for c in comps) and not objs:
            # "provide wrapper for invoking the API": what the object is for belongs to the object
            end = prep.right_edge.i + 1
            dobj.phrase = Phrase(f"{dobj.phrase.text} {_join(list(self.doc[prep.i:end]))}", dobj.phrase.head,
                                 None, dobj.phrase.negated, dobj.phrase.verbal, dobj.phrase.start, end)
            return
        for comp in comps:
            if comp.pos_ in ("VERB", "AUX"):
                clause.args.append(Arg(self.action(comp), word, "pobj"))
            else:
                self._add(clause, comp, word, "pobj")

    def _gapped(self, verb: Token, arg: Arg) -> bool:
        """"start at standard-0, mission critical at premium-0": after a comma, a noun with the preposition the
        verb had before is another subject and object with the verb left out, no object of the verb."""
        head = self.doc[arg.phrase.head]
        if head.i <= verb.i or head.left_edge.i == 0 or self.doc[head.left_edge.i - 1].text != ",":
            return False
        said = {c.lower_ for c in verb.children if c.dep_ == "prep" and c.i < head.i}
        return any(t.dep_ == "prep" and t.lower_ in said and t.i > head.i for t in head.subtree)

    def _add(self, clause: Clause, tok: Token, prep: str, role: str, negated: bool = False) -> None:
        listed = self._modifier_list(tok)
        if listed:  # "for Performance, Private, and Shield-tier dynos", however the parser hung it
            clause.args.extend(Arg(p, prep, role) for p in listed)
            return
        conjuncts = self._conjuncts(tok)
        head = self._shared_head(conjuncts)
        added: list[Arg] = []
        for t in conjuncts:
            for phrase in self.phrases(t):
                if (head is not None and t.i != head.i and len(list(t.subtree)) == 1 and phrase.key is None) or \
                        (head is not None and t.i != head.i and t.pos_ in ("ADJ",)):
                    text = f"{t.text} {head.text}"  # "Performance, Private, and Shield-tier dynos"
                    phrase = Phrase(text, t.i, self.resolve(text), start=t.i, end=t.i + 1)
                phrase.negated = phrase.negated or negated
                restricted = self._relative(t)
                if restricted:  # "only with Salesforce editions that have API access": which ones
                    phrase.qualifier = "; ".join(q for q in (phrase.qualifier, restricted) if q)
                added.append(Arg(phrase, prep, role))
        if len(added) > 1 and any(c.dep_ == "cc" and c.lower_ == "or" for t in conjuncts for c in t.children):
            for arg in added:  # "needs Heroku Enterprise or a verified Heroku Team": either one, not both
                others = " or ".join(a.phrase.text for a in added if a is not arg)
                arg.phrase.qualifier = "; ".join(q for q in (arg.phrase.qualifier, f"or {others}") if q)
        clause.args.extend(added)

    def _relative(self, tok: Token) -> str:
        """The words of a short relative clause that restricts an object ("editions that have API access"),
        or ""."""
        rel = next((c for c in tok.children if c.dep_ == "relcl" and c.i > tok.i), None)
        if rel is None:
            return ""
        words = sorted(rel.subtree, key=lambda t: t.i)
        if len(words) > 8 or not any(t.lower_ in ("that", "which", "who", "whose") for t in words[:2]):
            return ""
        return _join(words)

    def _modifier_list(self, tok: Token) -> list[Phrase]:
        """"Performance, Private, and Shield-tier dynos" read by its words: one-word parts and a last part of
        one modifier and a plural noun are each one of that noun. Empty when the words are no such list."""
        span: list[Token] = []
        for t in self.doc[tok.left_edge.i:]:  # the words from the object on, as far as they can list
            if t.pos_ not in ("ADJ", "PROPN", "NOUN") and t.text not in (",", "-") and \
                    not (t.dep_ == "cc" and t.lower_ in ("and", "or")):
                break
            span.append(t)
        parts: list[list[Token]] = [[]]
        for t in span:
            if t.text == "," or (t.dep_ == "cc" and t.lower_ in ("and", "or")):
                if parts[-1]:
                    parts.append([])
            else:
                parts[-1].append(t)
        parts = [part for part in parts if part]
        words = [_hyphen_words(part) for part in parts]
        if len(words) < 3 or any(len(w) != 1 or " " in w[0] for w in words[:-1]) or len(words[-1]) != 2:
            return []  # a part of its own words ("Heroku Pipelines", merged) is a name, no modifier
        head = parts[-1][-1]
        if head.tag_ != "NNS" or span[-1].i != head.i:
            return []
        out = []
        for w in [*words[:-1], words[-1][:1]]:
            text = f"{w[0]} {head.text}"
            out.append(Phrase(text, head.i, self.resolve(text), start=head.i, end=head.i + 1))
        return out

    def _shared_head(self, conjuncts: list[Token]) -> Token | None:
        """The noun that ends a list of modifiers and is meant for each: "Private and Shield dynos"."""
        if len(conjuncts) < 2:
            return None
        last = max(conjuncts, key=lambda t: t.i)
        mods = [t for t in conjuncts if t.i != last.i]
        if last.pos_ != "NOUN" or not any(c.dep_ in ("amod", "compound") for c in last.children):
            return None
        if all(t.pos_ in ("ADJ", "PROPN", "NOUN") and t.tag_ not in ("NNS", "NNPS") and  # ("topics and consumer
               len(list(t.children)) <= 2 and t.i not in self.keys and  # groups": a plural modifies nothing)
               t.i < last.i and not any(c.dep_ in ("compound", "amod") for c in t.children) for t in mods) and \
                any((c.dep_ in ("amod", "compound") and c.i in {m.i for m in mods}) or c.dep_ in ("amod", "compound")
                    for c in last.children):
            return last
        return None

    def _conjuncts(self, tok: Token) -> list[Token]:
        out = [tok]
        for c in tok.children:
            # "v39 or higher" holds no second thing
            if (c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "ADJ", "NUM", "X", "VERB") and c.i != tok.i and
                    c.tag_ not in ("JJR", "RBR") and not (c.pos_ == "VERB" and tok.pos_ in ("NOUN", "PROPN"))) or \
                    (c.dep_ == "appos" and c.i in self.keys and not self._says_of(c)):
                out.extend(self._conjuncts(c))
        return out

    def _says_of(self, tok: Token) -> bool:
        """Whether a participle after a comma says something of this noun ("Classic Encryption not supported")."""
        return any(getattr(self._comma_subject(t), "i", None) == tok.i
                   for t in self.doc[tok.i + 1:tok.i + 3] if t.tag_ == "VBN")

    def _activate(self, clause: Clause) -> None:
        """"X is used by Y" reads as "Y uses X" when an agent is given."""
        agents = [a for a in clause.args if a.role == "agent"]
        if len(agents) != 1 or clause.subject is None:
            return
        agent = agents[0]
        clause.args = [a for a in clause.args if a is not agent] + [Arg(clause.subject, "", "dobj")]
        clause.subject = agent.phrase
        clause.lemma = clause.lemma[3:] if clause.lemma.startswith("be ") else clause.lemma
        clause.passive = False

    def _in_example(self, verb: Token) -> bool:
        before = self.doc[:verb.i].text.lower()
        return any(before.rstrip().endswith(m) or f" {m} " in f" {before} " for m in EXAMPLE_MARKERS) and \
            any(t.like_num for t in self.doc[verb.i:])

    # ------------------------------------------------------------ phrases
    def phrases(self, tok: Token) -> list[Phrase]:
        """The phrase of a noun, and one per coordinated modifier: "Private and Shield Heroku Postgres" ->
        "Private Heroku Postgres", "Shield Heroku Postgres"."""
        base = self.phrase(tok)
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i]
        for m in mods:
            alts = [c for c in m.children if c.dep_ == "conj" and c.pos_ in ("ADJ", "PROPN", "NOUN")]
            if alts and m.i in self.keys and all(a.i in self.keys for a in alts):
                # "Turbo and Vault-tier workers": each name with the noun when the notes name that;
                # "Redix and Valka configurations": else the names themselves, the noun is what they are
                out = []
                noun_class = self.class_nouns.get(tok.lemma_.lower())
                for x in [m, *alts]:
                    joined = f"{x.text} {tok.text}"
                    key = self.resolve(joined)
                    kinds = self.classes_of(self.keys[x.i])
                    # "Shield spaces" names no space of the name; "Shield KVS plans" are its plans, the name
                    other = noun_class not in (None, "Plan") and noun_class not in kinds
                    out.append(Phrase(joined, tok.i, key, start=x.i, end=tok.i + 1) if key or other else
                               Phrase(x.text, x.i, self.keys[x.i], start=x.i, end=x.i + 1))
                return out
            if alts:
                out = [base]
                for alt in alts:
                    if alt.i in self.keys:  # "Heroku Teams and Heroku Enterprise customers": the name alone
                        out.append(Phrase(alt.text, alt.i, self.keys[alt.i], start=alt.i, end=alt.i + 1))
                        continue
                    text = base.text.replace(m.text, alt.text, 1) if m.text in base.text else base.text
                    out.append(Phrase(text, tok.i, self.resolve(text), start=base.start, end=base.end))
                return out
        return [base]

    def phrase(self, tok: Token) -> Phrase:
        phrase = self._phrase(tok)
        # "needs no Ferry Token": "no" says the thing is not there, named or not
        phrase.negated = phrase.negated or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
        return phrase

    def _phrase(self, tok: Token) -> Phrase:
        if tok.i in self.keys:
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i and
                    ((c.pos_ in ("ADJ", "NOUN") and c.i not in self.keys) or
                     (c.pos_ == "PROPN" and c.text.islower() and c.i not in self.keys) or  # (a first word: "legacy")
                     (c.i in self.keys and c.i == tok.i - 1 and not list(c.children)))]
            # "TLS 1.0 cannot be used": a version right after a name is part of what is said
            version = next((c for c in tok.children if c.dep_ == "nummod" and c.i == tok.i + 1 and
                            VERSION.fullmatch(c.lower_)), None)
            if version is not None:
                text = _join([*sorted(mods, key=lambda t: t.i), tok, version])
                return Phrase(text, tok.i, self.resolve(text), start=min([tok.i, *(m.i for m in mods)]),
                              end=version.i + 1)
            if not mods:
                return Phrase(tok.text, tok.i, self.keys[tok.i], start=tok.i, end=tok.i + 1)
            # "legacy named credentials", "base dynos": a kind of the named thing, not the thing
            text = _join(sorted([*mods, tok], key=lambda t: t.i))
            kind_of = self.keys[tok.i] if all(_kind_word(m) for m in mods) else None
            return Phrase(text, tok.i, self.resolve(text), start=mods[0].i, end=tok.i + 1, kind_of=kind_of)
        if tok.pos_ in ("VERB", "AUX"):
            return self.action(tok)
        toks = _with_hyphen_words(sorted(self._np_tokens(tok), key=lambda t: t.i))
        qualifier = self._qualifier(tok, toks)
        toks = [t for t in toks if t.i not in qualifier]
        negated = any(t.dep_ == "det" and t.lower_ == "no" for t in tok.children)
        toks = [t for t in toks if not (t.dep_ in ("det", "predet", "poss") and
                                        (t.lower_ in DROP_DETERMINERS or t.lower_ == "no") and not _letter_name(t))]
        while toks and toks[0].is_punct:
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].dep_ == "case"):
            toks = toks[:-1]
        text = _join(toks) if toks else tok.text
        key = self.resolve(text)
        if key is None and len(toks) > 1:
            key = self._named_head([t for t in toks if t.i <= tok.i])
        return Phrase(text, tok.i, key, negated=negated, start=toks[0].i if toks else tok.i,
                      end=(toks[-1].i + 1) if toks else tok.i + 1,
                      qualifier=_join([self.doc[i] for i in sorted(qualifier)]),
                      qualifier_heads=tuple(c.i for i in sorted(qualifier) for c in self.doc[i].children
                                            if c.dep_ == "pobj" and self.doc[i].head.i == tok.i),
                      qualifier_end=max(qualifier, default=-1) + 1)

    def _qualifier(self, tok: Token, toks: list[Token]) -> set[int]:
        """The tokens of the noun's own prepositions other than "of" ("access to members"): what narrows the
        thing, kept with the statement rather than in the thing's name, so one thing stays one node."""
        have = {t.i for t in toks}
        out: set[int] = set()
        for c in tok.children:
            if c.dep_ == "prep" and c.i > tok.i and c.lower_ != "of" and c.i in have:
                out |= {t.i for t in c.subtree if t.i in have}
            elif c.dep_ == "acl" and c.tag_ == "VBN" and c.i == tok.i + 1 and \
                    any(g.dep_ in ("prep", "agent") for g in c.children):
                out |= {t.i for t in c.subtree}  # "a pipeline connected to GitHub": which pipeline
        return out

    def _named_head(self, toks: list[Token]) -> str | None:
        """"the Ordered Writes algorithm", "the Heroku Connect add-on": a name followed by the noun of its
        class is the name (the class noun says what kind of thing it is)."""
        head = toks[-1]
        if head.i in self.keys:
            return self.keys[head.i]
        if len(toks) >= 2 and toks[-2].i in self.keys and head.lemma_.lower() in self.class_nouns and \
                " " in self.keys[toks[-2].i]:
            return self.keys[toks[-2].i]
        return None

    def _np_tokens(self, tok: Token, top: bool = True, free: bool = False) -> list[Token]:
        """The tokens of a noun's phrase. Within the name (below the head, in an "of"), a preposition naming a
        thing relates and stays out ("part of Enterprise license vis SKU"); within a qualifier, all stay."""
        out = [tok]
        for c in tok.children:
            if c.dep_ == "advmod" and c.i < tok.i and not top and tok.dep_ == "amod" and c.pos_ in ("ADV", "ADJ") and \
                    (not c.is_stop or c.tag_ in ("RBS", "RBR")):  # (not "only", "as", "also"; "most" stays)
                out.append(c)  # "short lived logs", "fully managed service": the modifier's own modifier
                # "least recently used keys": a degree word there reverses what is meant, it stays
                out.extend(g for g in c.children if g.dep_ == "advmod" and g.tag_ in ("RBS", "RBR", "JJS", "JJR"))
            elif c.i > tok.i and c.dep_ in NP_MODIFIERS and any(t.text == "," for t in self.doc[tok.i:c.left_edge.i]):
                continue  # "keys, good for caches": what follows a comma is said of the noun, not part of it
            elif c.dep_ in NP_MODIFIERS or c.dep_ in ("det", "predet") or \
                    (c.dep_ == "prep" and c.i > tok.i and self._own_prep(c) and self.doc[c.i - 1].text != "," and
                     (top or free or c.lower_ == "of" or not any(t.i in self.keys for t in c.subtree))) or \
                    (c.dep_ == "pobj" and tok.dep_ == "prep"):
                qualifying = free or (top and c.dep_ == "prep" and c.lower_ != "of")
                out.extend(self._np_tokens(c, top=False, free=qualifying))
            elif c.dep_ == "acl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) and \
                    not any(g.dep_ in NP_MODIFIERS for g in tok.children) and tok.i not in self.keys:
                out.extend(c.subtree)  # "need to use SF API" (a bare noun and what it is for)
            elif c.dep_ == "punct" and c.text in ("-", "/") and c.i > tok.left_edge.i:
                out.append(c)
            elif c.i in self.keys and c.i == tok.i - 1:
                out.append(c)  # "the `KAFKA_PREFIX` prefix": a name right before its noun, whatever the parser calls it
        return out

    def _own_prep(self, prep: Token) -> bool:
        """A preposition the parser hung on a noun that belongs to the noun's phrase ("access to members",
        "changes in SF"): one with one object; "of" stays in the name, the others narrow it. One that gives
        examples ("such as") is left out."""
        if prep.lower_ == "of":
            return True
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        such = prep.lower_ == "as" and prep.i > 0 and self.doc[prep.i - 1].lower_ == "such"
        return len(objs) == 1 and not such and prep.tag_ != "VBG"

    def action(self, verb: Token) -> Phrase:
        """A verb phrase as an object: "transfer the app", "making REST calls" (no subject, no clause)."""
        toks = [verb]
        for c in verb.children:
            if c.dep_ in ("dobj", "prt", "compound", "advmod", "neg") or \
                    (c.dep_ == "prep" and c.i > verb.i) or (c.dep_ == "conj" and c.pos_ == "VERB") or \
                    (c.dep_ == "cc" and any(x.dep_ == "conj" for x in verb.children)):
                toks.extend(c.subtree)
            elif c.dep_ == "aux" and c.lower_ == "to":
                continue
        toks = sorted(set(toks), key=lambda t: t.i)
        toks = [t for t in toks if not (t.dep_ in ("det",) and t.lower_ in DROP_DETERMINERS)]
        while toks and (toks[-1].is_punct or toks[-1].dep_ in ("cc",)):
            toks = toks[:-1]
        toks = toks or [verb]
        text = _join(toks)
        return Phrase(text, verb.i, None, verbal=True, start=toks[0].i, end=toks[-1].i + 1)

    def _text(self, tok: Token, with_mark: bool = False) -> str:
        toks = [t for t in tok.subtree if with_mark or not (t.dep_ == "mark" and t.head.i == tok.i)]
        return _join(sorted(toks, key=lambda t: t.i)).strip(" ,.")


def _verb_as_noun(tok: Token) -> bool:
    """A singular noun in its base form that is a verb of the dictionary and leads words of its own ("view and
    edit configuration variables"): in a list of actions, the tagger's noun is the next verb."""
    return bool(tok.tag_ == "NN" and tok.lower_ == tok.lemma_.lower() and tok.lower_ in word_class("verb") and
                any(c.dep_ in ("conj", "dobj", "compound") and c.i > tok.i for c in tok.children))


def _kind_word(mod: Token) -> bool:
    """A modifier that makes a kind of the named thing ("legacy" named credentials, "free" dynos), not one that
    points ("same", "other"), ranks ("shortest"), or a word the parser hung on the name ("configure SF")."""
    word = mod.lower_
    if mod.is_stop or mod.tag_ in ("JJR", "JJS") or not re.fullmatch(r"[a-z][a-z0-9-]*", word):
        return False
    # (a noun before the name rarely makes a kind of it: "rollback pg", "shutdown dyno" are misparses)
    return mod.pos_ == "ADJ" or (mod.pos_ == "PROPN" and (mod.text[:1].isupper() or mod.is_sent_start is True))


def _add_condition(clause: Clause, preps: list[Token]) -> None:
    """The words of prepositions, added to what the clause holds under."""
    clause.hold_under("; ".join(_join(sorted(p.subtree, key=lambda t: t.i)) for p in preps))


def _letter_name(tok: Token) -> bool:
    """"don't use A records": a capital "A" inside a sentence names a kind ("A records", "plan A"), no article."""
    return tok.text == "A" and not tok.is_sent_start and tok.i > 0 and tok.doc[tok.i - 1].text not in ("-", ":", "(")


def _hyphen_words(toks: list[Token]) -> list[str]:
    """Tokens as written words: "Shield", "-", "tier" is one word "Shield-tier"."""
    out: list[str] = []
    glue = False  # the token before ends without a space and joins what follows
    for t in toks:
        if out and glue:
            out[-1] += t.text
        else:
            out.append(t.text)
        glue = t.i + 1 < len(t.doc) and _glued(t, t.doc[t.i + 1])
    return out


def _glued(left: Token, right: Token) -> bool:
    """Two tokens of one written word joined by a hyphen ("one", "-", "off")."""
    return right.i == left.i + 1 and not left.whitespace_ and "-" in (left.text, right.text)


def _with_hyphen_words(toks: list[Token]) -> list[Token]:
    """The tokens of a phrase grown to whole hyphenated words: the parser may hang "off" of "one-off
    processes" elsewhere, and a phrase of "one-" and "processes" says neither."""
    if not toks:
        return toks
    doc = toks[0].doc
    have = {t.i for t in toks}
    grown = True
    while grown:
        grown = False
        for i in sorted(have):
            for j in (i - 1, i + 1):
                if 0 <= j < len(doc) and j not in have and _glued(doc[min(i, j)], doc[max(i, j)]) and \
                        min(have) <= j + 1 and j - 1 <= max(have):
                    have.add(j)
                    grown = True
    return [doc[i] for i in sorted(have)]


def counted(tok: Token) -> bool:
    """A number that counts something, not a part of a hyphenated word ("one-off", "two-factor"); "4-7"
    is a range of counts."""
    doc = tok.doc
    if not tok.like_num or (tok.tag_ != "CD" and not any(c.isdigit() for c in tok.text)):
        return False  # "a second pilot", "the first build": an ordinal counts nothing
    if VERSION.fullmatch(tok.lower_) and tok.i > 0 and doc[tok.i - 1].text[:1].isupper():
        return False  # "SAML 2.0", "TLS 1.2": the version of a name
    after = doc[tok.i + 2] if tok.i + 2 < len(doc) and _glued(tok, doc[tok.i + 1]) else None
    before = doc[tok.i - 2] if tok.i >= 2 and _glued(doc[tok.i - 1], tok) else None
    return all(t is None or t.like_num for t in (after, before))


def _join(toks: list[Token]) -> str:
    out = ""
    for i, t in enumerate(toks):
        out += t.text
        if i + 1 < len(toks):
            nxt = toks[i + 1]
            out += t.whitespace_ if nxt.i == t.i + 1 else " "
    return out.strip()


def split_list(doc: Any, keys: dict[int, str], resolve: Resolver, offset: int = 0) -> list[Phrase]:
    """"Errors, platform status events (incidents, maintenance), config vars change, deployments": a
    comma list of short noun phrases the parser did not join, read by its commas (what is in parentheses
    left out). Empty when a part holds a verb."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for tok in doc:
        if tok.idx < offset:
            continue
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (tok.text in (",", ";") or (tok.lower_ in ("and", "or") and tok.dep_ == "cc")):
            parts.append([])
        elif depth == 0 and not (tok.is_punct and tok.text in ".:"):
            parts[-1].append(tok)
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return []
    out: list[Phrase] = []
    for part in parts:
        verbs = [t for t in part if t.pos_ in ("VERB", "AUX") and t.i not in keys
                 and t.dep_ not in ("amod", "compound")]
        if verbs == [part[-1]] and len(part) >= 2 and part[0].pos_ in ("PROPN", "NOUN") and \
                part[-1].lower_.endswith("s"):
            verbs = []  # "HTTPS drains": a plural noun the tagger read as a verb
        if len(part) > 4 or verbs or any(t.like_num or t.pos_ == "ADP" for t in part):
            return []
        negated = part[0].dep_ == "det" and part[0].lower_ == "no"  # "no serial mode"
        while part and part[0].dep_ == "det":
            part = part[1:]
        if not part:
            return []
        text = _join(part)
        key = keys.get(part[0].i) if len(part) == 1 else resolve(text)
        out.append(Phrase(text, part[-1].i, key, negated=negated, start=part[0].i, end=part[-1].i + 1))
    return _share_head(doc, out, resolve)


def _share_head(doc: Any, items: list[Phrase], resolve: Resolver) -> list[Phrase]:
    """"small, medium, large dynos": single modifiers of the last item's noun are each one of that noun."""
    head = doc[items[-1].head]
    if items[-1].end - items[-1].start < 2 or head.pos_ not in ("NOUN", "PROPN"):
        return items
    mods = items[:-1]
    if not all(m.end - m.start == 1 and doc[m.start].dep_ in ("amod", "compound", "nmod") and
               doc[m.start].head.i == head.i and m.key is None for m in mods):
        return items
    shared = [Phrase(f"{m.text} {head.text}", head.i, resolve(f"{m.text} {head.text}"), m.negated,
                     start=m.start, end=m.end) for m in mods]
    return [*shared, items[-1]]


def _described(doc: Any) -> set[int]:
    """"Access to Private Spaces, providing strong isolation": the tokens of a participle after a comma that
    describes the noun before it, no verb of the list's own."""
    out: set[int] = set()
    for t in doc:
        if t.dep_ in ("acl", "relcl", "advcl") and t.tag_ in ("VBG", "VBN") and t.head.pos_ in ("NOUN", "PROPN") and \
                t.i > t.head.i and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ",":
            out |= {x.i for x in t.subtree}
    return out


def introduces_examples(prep: Token) -> bool:
    """"such as", "including", "like": a preposition whose objects are instances of the noun it hangs on."""
    return prep.lower_ in ("including", "like") or (
        prep.lower_ == "as" and any(c.lower_ == "such" for c in (*prep.head.children, *prep.children)))


def noun_list(doc: Any, keys: dict[int, str], resolve: Resolver) -> Iterator[Phrase]:
    """The items of a text that is only a list of noun phrases ("Auth0", "quota, total, RSS, swap",
    "small, medium, large dynos"): None of it when a verb makes it a clause."""
    described = _described(doc)
    if any(t.pos_ in ("VERB", "AUX") and t.i not in keys and t.dep_ not in ("amod", "compound") and t.i not in described
           and not (t.dep_ == "prep" and introduces_examples(t)) for t in doc):  # ("including X" is no verb)
        return
    if any(t.dep_ == "neg" for t in doc) or any(t.lower_ in ("previously", "formerly") for t in doc):
        return  # "not real-time", "previously the burst plan": what it is not or was, no member
    reader = ClauseReader(doc, keys, resolve)
    root = next((t for t in doc if t.dep_ == "ROOT"), None)
    if root is None or root.pos_ not in ("NOUN", "PROPN", "NUM", "X"):
        return  # "ephemeral", "isolated, geo-diverse": what it is like, no thing it holds
    if doc[0].lower_ == "only" or any(c.tag_ in ("JJR", "RBR") and c.i < root.i for c in root.children):
        return  # "only work in Heroku CI", "less restrictions": where it is confined, how it compares; no part
    examples = [o for p in root.children if p.dep_ == "prep" and introduces_examples(p)
                for o in p.children if o.dep_ == "pobj"]
    if examples:  # "Features such as Enterprise Teams and access controls": the things named, not "Features"
        for tok in (t for o in examples for t in reader._conjuncts(o)):
            yield from reader.phrases(tok)
        return
    for tok in reader._conjuncts(root):
        if tok.pos_ != "ADJ":
            yield from reader.phrases(tok)


def imperative_conjunct(verb: Token) -> bool:
    """A base-form verb joined to a finite one with no auxiliary to share ("keeps the last lines, use a log
    drain for more"): the verbs do not agree, so the second is said to the reader, not of the first's subject."""
    head = verb.head
    return verb.dep_ == "conj" and verb.tag_ == "VB" and head.tag_ in ("VBZ", "VBD") and head.dep_ == "ROOT" and \
        not any(c.dep_ in ("aux", "auxpass") for c in (*verb.children, *head.children))
