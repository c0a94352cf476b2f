"""Entity discovery: names marked by the markdown structure and by capitalisation, merged into one
node per real-world thing (plurals, brand prefix, elided words, abbreviations)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from kg.extract.lexicon import (
    DETERMINERS,
    NUMBER_WORDS,
    PREPOSITIONS,
    STOP,
    is_adjective,
    is_common_word,
    is_noun,
    is_verb,
    is_verb_form,
    key_tokens,
    lemma,
    word_class,
)
from kg.extract.model import Entity, Source
from kg.extract.vocab import Vocabulary
from kg.notes import Block, Note, Span

MAX_NAME_TOKENS = 6
CLI_PROGRAMS: set[str] = {"heroku"}  # learned from "$ prog ..." code in the notes being read
_COMMAND = re.compile(r"^(\$\s*)?([a-z][\w-]*)((?:\s+[a-z][\w:-]*)?)((?:\s+.*)?)$")
IDENTIFIER = re.compile(r"^[\w*.$/-]*[\w*]$")
ACRONYM_DEF = re.compile(r"([A-Z][\w’'-]*(?:\s+[\w’'-]+){0,8}?)\s*\(([A-Za-z][A-Za-z0-9 -]{0,12})\)")
NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.+-]*|[a-z]+[A-Z][\w-]*|\d+[A-Za-z][\w-]*|[A-Za-z]+-\d[\w-]*)$")
CODE_ID = re.compile(r"\b[a-z]+-(?:\d+x?|[a-z]{1,2}|[A-Z]{1,2})\b|\b[A-Za-z]+-[A-Z]\b")


@dataclass
class Candidate:
    name: str
    weight: int  # 3 heading/bold/code/table, 2 term or list item, 1 capitalised text
    cls: str | None
    source: Source
    concept: bool = False


def source_of(block: Block) -> Source:
    return Source(block.file, block.line, block.section_path, block.text)


class EntityIndex:
    """Entities by key, plus the surface forms (normalised token tuples) that name each one."""

    def __init__(self, brand: set[str]) -> None:
        self.brand = brand
        self.entities: dict[str, Entity] = {}
        self.by_ends: dict[tuple[str, str], list[str]] = {}  # (first word, last word) -> keys, for elisions
        self.forms: dict[tuple[str, ...], str] = {}
        self.abbreviations: dict[str, str] = {}

    def key_of(self, name: str, keep_brand: bool = False) -> str:
        if name.startswith("-"):
            return name.strip().lower()  # a CLI option: "--team" is not "team"
        toks = key_tokens(name)
        while toks and toks[0] in DETERMINERS:
            toks = toks[1:]
        while len(toks) > 1 and toks[0] in self.brand and not keep_brand:
            toks = toks[1:]
        return " ".join(toks)

    def add(self, cand: Candidate) -> Entity | None:
        key = self.key_of(cand.name, keep_brand=cand.cls == "CliCommand")
        if not key or len(key) < 2 or key in STOP or key.strip("-") in STOP:
            return None
        ent = self.entities.get(key)
        label = _clean_label(cand.name)
        if ent is None:
            ent = Entity(key=key, label=label, concept=cand.concept, weight=cand.weight)
            self.entities[key] = ent
            toks = key.split()
            self.by_ends.setdefault((toks[0], toks[-1]), []).append(key)
        elif _replaces(label, cand.weight, ent):
            ent.aliases.add(ent.label)
            ent.label, ent.weight = label, cand.weight
        if label != ent.label:
            ent.aliases.add(label)
        ent.concept = ent.concept and cand.concept
        if cand.cls and not (cand.concept and not ent.concept):
            ent.classes.add(cand.cls)  # a name met again as a phrase stays a name, not a Concept
        ent.add_source(cand.source)
        return ent

    def merge(self, loser: str, winner: str) -> None:
        if loser == winner or loser not in self.entities or winner not in self.entities:
            return
        a, b = self.entities.pop(loser), self.entities[winner]
        b.aliases |= a.aliases | {a.label}
        b.classes |= a.classes
        b.concept = b.concept and a.concept
        for s in a.sources:
            b.add_source(s)
        for form, key in list(self.forms.items()):
            if key == loser:
                self.forms[form] = winner

    def build_forms(self) -> None:
        """Every way to name an entity, as normalised tokens: label, aliases, with and without brand."""
        self.forms = {}
        for key, ent in self.entities.items():
            for name in {ent.label, *ent.aliases}:
                toks = tuple(key_tokens(name))
                for form in (toks, tuple(self.key_of(name).split())):
                    if form and form not in self.forms:
                        self.forms[form] = key
            self.forms.setdefault(tuple(key.split()), key)
            unbranded = tuple(t for t in key.split() if t not in self.brand)
            if len(unbranded) >= 2:
                self.forms.setdefault(unbranded, key)  # "Shield Heroku Postgres" is also "Shield Postgres"
        for abbr, key in self.abbreviations.items():
            if key in self.entities:
                self.forms.setdefault((abbr,), key)
                full = tuple(key.split())
                for form, other in list(self.forms.items()):
                    n = len(full)
                    for i in range(len(form) - n + 1):
                        if form[i:i + n] == full and len(form) > n:
                            self.forms.setdefault((*form[:i], abbr, *form[i + n:]), other)
                    if n == 1:
                        continue


def _clean_label(name: str) -> str:
    name = re.sub(r"\s+", " ", name.strip().strip("*_`'\"‘’“”:,.;")).strip()
    return re.sub(r"^\$\s*", "", name)


def _replaces(label: str, weight: int, ent: Entity) -> bool:
    """Whether a form met again becomes the entity's label."""
    if label.endswith("-"):
        return False  # a prefix pattern ("`performance-` plans") is the family's identifier, not its name
    if ent.label.endswith("-"):
        return True
    return weight > ent.weight or (weight == ent.weight and _better_label(label, ent.label))


