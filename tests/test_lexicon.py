"""The word tables quantities are read with (spacy-lookups-data)."""

from __future__ import annotations

from kg.extract.lexicon import is_verb_form, key_tokens, lemma, singular


def test_lemmas_and_singulars() -> None:
    assert lemma("syncs") == "sync"
    assert lemma("uses") == "use"
    assert singular("dataclips") in ("dataclip", "dataclips")  # a dictionary decides
    assert singular("processes") == "process"
    assert singular("redis") == "redis"
    assert key_tokens("Shield Private Spaces") == ["shield", "private", "space"]
    assert key_tokens("Heroku Key-Value Store") == ["heroku", "key", "value", "store"]


def test_verb_forms() -> None:
    assert is_verb_form("uses")
    assert is_verb_form("enabled")
    assert not is_verb_form("data")
