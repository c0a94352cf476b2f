from __future__ import annotations

from kg.build import BuildResult
from kg.extract.entities import acronym_long_form, discover, split_heading
from kg.extract.vocab import load_vocabulary
from kg.notes import parse_markdown

NOTES = """# Acme Cloud

## Acme Object Store

- Acme Object Store (AOS) keeps blobs
- The store syncs with Acme Ledger
- AOS is compatible with Ledger plans

## Secure Private Zones

- Secure zones encrypt disks
- Only Acme Ledger can run in secure zones
"""


def test_one_node_per_thing() -> None:
    index = discover([parse_markdown(NOTES, "acme.md")], load_vocabulary())
    keys = set(index.entities)
    assert "object store" in keys  # brand word of the title dropped from the key
    store = index.entities["object store"]
    assert "AOS" in store.aliases | {store.label} or index.abbreviations.get("aos") == "object store"
    # "Secure zones" is the elided form of "Secure Private Zones": merged, not a second node
    assert "secure zone" not in keys
    assert "secure private zone" in keys


def test_acronym_long_form() -> None:
    assert acronym_long_form("Heroku Key-Value Store", "KVS") == "Key-Value Store"
    assert acronym_long_form("you must enforce multi-factor authentication", "MFA") == "multi-factor authentication"
    assert acronym_long_form("a plain sentence", "XYZ") is None


def test_split_heading() -> None:
    assert split_heading("SOAP AND Bulk API") == ["SOAP API", "Bulk API"]
    assert split_heading("Configuration and Config Vars") == ["Configuration", "Config Vars"]


def test_a_command_met_as_command_and_as_code_is_one_entity() -> None:
    notes = """# Acme Cloud

## Acme Ledger

- Acme Ledger keeps Acme Records for Acme Teams
- Scale the ledger:
  - `$ acme ledger:scale web=3:large`
  - `$ acme ledger:scale worker=small`
- `$ acme config:get LEDGER_URL` **get**
"""
    index = discover([parse_markdown(notes, "acme.md")], load_vocabulary())
    labels = [e.label.casefold() for e in index.entities.values()]
    assert labels.count("acme ledger:scale") == 1
    assert labels.count("acme config:get") == 1


def test_no_two_entities_share_a_label(shipped: BuildResult, nimbus: BuildResult) -> None:
    for result in (shipped, nimbus):
        labels = [str(o.value) for _, p, o in result.asserted if p.value.endswith("core#prefLabel")]
        assert len(labels) == len({label.casefold() for label in labels})


def test_sentence_initial_word_kept_when_no_dictionary_knows_it() -> None:
    notes = """# Acme Cloud

## Acme Ledger

- Acme Ledger keeps Acme Records for Acme Teams
- Qarn not available with Acme Ledger
- Unauthenticated users are limited to 30 requests per minute
"""
    index = discover([parse_markdown(notes, "acme.md")], load_vocabulary())
    assert "qarn" in index.entities  # a plan or product name at the start of a bullet
    assert "unauthenticated" not in index.entities  # an English word that starts a sentence


def test_code_identifier_with_type_names_its_own_thing() -> None:
    """"`secure` type dynos" are dynos, not the `secure` plan listed elsewhere."""
    notes = """# Acme Cloud

## Acme Ledger

- Plans
  - `secure`
- Only `secure` type dynos can run in secure zones
"""
    index = discover([parse_markdown(notes, "acme.md")], load_vocabulary())
    dynos = index.entities["secure dyno"]
    assert "DynoType" in dynos.classes
    assert "secure type dynos" in dynos.aliases
    assert "secure" in index.entities