def _better_label(new: str, old: str) -> bool:
    """Prefer the form with capitals, then the longer form (keeps "Heroku Postgres" over "postgres")."""
    caps = sum(c.isupper() for c in new[:1]) - sum(c.isupper() for c in old[:1])
    return caps > 0 or (caps == 0 and len(new) > len(old) and new.lower() != old.lower())


def find_brand(notes: list[Note]) -> set[str]:
    """Title words that start many multi-word names ("Heroku" in "Heroku Architect")."""
    firsts: Counter[str] = Counter()
    for note in notes:
        for block in note.blocks:
            for m in re.finditer(r"\b([A-Z][a-z]+)\s+[A-Z][\w-]+", block.text):
                firsts[m.group(1).lower()] += 1
    title_words = {w.lower() for n in notes for w in re.findall(r"[A-Za-z]+", n.title)}
    return {w for w in title_words if firsts[w] >= 3}


def discover(notes: list[Note], vocab: Vocabulary) -> EntityIndex:
    from kg.extract import lexicon

    lexicon.learn_corpus(b.text for n in notes for b in n.blocks)
    learn_programs(notes)
    index = EntityIndex(find_brand(notes))
    for note in notes:
        for block in note.blocks:
            for cand in candidates(block, vocab):
                index.add(cand)
    _drop_sentence_initial(notes, index)
    _type_by_head(index, vocab)
    _merge_elided(index)
    _merge_same_label(index)
    index.abbreviations = _abbreviations(notes, index)
    for abbr, key in index.abbreviations.items():
        if abbr in index.entities and abbr != key:
            index.merge(abbr, key)
    for note in notes:  # two-word acronyms: "Consensus Assessments Initiative Questionnaire (CSA CAIQ)"
        for block in note.blocks:
            for m in ACRONYM_DEF.finditer(block.text):
                long = acronym_long_form(m.group(1), m.group(2))
                if long and " " in m.group(2):
                    index.merge(index.key_of(m.group(2)), index.key_of(long))
    for key in list(index.entities):
        toks = key.split()
        expanded = " ".join(index.abbreviations.get(t, t) for t in toks)
        if expanded != key and expanded in index.entities:
            index.merge(key, expanded)
    _expanded_aliases(index)
    _typed_code_names(notes, index, vocab)
    _merge_section_heads(index)
    _brand_aliases(notes, index)
    index.build_forms()
    return index


