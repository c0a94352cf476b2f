"""Understanding a question: its type (yes/no, value, list, entity), the graph's names it mentions
(case, plurals, hyphens, stems, typos), the words left that say what is asked, a number it gives."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

from kg.errors import KGError
from kg.extract.lexicon import STOP, is_common_word, is_negation, key_tokens, lemma, lemma_tokens
from kg.extract.quantities import SECONDS, UNIT_SYNONYMS, find_quantities
from kg.qa_index import QAIndex

MAX_QUESTION_CHARS = 1000
BOOL_STARTS = {"can", "is", "are", "does", "do", "did", "should", "will", "would", "could", "has", "have", "may",
               "must", "was", "were"}
QUESTION_WORDS = {"what", "which", "who", "whom", "how", "when", "where", "why", "whose", "s", "'s", "i", "my",
                  "we", "our", "you", "your", "me", "there", "it", "its", "they", "them", "one", "kind", "type",
                  "typically", "usually", "generally", "much", "many", "long", "far"}


@cache
def _head_classes() -> dict[str, str]:
    """Nouns that name a class of the ontology ("plans" -> Plan, "add-ons" -> AddOn)."""
    from kg.extract.vocab import load_vocabulary

    return dict(load_vocabulary().head_nouns)


@cache
def CLASS_NOUNS() -> frozenset[str]:  # noqa: N802
    from kg.extract.vocab import load_vocabulary

    v = load_vocabulary()
    return frozenset(set(v.head_nouns) | v.aspect_words | {"kind", "type", "level", "option", "format", "mechanism",
                                                           "step", "file", "product", "customer", "version"})


class QuestionError(KGError):
    status = 422


@dataclass
class Understanding:
    question: str
    qtype: str
    entities: list[str]
    mentions: dict[str, str]
    words: list[str]
    unit_words: set[str]
    given: tuple[float, str] | None
    negated: bool
    class_filter: str | None
    unlinked: list[str]
    mention_words: list[str] = field(default_factory=list)
    class_word: str | None = None


_WORD = re.compile(r"[A-Za-z0-9$*][\w'’.:/$*+-]*[\w+]|[A-Za-z0-9$]")


def tokenize(text: str) -> list[str]:
    return [w.rstrip(".,") for w in _WORD.findall(text.replace("’", "'"))]


def link(idx: QAIndex, tokens: list[str]) -> tuple[list[tuple[int, int, set[str]]], list[str]]:
    """Longest matches of label forms over the question's tokens, then fuzzy matches for the rest."""
    skip = QUESTION_WORDS | idx.brand  # the brand ("Heroku") names everything, so it links nothing
    norm = [key_tokens(t) for t in tokens]
    flat: list[tuple[int, str]] = [(i, w) for i, parts in enumerate(norm) for w in parts]
    spans: list[tuple[int, int, set[str]]] = []
    i = 0
    while i < len(flat):
        hit = None
        for n in range(min(7, len(flat) - i), 0, -1):
            words = [w for _, w in flat[i:i + n]]
            words[-1] = key_tokens(words[-1])[-1] if key_tokens(words[-1]) else words[-1]
            iris = idx.forms.get(tuple(words))
            first, last = flat[i][0], flat[i + n - 1][0]
            if not iris and n > 1 and (i == 0 or flat[i - 1][0] != first) and \
                    (i + n == len(flat) or flat[i + n][0] != last):
                # normalised as a phrase, as labels are: only its last word singular ("pipelines with X")
                iris = idx.forms.get(tuple(key_tokens(" ".join(tokens[first:last + 1]))))
            if iris:
                said = " ".join(tokens[flat[i][0]:flat[i + n - 1][0] + 1])
                if said != said.lower() or said.lower().endswith("s"):
                    # a CLI command is typed in lower case and never plural: "Heroku stacks" is not `heroku stack`
                    iris = {x for x in iris if "CliCommand" not in idx.types.get(x, set())}
            if iris and n == 1:
                # a single common word names a proper entity, not a phrase node ("same", "run"), and a
                # class noun ("plans", "stages", "levels") says what is asked, it is not a thing
                if words[0] in CLASS_NOUNS():
                    iris = set()
                iris = {x for x in iris if not ("Concept" in idx.types.get(x, set()) and is_common_word(words[0]))}
            if iris:
                if n == 1 and (words[0] in STOP or words[0] in skip):
                    continue
                hit = (flat[i][0], flat[i + n - 1][0] + 1, iris, n)
                break
        if hit:
            spans.append(hit[:3])
            i += hit[3]
        else:
            i += 1
    covered = {k for a, b, _ in spans for k in range(a, b)}
    for k, t in enumerate(tokens):  # "autoscale" names "Autoscaling": same stem
        if k in covered or t.lower() in STOP or t.lower() in skip or len(t) < 6:
            continue
        iris = _stems(idx).get(_stem(t.lower()))
        if iris and not is_common_word(t):
            spans.append((k, k + 1, set(iris)))
            covered.add(k)
    spans = [(a, b, iris | _named_family(idx, tokens[a]) if b - a == 1 else iris) for a, b, iris in spans]
    fuzzy_spans = _fuzzy(idx, tokens, covered)
    spans += fuzzy_spans
    fixed = {k for a, b, _ in fuzzy_spans for k in range(a, b)}
    unlinked = [t for k, t in enumerate(tokens)  # a class noun ("API", "IdP") names a kind, not a missing thing
                if k not in covered and k not in fixed and _name_like(t, k) and t.lower() not in skip
                and " ".join(key_tokens(t)) not in CLASS_NOUNS()]
    return sorted(spans), unlinked


