"""Relations as a reader says them, and the fixed order an entity's facts are shown in.

Relations the ontology names carry their English label ("syncs with"); relations minted from a verb of the
notes are named by its lemmas ("be purchase via", "send"), so they are put back into the third person
("is purchased via", "sends"). A negated fact reads as such ("does not support", "is not written in")."""

from __future__ import annotations

import re

from kg.namespaces import KG, REL

# Groups of the ontology's relations, most telling first: what it is, what it holds, what it needs, what it does,
# who may, advice. Relations of the ontology not listed come next (by label), then those minted from verbs.
RELATION_ORDER = (
    "isA", "hasType", "variantOf", "previouslyNamed", "replacedBy", "insteadOf",
    "includes", "partOf", "hasPlan", "hasOption", "featureOf", "hasLimit",
    "requires", "requiredBy", "onlyAvailableWith", "availableFor", "notAvailableFor", "disabledIn",
    "compatibleWith", "meets",
    "uses", "usedFor", "usedWhen", "syncsWith", "integratesWith", "supports", "commandFor", "default",
    "grants", "may", "mayNot",
    "recommendedFor", "advice", "advantage", "disadvantage", "factor", "causes", "example",
)
_RANK = {KG + name: i for i, name in enumerate(RELATION_ORDER)}

_PARTICIPLES = {
    "bind": "bound", "begin": "begun", "break": "broken", "bring": "brought", "build": "built", "buy": "bought",
    "choose": "chosen", "cut": "cut", "do": "done", "draw": "drawn", "drive": "driven", "feed": "fed",
    "find": "found", "get": "got", "give": "given", "grow": "grown", "hide": "hidden", "hold": "held",
    "keep": "kept", "know": "known", "lead": "led", "leave": "left", "lose": "lost", "make": "made",
    "mean": "meant", "meet": "met", "pay": "paid", "put": "put", "read": "read", "run": "run", "see": "seen",
    "sell": "sold", "send": "sent", "set": "set", "show": "shown", "shut": "shut", "spin": "spun",
    "split": "split", "take": "taken", "tell": "told", "throw": "thrown", "write": "written",
}
_THIRD_PERSON = {"be": "is", "have": "has", "do": "does", "go": "goes"}
_MODALS = {"is", "are", "may", "can", "must", "should", "will"}
# Words after "be" that are not verbs: "be accessible from", "be unique across", "be connection over".
_NOT_VERB_ENDINGS = ("able", "ible", "ive", "al", "ous", "ent", "ant", "ic", "ique", "ary", "ion", "ment", "ness")


def relation_order(predicate: str, label: str) -> tuple[int, int, str]:
    """Sort key: the ontology's relations in RELATION_ORDER, then its others, then those minted from verbs."""
    if predicate in _RANK:
        return (0, _RANK[predicate], "")
    return (1 if predicate.startswith(KG) else 2, 0, label.casefold())


def relation_label(predicate: str, name: str, negated: bool = False) -> str:
    """What a reader calls the relation `predicate` named `name` (its label, or its lemmas when minted)."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", name)  # a local name: "relatedTo" -> "related to"
    if spaced != name:
        spaced = spaced.lower()
    words = spaced.replace("n't", " not").replace("_", " ").split()
    if "not" in words:  # "not relatedTo", "do n't have": the negation is the fact's, not the relation's name
        words = [w for w in words if w != "not"]
        negated = not negated
        if words[:1] == ["do"] and len(words) > 1:
            words = words[1:]
    if not words:
        return "not related to" if negated else "related to"
    if predicate.startswith(REL) or predicate == "":
        return " ".join(_from_lemmas(words, negated))
    return " ".join(_negate_label(words) if negated else words)


def _from_lemmas(words: list[str], negated: bool) -> list[str]:
    head, rest = words[0], words[1:]
    if head == "be" and rest:
        nxt = rest[0] if rest[0].endswith(_NOT_VERB_ENDINGS) else participle(rest[0])
        return ["is", "not", nxt, *rest[1:]] if negated else ["is", nxt, *rest[1:]]
    return ["does", "not", *words] if negated else [third_person(head), *rest]


def _negate_label(words: list[str]) -> list[str]:
    """The ontology's labels negated: "supports" -> "does not support", "used for" -> "not used for"."""
    head, rest = words[0], words[1:]
    if head in _MODALS:
        return [head, "not", *rest]
    if head == "has":
        return ["does", "not", "have", *rest]
    if head.endswith("s") and not head.endswith("ss") and rest[:1] != ["of"]:
        return ["does", "not", head[:-1], *rest]  # "includes", "syncs", "grants": a verb in the third person
    return ["not", *words]


def participle(verb: str) -> str:
    """The past participle of a verb lemma: "purchase" -> "purchased", "write" -> "written"."""
    if verb in _PARTICIPLES:
        return _PARTICIPLES[verb]
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    return verb + "ed"


def third_person(verb: str) -> str:
    """The third person singular of a verb lemma: "send" -> "sends", "proxy" -> "proxies"."""
    if verb in _THIRD_PERSON:
        return _THIRD_PERSON[verb]
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"