def _merge_same_label(index: EntityIndex) -> None:
    """One thing met with and without the brand kept in its key ("heroku ps:scale" as a command and as a
    plain code span) has one label: keep the key that keeps more of the name."""
    by_label: dict[str, list[str]] = {}
    for key, ent in index.entities.items():
        by_label.setdefault(ent.label.casefold(), []).append(key)
    for keys in by_label.values():
        if len(keys) < 2:
            continue
        keys.sort(key=lambda k: (-len(k.split()), k))
        winner = keys[0]
        for loser in keys[1:]:
            unbranded = [t for t in winner.split() if t not in index.brand]
            if loser.split() == unbranded:
                index.merge(loser, winner)


def _typed_code_names(notes: list[Note], index: EntityIndex, vocab: Vocabulary) -> None:
    """"Only `shield` type dynos can run ...": the dynos of type shield are a thing of their own, not the
    `shield` plan of some other product that shares the identifier."""
    for note in notes:
        for block in note.blocks:
            for span in block.spans:
                if span.kind != "code":
                    continue
                m = re.match(r"\s+(type|tier|size)\s+([A-Za-z][\w-]*)", block.text[span.end:])
                head = m and " ".join(key_tokens(m.group(2)))
                # the kind named after "type" is a noun: a class noun, or a plural ("workers")
                if not m or not head or (head not in vocab.head_nouns and not
                                         (m.group(2).endswith("s") and head != m.group(2).lower())):
                    continue
                raw = block.text[span.start:span.end].strip("` ")
                ent = index.add(Candidate(f"{raw} {m.group(2)}", 3, vocab.head_nouns.get(head), source_of(block)))
                if ent is not None:
                    ent.aliases.add(f"{raw} {m.group(1)} {m.group(2)}")


def _drop_sentence_initial(notes: list[Note], index: EntityIndex) -> None:
    """A capitalised dictionary word seen only at the start of sentences ("Unauthenticated users ...") is no
    name; a word no dictionary knows and no English ending makes ("Eco not available with ...") may well be one."""
    inside: set[str] = set()
    for note in notes:
        for block in note.blocks:
            for m in re.finditer(r"(?<=[a-z,;]\s)([A-Z][a-z]+)", block.text):
                inside.add(m.group(1).lower())
    for key, ent in list(index.entities.items()):
        if ent.weight <= 1 and " " not in key and ent.label[:1].isupper() and not ent.label.isupper() \
                and (is_common_word(key) or key.endswith(("ed", "ing", "ly", "able", "less", "ness"))) \
                and key not in inside and not any(c.isupper() for c in ent.label[1:]) \
                and all(s.text.startswith(ent.label) or re.search(r"[.:!?]\s+" + re.escape(ent.label), s.text)
                        for s in ent.sources):
            del index.entities[key]


def _expanded_aliases(index: EntityIndex) -> None:
    """"SF REST API" is also "Salesforce REST API": names with an abbreviation get the long form."""
    long_labels = {abbr: index.entities[k].label for abbr, k in index.abbreviations.items() if k in index.entities}
    for ent in index.entities.values():
        for name in [ent.label, *ent.aliases]:
            words = name.split()
            out = [long_labels.get(w.lower(), w) if len(words) > 1 else w for w in words]
            if out != words:
                ent.aliases.add(" ".join(out))


def _brand_aliases(notes: list[Note], index: EntityIndex) -> None:
    """A thing with its own heading in notes about a brand is also called by the brand: the notes'
    "SSO" section is about "Heroku SSO", "Kafka" about "Heroku Kafka"."""
    if not index.brand:
        return
    brand = next(w for n in notes for w in n.title.split() if w.lower() in index.brand)
    for key, ent in index.entities.items():
        toks = key.split()
        if ent.weight < 3 or ent.concept or toks[0] in index.brand or not any(
                s.section.split(" > ")[-1] == ent.label or s.text == ent.label for s in ent.sources):
            continue
        if ent.label.lower().startswith(brand.lower()):
            continue
        ent.aliases.add(f"{brand} {ent.label}")


