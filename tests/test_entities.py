from __future__ import annotations

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
