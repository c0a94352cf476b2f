"""Entity search and cards on the graph of the test notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.lookup import UnknownEntityError, entity_card, entity_id, resolve, search_entities
from kg.qa.index import QAIndex
from tests.test_qa import line_of


def test_search_ranks_exact_then_prefix_then_fuzzy(index: QAIndex) -> None:
    hits = search_entities(index, "nimbus queue")
    assert hits[0]["label"] == "Nimbus Queue"
    assert hits[0]["score"] > hits[-1]["score"]
    assert search_entities(index, "Nimbus Qeueu")[0]["label"] == "Nimbus Queue"  # a typo
    assert len(search_entities(index, "", limit=5)) == 5


def test_search_by_class(index: QAIndex) -> None:
    hits = search_entities(index, "", limit=50, cls="Plan")
    assert hits
    assert all("Plan" in h["types"] for h in hits)


def test_resolve_by_label_alias_id_and_iri(index: QAIndex) -> None:
    iri = resolve(index, "Nimbus Queue")
    assert resolve(index, "nimbus queue") == iri
    assert resolve(index, entity_id(iri)) == iri
    assert resolve(index, iri) == iri
    with pytest.raises(UnknownEntityError):
        resolve(index, "Quantum Router")


def test_card_has_facts_limits_and_sources(index: QAIndex) -> None:
    card = entity_card(index, "Nimbus Queue")
    assert card["label"] == "Nimbus Queue"
    out = {(f["relation"], f["entity"]["label"]) for f in card["facts_out"]}
    assert ("syncs with", "Nimbus Store") in out
    syncs = next(f for f in card["facts_out"] if f["entity"]["label"] == "Nimbus Store")
    assert syncs["source"]["line"] == line_of("syncs Nimbus Store <=> Ledger")
    limit = next(lim for lim in card["limits"] if lim["value"] == 64)
    assert limit["unit"] == "connection"
    assert limit["source"]["line"] == line_of("up to 64 connections")
    assert card["sources"]
    assert all(f["inferred"] for f in card["inferred"])


def test_cli_entity_and_entities(built: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(cli, ["entity", "--build-dir", str(built), "nimbus queue", "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["label"] == "Nimbus Queue"
    text = runner.invoke(cli, ["entity", "--build-dir", str(built), "Nimbus Queue"])
    assert "syncs with Nimbus Store" in text.output
    assert "64 connections" in text.output
    found = runner.invoke(cli, ["entities", "--build-dir", str(built), "queue"])
    assert "Nimbus Queue" in found.output.splitlines()[0]
    bad = runner.invoke(cli, ["entity", "--build-dir", str(built), "Quantum Router"])
    assert bad.exit_code == 2
    assert "no entity named" in bad.output