def _merge_section_heads(index: EntityIndex) -> None:
    """"One Credit" under the heading "Add-on Credits" is that credit: a one-word name seen only in the
    section of a heading whose name ends with that word is the heading's thing."""
    by_head: dict[str, list[str]] = {}
    for key, ent in index.entities.items():
        toks = key.split()
        if len(toks) > 1 and ent.weight >= 3:
            by_head.setdefault(toks[-1], []).append(key)
    for key in list(index.entities):
        if " " in key or key not in by_head or key not in index.entities:
            continue
        ent = index.entities[key]
        for target in by_head[key]:
            heading = index.entities[target].label
            if ent.sources and all(heading in s.section.split(" > ") for s in ent.sources):
                index.merge(key, target)
                break


def _type_by_head(index: EntityIndex, vocab: Vocabulary) -> None:
    for ent in index.entities.values():
        toks = ent.key.split()
        for n in (2, 1):
            head = " ".join(toks[-n:])
            if head in vocab.head_nouns:
                ent.classes.add(vocab.head_nouns[head])
                break


def _merge_elided(index: EntityIndex) -> None:
    """"Shield spaces" -> "Shield Private Spaces": same first and last word, the rest elided."""
    by_ends: dict[tuple[str, str], list[str]] = {}
    for k in index.entities:
        toks = k.split()
        by_ends.setdefault((toks[0], toks[-1]), []).append(k)
    for short in sorted(index.entities, key=lambda k: len(k.split())):
        a = short.split()
        if len(a) < 2 or short not in index.entities:
            continue
        longer = [k for k in by_ends.get((a[0], a[-1]), []) if k in index.entities
                  and len(k.split()) > len(a) and _elides(a, k.split())]
        if len(longer) == 1:
            index.merge(short, longer[0])


def elided_name(index: EntityIndex, key: str) -> str | None:
    """The one name (not a phrase) that `key` shortens by leaving out middle words, if there is one."""
    a = key.split()
    if len(a) < 2:
        return None
    longer = {k for k in index.by_ends.get((a[0], a[-1]), []) if k in index.entities
              and not index.entities[k].concept and len(k.split()) > len(a) and _elides(a, k.split())}
    return next(iter(longer)) if len(longer) == 1 else None


def _elides(a: list[str], b: list[str]) -> bool:
    if a[0] != b[0] or a[-1] != b[-1]:
        return False
    it = iter(b)
    return all(tok in it for tok in a)


def _abbreviations(notes: list[Note], index: EntityIndex) -> dict[str, str]:
    """Short tokens ("KVS", "pg", "SF", "CR") that stand for an entity's name."""
    found: dict[str, str] = {}
    mentions: Counter[str] = Counter()
    for note in notes:
        for block in note.blocks:
            for m in ACRONYM_DEF.finditer(block.text):
                long = acronym_long_form(m.group(1), m.group(2))
                if long and " " not in m.group(2):
                    found[m.group(2).lower()] = index.key_of(long)
            for tok in re.findall(r"\b[A-Za-z]{2,4}\b", block.text):
                mentions[tok] += 1
    for tok in mentions:
        low = tok.lower()
        if low in found or (low in index.entities and index.entities[low].weight >= 3) or \
                (is_common_word(low) and not tok.isupper()):
            continue
        if low in STOP:
            continue
        cands = [k for k in index.entities if _initials(k) == low]
        if not cands and (tok.isupper() or tok.islower()):
            cands = [k for k in index.entities if " " not in k and len(k) >= len(low) + 3
                     and _subsequence(low, k) and k[0] == low[0]]
            cands = [k for k in cands if len(index.entities[k].sources) >= 5 and mentions[tok] >= 2]
        if len(cands) == 1:
            found[low] = cands[0]
        elif cands:
            ranked = sorted(cands, key=lambda k: -len(index.entities[k].sources))
            if len(index.entities[ranked[0]].sources) > 2 * len(index.entities[ranked[1]].sources):
                found[low] = ranked[0]
    return found