def _named_family(idx: QAIndex, token: str) -> set[str]:
    """"Shield" written as a name, where the graph's "shield" is only an identifier (a plan written in
    lower case): the asker means the best-connected thing named "Shield ..." ("Shield Private Spaces")."""
    if not token[:1].isupper() or token.isupper():
        return set()
    word = token.lower()
    exact = set(idx.forms.get((word,), set()))
    if not exact or any(not idx.label(i).islower() for i in exact):
        return set()
    family = [iri for iri, label in idx.labels.items() if iri not in exact and len(label.split()) > 1
              and idx.unbranded(label).split()[0].lower() == word and "Concept" not in idx.types.get(iri, set())]
    if not family:
        return set()
    return {max(family, key=lambda i: (len(idx.by_entity.get(i, [])), idx.label(i)))}


def _stem(word: str) -> str:
    return re.sub(r"(ations?|ings?|ers?|ed|es|e|s)$", "", word) if len(word) > 5 else word


def _stems(idx: QAIndex) -> dict[str, set[str]]:
    """Stem of one-word names of proper entities -> entities ("autoscal" -> Autoscaling)."""
    if not idx.stems:
        for form, iris in idx.forms.items():
            if len(form) == 1 and len(form[0]) > 5:
                proper = {i for i in iris if "Concept" not in idx.types.get(i, set())}
                if proper:
                    idx.stems.setdefault(_stem(form[0]), set()).update(proper)
    return idx.stems


def _name_like(tok: str, pos: int) -> bool:
    """A token that names something specific: "standard-0", "GraphQL" (not a dictionary word)."""
    if "'" in tok or tok.lower() in QUESTION_WORDS or tok.lower() in STOP:
        return False
    if re.search(r"\d", tok) and re.search(r"[A-Za-z]", tok) and "-" in tok:
        return True
    return pos > 0 and tok[:1].isupper() and not is_common_word(tok) and len(tok) > 2


CODE_CLASSES = {"CliCommand", "CliOption", "CliPlugin"}


def _fuzzy(idx: QAIndex, tokens: list[str], covered: set[int]) -> list[tuple[int, int, set[str]]]:
    choices = {" ".join(f): f for f in idx.forms if len(" ".join(f)) >= 5}
    out: list[tuple[int, int, set[str]]] = []
    taken = set(covered)
    for n in (3, 2, 1):
        for a in range(0, len(tokens) - n + 1):
            if any(k in taken for k in range(a, a + n)):
                continue
            words = [t.lower() for t in tokens[a:a + n]]
            if words[0] in STOP or words[-1] in STOP or (all(is_common_word(w) for w in words) and n == 1):
                continue
            text = " ".join(w for t in words for w in key_tokens(t))
            if len(text) < 5 or re.search(r"\d", text) or tuple(text.split()) in idx.forms:
                continue  # identifiers ("standard-0") must match exactly; exact forms were judged already
            best = process.extractOne(text, list(choices), scorer=fuzz.ratio, score_cutoff=85 if n > 1 else 90)
            iris = {i for i in idx.forms[choices[best[0]]] if not idx.types.get(i, set()) & CODE_CLASSES} \
                if best else set()
            if iris:  # a typo may name a product, never a command: "heroku slug" is not "heroku logs"
                out.append((a, a + n, iris))
                taken |= set(range(a, a + n))
    return out


