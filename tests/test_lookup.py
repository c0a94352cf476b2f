"""Entity search and cards on the graph of the test notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import write_build
from kg.cli import cli
from kg.lookup import UnknownEntityError, entity_card, entity_id, resolve, search_entities
from kg.phrasing import relation_order
from kg.qa.index import QAIndex, load_index
from kg.store import build_path
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


@pytest.fixture(scope="module")
def shipped_index(shipped_build: Path) -> QAIndex:
    return load_index(build_path(shipped_build))


def test_a_misspelt_name_finds_it_first(shipped_index: QAIndex) -> None:
    """Whole-name similarity first: "heroku conect" is Heroku Connect, not any "heroku ..." command."""
    for typo in ("heroku conect", "conect", "herku connect", "Heroku Conect"):
        assert search_entities(shipped_index, typo, limit=8)[0]["label"] == "Heroku Connect", typo
    assert search_entities(shipped_index, "postgress")[0]["label"] == "Heroku Postgres"
    assert search_entities(shipped_index, "xyzzy") == []


def test_card_groups_facts_by_relation_in_a_fixed_order(shipped_index: QAIndex) -> None:
    card = entity_card(shipped_index, "Heroku Connect")
    groups = card["groups"]
    assert [f for g in groups if g["direction"] == "out" for f in g["facts"]] == card["facts_out"]
    keys = [(g["direction"], g["relation"]) for g in groups]
    assert len(keys) == len(set(keys))  # one group per relation and direction
    out = [g for g in groups if g["direction"] == "out"]
    order = [relation_order(g["predicate"], g["relation"]) for g in out]
    assert order == sorted(order)
    for g in groups:  # readable names: no lemmas, no local names, negation spelt out
        assert not re.search(r"_|[a-z][A-Z]|\bn't\b|^be\b|^not \w+s\b", g["relation"]), g["relation"]
        assert all(f["relation"] == g["relation"] for f in g["facts"])
    assert any(g["relation"].startswith("does not ") for g in groups if g["negated"])


def test_cli_entity_prints_the_facts_in_the_cards_order(built: Path, index: QAIndex) -> None:
    text = CliRunner().invoke(cli, ["entity", "--build-dir", str(built), "Nimbus Queue"]).output
    card = entity_card(index, "Nimbus Queue")
    printed = [line.split("  [line")[0].strip() for line in text.splitlines() if line.strip().startswith("->")]
    assert printed == [f"-> {f['relation']} {f['entity']['label']}" for f in card["facts_out"]]


def test_card_says_where_a_limit_holds(tmp_path: Path, parse_cache: Path) -> None:
    from kg.build import build_graph
    from kg.namespaces import DEFAULT_BASE
    from kg.notes import parse_markdown

    md = ("# Ferry Queue\n\n## Plans\n\n- `ferry-gold` and `ferry-bronze` plans\n"
          "- message retention - 14 days in `ferry-gold`, 3 days in `ferry-bronze`\n")
    write_build(build_graph([parse_markdown(md, "ferry.md")], DEFAULT_BASE, cache_dir=parse_cache), tmp_path)
    card = entity_card(load_index(build_path(tmp_path)), "message retention")
    held = {lim["value"]: [w["label"] for w in lim["appliesIn"]] for lim in card["limits"]}
    assert held == {14.0: ["ferry-gold"], 3.0: ["ferry-bronze"]}
