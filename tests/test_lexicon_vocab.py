from __future__ import annotations

import pytest

from kg.extract.lexicon import is_verb_form, key_tokens, lemma, singular
from kg.extract.vocab import load_vocabulary, match_cue


def test_lemmas_and_singulars() -> None:
    assert lemma("syncs") == "sync"
    assert lemma("uses") == "use"
    assert singular("dataclips") in ("dataclip", "dataclips")  # depends on the notes read
    assert singular("processes") == "process"
    assert singular("redis") == "redis"
    assert key_tokens("Shield Private Spaces") == ["shield", "private", "space"]
    assert key_tokens("Heroku Key-Value Store") == ["heroku", "key", "value", "store"]


def test_verb_forms() -> None:
    assert is_verb_form("uses")
    assert is_verb_form("enabled")
    assert not is_verb_form("data")


def test_vocabulary_comes_from_the_ontology() -> None:
    v = load_vocabulary()
    assert v.head_nouns["dyno"] == "DynoType"
    assert match_cue(["only", "available", "for"], v.cues) == "onlyAvailableWith"
    assert match_cue(["require"], v.cues) == "requires"
    assert match_cue(["prerequisite"], v.section_cues) == "requires"
    assert v.negation["availableFor"] == "notAvailableFor"


@pytest.mark.usefixtures("keep_corpus")
def test_acronyms_of_the_notes_are_no_plurals() -> None:
    from kg.extract import lexicon

    lexicon.learn_corpus(["The QZVS add-on and its APIs", "runs on XaaS"])
    assert lexicon.lemma("qzvs") == "qzvs"  # written "QZVS": an acronym
    assert lexicon.lemma("xaas") == "xaas"
    assert lexicon.singular("apis") == "api"  # "APIs": the plural of API
    lexicon.learn_corpus(["nothing in capitals here"])
    assert lexicon.lemma("qzvs") == "qzv"