def understand(idx: QAIndex, question: str) -> Understanding:
    q = question.strip()
    if not q:
        raise QuestionError("empty question: ask something, e.g. 'which features need Shield?'")
    if len(q) > MAX_QUESTION_CHARS:
        raise QuestionError(f"question of {len(q)} characters is over the {MAX_QUESTION_CHARS} character limit")
    tokens = tokenize(q)
    lower = [t.lower() for t in tokens]
    spans, unlinked = link(idx, tokens)
    entities: list[str] = []
    mentions: dict[str, str] = {}
    in_span = set()
    for a, b, iris in spans:
        if a > 0 and lower[a - 1] in ("which", "what") and all("Concept" in idx.types.get(i, ()) for i in iris):
            continue  # "which command shows ...": the kind of thing asked for, not a phrase of the notes
        in_span |= set(range(a, b))
        for iri in sorted(iris):
            if iri not in entities:
                entities.append(iri)
                mentions[iri] = " ".join(tokens[a:b])
    words = [w for k, t in enumerate(tokens) if k not in in_span
             for w in lemma_tokens(t) if w not in STOP and w not in QUESTION_WORDS and w not in idx.brand
             and not w.isdigit()]
    # a one-word name that is also an English word ("authentication", "logging") says what is asked too
    words += [lemma(m) for m in mentions.values() if " " not in m and is_common_word(m) and lemma(m) not in words]
    qtype = _question_type(lower)
    given = None
    qs = find_quantities(q)
    if qs and qs[0].value is not None and qs[0].unit not in ("count", "version") and qs[0].value != 1:
        given = (qs[0].value, qs[0].unit)
    unit_words = {UNIT_SYNONYMS.get(w, w) for w in lower} & (set(SECONDS) | {"byte", "usd"})
    unit_words |= {lemma(w) for w in lower if w in ("seconds", "minutes", "hours", "days")}
    negated = any(is_negation(w) for w in lower)
    class_filter = None
    class_word = None
    m = re.search(r"\b(?:which|what)\s+(?:(?:are|is|were|was)\s+)?(?:(?:the|all)\s+)?([a-z-]+)(?:\s+([a-z-]+))?",
                  q.lower())  # "what are the stages of ..." asks for stages
    if m:
        classes = _head_classes()
        pair = " ".join(key_tokens(f"{m.group(1)} {m.group(2)}")) if m.group(2) else ""
        if pair in classes:  # "which identity providers ..."
            class_word, class_filter = pair, classes[pair]
        for w in (m.group(1), m.group(2)) if not class_word else ():
            head = " ".join(key_tokens(w)) if w else ""
            if w and (head in classes or lemma(w) in classes):
                class_word = head if head in classes else lemma(w)
                class_filter = classes[class_word]
                break
            if w and lemma(w) in CLASS_NOUNS() and not class_word:
                class_word = lemma(w)
        if not class_word:
            nouns = [w for w in (m.group(1), m.group(2)) if w and w not in STOP and w not in QUESTION_WORDS
                     and lemma(w) not in BOOL_STARTS]
            class_word = lemma(nouns[-1]) if nouns else None
    if class_filter is None and re.match(r"how (?:do|can|would|should) (?:you|i|we|one)\b", q.lower()) and \
            re.search(r"\b(?:cli|command|command line)\b", q.lower()):
        class_word, class_filter = "command", _head_classes().get("command")  # "how do you X from the CLI?"
        tool = {"cli", "command", "line"}  # says where, not what: matching "redis:cli" would be wrong
        words = ["command", *(w for w in words if w not in tool)]  # as "which command ..." would say
        for e in [e for e in entities if set(key_tokens(idx.label(e))) <= tool]:
            entities.remove(e)
            in_span -= {k for k, t in enumerate(tokens) if t.lower() == str(mentions.pop(e, "")).lower()}
    mention_words = [w for k, t in enumerate(tokens) if k in in_span for w in lemma_tokens(t)
                     if w not in STOP and w not in QUESTION_WORDS and w not in idx.brand]
    return Understanding(q, qtype, entities, mentions, words, unit_words, given, negated, class_filter, unlinked,
                         mention_words, class_word)


def _question_type(lower: list[str]) -> str:
    if not lower:
        return "entity"
    first = lower[0]
    text = " ".join(lower)
    if first in BOOL_STARTS:
        return "boolean"
    if re.search(r"\bhow (many|much|long|far|big|old|often)\b", text) or \
            re.search(r"\b(maximum|minimum|max|min|worth|cost|timeout|version number|where in the order)\b", text):
        return "value"
    if re.match(r"(what|which)('s| is| was)?\s+(the\s+)?(number|size|limit|version|position|level)\b", text) or \
            re.match(r"(what|which)('s| is| was)?\s+(the\s+)?[\w-]+\s+(number|size|limit|version)\b", text):
        return "value"  # "which API version ..."
    if re.match(r"(what|which) are\b|(what|which) ([\w-]+ ){0,2}[\w-]+s "
                r"(are|do|does|can|is|were|did|should|will|have)\b|(in|for|from|to|on) which [\w-]+s\b"
                r"|(what|which) (?!does\b|is\b|was\b|has\b)\w+s\b|list\b|name the\b"
                r"|^(what|which) (?:[\w-]+ ){0,2}[\w-]+[^s's]s (exist|are there|apply)\b", text) or \
            re.search(r"\b(what|which) (\w+ )?(do|does|can|will) .* (offer|cover|include|provide|support)\b", text):
        return "list"
    return "entity"


# ------------------------------------------------------------------ scoring