def acronym_long_form(text: str, short: str) -> str | None:
    """"Heroku Key-Value Store" + "KVS" -> "Key-Value Store": the shortest tail that spells the acronym."""
    letters_short = re.sub(r"[^A-Za-z]", "", short).lower()
    if len(letters_short) < 2 or len(short.split()) > 2 or (not short[:1].isupper() and not short[1:2].isupper()):
        return None
    words = re.findall(r"[\w’'-]+", text)
    for i in range(len(words) - 1, -1, -1):
        tail = words[i:]
        letters = "".join(re.sub(r"[^A-Za-z]", "", w) for w in tail).lower()
        if tail[0][0].lower() == letters_short[0] and _subsequence(letters_short, letters) \
                and len(tail) >= 2 and len(tail) <= len(letters_short) + 2:
            return " ".join(tail)
    return None


def _initials(key: str) -> str:
    toks = key.split()
    return "".join(t[0] for t in toks) if len(toks) > 1 else ""


def _subsequence(short: str, word: str) -> bool:
    it = iter(word)
    return all(c in it for c in short)


# ------------------------------------------------------------------ candidates from one block

def candidates(block: Block, vocab: Vocabulary) -> Iterator[Candidate]:
    src = source_of(block)
    if block.kind == "heading":
        yield from _heading_names(block, vocab, src)
    if block.kind == "code":
        for line in block.text.splitlines():
            cmd = command_name(line.strip())
            if cmd:
                yield Candidate(cmd, 2, "CliCommand", src)
        return
    if block.kind == "row":
        first = block.cells[0] if block.cells else ""
        if first and len(first.split()) <= MAX_NAME_TOKENS and not first.endswith(("?", ":")) \
                and not _has_verb(first):
            cls = _class_of(block.header[0], vocab) if block.header else None
            yield Candidate(first, 3, cls, src)
        for i, cell in enumerate(block.cells):
            spans = block.cell_spans[i] if i < len(block.cell_spans) else []
            yield from _span_names(cell, spans, src)
            yield from proper_names(cell, src)
        return
    yield from _span_names(block.text, block.spans, src)
    term = leading_term(block)
    if term:
        yield Candidate(term, 2, None, src)
    elif block.kind == "item" and _is_short_name(block.text):
        yield Candidate(block.text, 2, None, src, concept=not _has_capital(block.text))
    for m in ACRONYM_DEF.finditer(block.text):
        long = acronym_long_form(m.group(1), m.group(2))
        if long:
            yield Candidate(long, 2, None, src)
            yield Candidate(m.group(2), 1, None, src)
    if block.kind == "heading" and aspect_heading(block.text, vocab):
        for cand in proper_names(block.text, src):
            words = cand.name.split()
            while words and _ordinary(words[0]) and len(words) > 1:
                words = words[1:]
            cand.name = " ".join(words)
            yield cand
    else:
        yield from proper_names(block.text, src)
    for m in CODE_ID.finditer(block.text):
        if not any(s.start <= m.start() < s.end and s.kind == "code" for s in block.spans):
            yield Candidate(m.group(), 1, None, src)


def aspect_heading(text: str, vocab: Vocabulary) -> bool:
    """"Prerequisites for SSO", "IDPs with SSO support", "Limits and restrictions": about something else."""
    words = text.split()
    if not words:
        return False
    first = key_tokens(words[0])
    head = first[-1] if first else ""
    plural_class = words[0].endswith("s") and head in vocab.head_nouns and len(words) > 2
    return is_aspect(key_tokens(text), vocab) or plural_class or \
        (head in vocab.aspect_words | {"prerequisite", "requirement", "limit"} and len(words) > 1
         and words[1].lower() in ("for", "of", "with", "and", "to"))


def _heading_names(block: Block, vocab: Vocabulary, src: Source) -> Iterator[Candidate]:
    if aspect_heading(block.text, vocab):
        return
    for part in split_heading(block.text):
        toks = key_tokens(part)
        if not toks or is_aspect(toks, vocab):
            continue
        first = part.split()[0]
        if (is_verb(first) and not is_noun(first) and not is_adjective(first)) or _has_verb(part):
            continue
        yield Candidate(part, 3, None, src)


