"""When a name of the design stands for an entity of the graph, or for a kind of it, by words alone: the
graph's names are cut and spelt as the notes happened to ("Ordered Writes algorithms", "heroku pg")."""

from __future__ import annotations

from kg.check.graph import VAGUE_CLASSES, RuleGraph
from kg.extract.english import stop_words
from kg.lookup import ancestors, primary_class

WORD_CACHE = 50_000  # names whose words are kept between checks


def words(rg: RuleGraph, text: str) -> frozenset[str]:
    """The content words of a name, normalised ("Writes" -> "write"), compounds also as their parts."""
    found = rg.word_cache.get(text)
    if found is None:
        if len(rg.word_cache) > WORD_CACHE:  # bounded: designs bring names of their own
            rg.word_cache.clear()
        found = rg.word_cache[text] = frozenset(rg.index.words.content(text))
    return found


def distinctive(rg: RuleGraph, text: str) -> frozenset[str]:
    """A name's words without the nouns that only say its class ("dynos", "plan", "type", "API")."""
    return words(rg, text) - rg.vocab.generic_nouns


def fold(word: str) -> str:
    """A plural folded for comparing amounts' units ("subrequests" ~ "subrequest", "entities" ~ "entity")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def unit_words(rg: RuleGraph, text: str) -> frozenset[str]:
    """The words of what an amount counts, as written but for plurals (no lemmas: "mapping" is not "map")."""
    return frozenset(fold(t) for t in rg.index.words.tokens(text.replace("_", " ")) if t not in stop_words())


def same_thing(rg: RuleGraph, name: str, iri: str | None, entity: str, line_text: str = "") -> bool:
    """Whether a design name (linked to `iri`, or not) stands for `entity`: the same entity; a name of it
    with the same distinctive words ("bulk" ~ "using Bulk API"); or a name the notes' line spells out whole
    of which the entity's name is a cut ("heroku pg:psql" on the line of "heroku pg")."""
    if iri == entity:
        return True
    if iri is not None and _specific(rg, iri) and _specific(rg, entity):
        return False  # two entities the notes give distinct classes to are not one ("shield" plans of two products)
    mine = distinctive(rg, name)
    if not mine:
        return False
    if entity in by_distinctive(rg).get(mine, ()):
        return True
    folded = name.casefold()
    if folded not in line_text.casefold():
        return False
    return any(folded.startswith(other.casefold()) and distinctive(rg, other) and
               distinctive(rg, other) < words(rg, name) for other in rg.index.names(entity))


def by_distinctive(rg: RuleGraph) -> dict[frozenset[str], set[str]]:
    """Entities by the distinctive words of each of their names, made on first use."""
    if not rg.by_words:
        for iri in rg.index.labels:
            for other in rg.index.names(iri):
                key = distinctive(rg, other)
                if key:
                    rg.by_words.setdefault(key, set()).add(iri)
    return rg.by_words


def _specific(rg: RuleGraph, iri: str) -> bool:
    return primary_class(rg.index, iri) not in VAGUE_CLASSES


def kind_of_name(rg: RuleGraph, name: str, part_words: frozenset[str]) -> bool:
    """Whether a thing of these words is a kind of what `name` names: every distinctive word of the name is
    among them ("shield-m" is a kind of "shield type dynos", "Heroku Shield Private Spaces" of "Space")."""
    theirs = distinctive(rg, name) or words(rg, name)
    return bool(theirs) and theirs <= part_words


def class_of(rg: RuleGraph, iri: str) -> str | None:
    """The class an entity's slot in a design holds: its own specific class, or the class its name's last
    noun names ("shield type dynos" -> DynoType)."""
    cls = primary_class(rg.index, iri)
    if cls not in VAGUE_CLASSES:
        return cls
    return class_of_name(rg, rg.index.label(iri))


def class_of_name(rg: RuleGraph, name: str) -> str | None:
    tokens = rg.index.words.tokens(name)
    if not tokens:
        return None
    last = tokens[-1]
    return rg.vocab.head_nouns.get(last) or rg.vocab.head_nouns.get(rg.index.words.norm(last))


def is_subclass(rg: RuleGraph, cls: str | None, parent: str | None) -> bool:
    if cls is None or parent is None:
        return False
    return cls == parent or parent in ancestors(rg.index.class_parents, cls)