def split_heading(text: str) -> list[str]:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text).strip(" *_")
    parts = re.split(r"\s+(?:and|AND|&)\s+|\s+-\s+|\s*/\s*|\s*=>\s*|\s*:\s+", text)
    if len(parts) == 2 and len(parts[0].split()) == 1 and len(parts[1].split()) > 1:
        head = parts[1].split()[-1]
        parts = [f"{parts[0]} {head}", parts[1]] if parts[0].isupper() else parts
    return [p.strip() for p in parts if p.strip()]


def is_aspect(toks: list[str], vocab: Vocabulary) -> bool:
    """A heading like "Limits and restrictions" or "Pros / Cons" names an aspect, not a thing."""
    words = [t for t in toks if t not in STOP]
    aspect = vocab.aspect_words | {"limit", "restriction", "pro", "con", "overview", "usage", "note",
                                   "suggestion", "option", "type", "plan", "tip", "faq", "example"}
    return bool(words) and all(w in aspect for w in words)


def _class_of(text: str, vocab: Vocabulary) -> str | None:
    toks = key_tokens(text)
    for t in reversed(toks):
        if t in vocab.head_nouns:
            return vocab.head_nouns[t]
    return None


def _command(code: str) -> re.Match[str] | None:
    m = _COMMAND.match(code.strip())
    if not m or m.group(2) not in CLI_PROGRAMS:
        return None
    return m


def learn_programs(notes: list[Note]) -> None:
    """Programs typed at a prompt ("$ heroku ps") are CLI programs; their other spans are commands too."""
    CLI_PROGRAMS.clear()
    for note in notes:
        for block in note.blocks:
            texts = block.spans_of("code") + (block.text.splitlines() if block.kind == "code" else [])
            for t in texts:
                m = re.match(r"^\s*\$\s*([a-z][\w-]*)\s", t)
                if m:
                    CLI_PROGRAMS.add(m.group(1))


def command_name(code: str) -> str | None:
    m = _command(code)
    if not m:
        return None
    return (m.group(2) + m.group(3)).strip()


def command_variant(code: str) -> str | None:
    """The command with its flags but not their values: "heroku logs --tail"."""
    m = _command(code)
    if not m:
        return None
    flags = re.findall(r"(?<!\S)(--?[a-z][\w-]*)", m.group(4) or "")
    return " ".join([(m.group(2) + m.group(3)).strip(), *flags])


def _span_names(text: str, spans: list[Span], src: Source) -> Iterator[Candidate]:
    for span in spans:
        raw = text[span.start:span.end].strip()
        if span.kind == "code":
            cmd = command_name(raw)
            if cmd:
                yield Candidate(cmd, 3, "CliCommand", src)
                variant = command_variant(raw)
                if variant and variant != cmd:
                    yield Candidate(variant, 3, "CliCommand", src)
            elif (IDENTIFIER.match(raw) or len(raw.split()) <= 3) and not raw.startswith(("$", "-")) \
                    and ":" not in raw and not re.fullmatch(r"[\d.,]+", raw):
                yield Candidate(raw, 3, None, src)
        elif span.kind in ("bold", "link"):
            for part in re.split(r"\s+(?:and|AND|&|or)\s+|,\s*", raw):
                if _good_name(part) and not _aspect_word(part):
                    yield Candidate(part, 3, None, src, concept=not _has_capital(part))


def _has_verb(text: str) -> bool:
    """A finite verb inside marks a clause, not a name ("Heroku rebuilds the app")."""
    toks = text.split()
    return any(is_verb_form(t) and t[:1].islower() and (i < len(toks) - 1 or not t.endswith("s"))
               for i, t in enumerate(toks[1:], 1)) or \
        (len(toks) > 1 and toks[0].lower().endswith("s") and is_verb_form(toks[0]) and not is_noun(toks[0])) or \
        (len(toks) > 1 and is_verb_form(toks[0]) and toks[0].lower().endswith("s") and toks[1][:1].isupper())


def _aspect_word(text: str) -> bool:
    """"**Types**", "**Pros**": a bold word that heads a list, not a name."""
    return text.strip().lower() in {"types", "pros", "cons", "plans", "kinds", "options", "examples", "notes",
                                    "limits", "benefits", "drawbacks"}


def _good_name(text: str) -> bool:
    toks = text.split()
    if not toks or len(toks) > MAX_NAME_TOKENS or text.endswith((".", ":")) or _has_verb(text):
        return False
    if len(toks) == 1 and toks[0].lower() in STOP:
        return False
    return any(c.isalpha() for c in text)


def _has_capital(text: str) -> bool:
    return any(w[:1].isupper() for w in text.split())


def _is_short_name(text: str) -> bool:
    toks = text.split()
    if not 1 <= len(toks) <= 4 or re.search(r"[.:;!?=()]|\d", text) or _has_verb(text):
        return False
    first = toks[0].lower()
    if first in NUMBER_WORDS:
        return False
    return not (first in STOP or (is_verb(first) and not is_noun(first)))


def leading_term(block: Block) -> str | None:
    """The term an item or paragraph defines: "**Term** - text", "Term - text", "`cmd` - text"."""
    text = block.text
    for span in block.spans:
        if span.start == 0 and span.kind in ("bold", "code", "link"):
            term = text[:span.end].strip(" *_:")
            if span.kind == "code":
                return command_variant(term) or term
            return term if _good_name(term) and not _aspect_word(term) else None
    m = re.match(r"^(.{2,60}?)\s+[-–:]\s+\S", text)
    if m and len(m.group(1).split()) <= 5 and not re.search(r"[,.;()]|^\d", m.group(1)):
        first = m.group(1).split()[0].lower()
        if first not in STOP and not (is_verb(first) and not is_noun(first)) and not _has_verb(m.group(1)):
            return m.group(1)
    return None


def proper_names(text: str, src: Source) -> Iterator[Candidate]:
    """Runs of capitalised words ("Apache Kafka on Heroku", "Google Cloud Identity")."""
    words = list(re.finditer(r"[A-Za-z0-9][\w'’.+-]*[\w+]|[A-Za-z]", text))
    run: list[re.Match[str]] = []
    for i, w in enumerate([*words, None]):
        tok = w.group() if w else ""
        if "-" in tok and is_verb_form(tok.rsplit("-", 1)[-1]) and tok.rsplit("-", 1)[-1].endswith("ed"):
            w, tok = None if w is None else w, ""  # "Heroku-provided" describes, it names nothing
        joined = bool(run) and w is not None and text[run[-1].end():w.start()] in (" ", "-")
        if w is not None and NAME_WORD.match(tok) and (not run or joined):
            run.append(w)
            continue
        if w is not None and run and joined and tok in ("on", "of", "for") and i + 1 < len(words) \
                and NAME_WORD.match(words[i + 1].group()) and tok != "for":
            run.append(w)
            continue
        if run:
            yield from _name_from_run(text, run, src)
        run = [w] if w is not None and NAME_WORD.match(tok) else []


def _name_from_run(text: str, run: list[re.Match[str]], src: Source) -> Iterator[Candidate]:
    toks = [m.group() for m in run]
    start = run[0].start()
    sentence_start = start == 0 or bool(re.search(r"[.:!?]\s*$|^\W*$", text[:start]))
    while toks and (toks[-1] in ("on", "of")):
        toks.pop()
    if sentence_start and toks and _ordinary(toks[0]) and \
            (len(toks) == 1 or is_verb_form(toks[0]) or not is_noun(toks[0])):
        toks = toks[1:]
    while toks and toks[0].lower() in STOP:
        toks = toks[1:]
    while toks and toks[-1][:1].isupper() and toks[-1].lower().endswith(("ed", "ing")) and \
            is_verb_form(toks[-1]) and len(toks) > 1:
        toks.pop()
    if not toks or len(toks) > MAX_NAME_TOKENS:
        return
    name = " ".join(toks)
    name = re.sub(r"['’]s$", "", name)
    if len(toks) == 1 and _ordinary(toks[0]) and not toks[0].isupper():
        return
    yield Candidate(name, 1, None, src)


def _ordinary(word: str) -> bool:
    w = word.lower()
    if w in STOP:
        return True
    return w in word_class("verb") or (lemma(w) in word_class("verb") and not word.isupper()) or \
        w in word_class("adj") or w in word_class("adv") or \
        (lemma(w) in word_class("noun") and word[0].isupper() and not word.isupper() and w not in PREPOSITIONS
         and lemma(w) in word_class("verb"))
