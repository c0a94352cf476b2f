"""kg.check: designs checked against the graph of the shipped notes and of the second notes, by the same code.
Findings are asserted only where the current graph holds the facts (each was looked up with `kg query` first)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build import build_graph, read_notes, write_build
from kg.check import DesignError, RuleGraph, check_design, design_schema, load_rule_graph, parse_design
from kg.check.examples import HERE as EXAMPLES
from kg.cli import cli
from kg.namespaces import DEFAULT_BASE
from kg.store import build_path, graph_file
from tests.conftest import FIXTURES

SECOND_NOTES = FIXTURES / "independent" / "salesforce-integration-notes.md"  # the project's copy
DESIGNS = FIXTURES / "designs"
PORTAL = EXAMPLES / "patient-portal.yaml"
FINE = EXAMPLES / "claims-api.yaml"


@pytest.fixture(scope="session")
def rules(shipped_build: Path) -> RuleGraph:
    return load_rule_graph(build_path(shipped_build))


@pytest.fixture(scope="session")
def second_rules(parse_cache: Path, tmp_path_factory: pytest.TempPathFactory) -> RuleGraph:
    d = tmp_path_factory.mktemp("check-second")
    write_build(build_graph(read_notes([SECOND_NOTES]), DEFAULT_BASE, cache_dir=parse_cache), d)
    return load_rule_graph(build_path(d))


def check(rg: RuleGraph, text: str) -> dict[str, Any]:
    return check_design(rg, parse_design(text))


def found(result: dict[str, Any], severity: str, rule: str) -> list[dict[str, Any]]:
    return [f for f in result["findings"] if f["severity"] == severity and f["rule"] == rule]


def lines(finding: dict[str, Any]) -> set[int]:
    return {f["source"]["line"] for f in finding["facts"] if f["source"]}


def one(result: dict[str, Any], severity: str, rule: str, line: int) -> dict[str, Any]:
    hits = [f for f in found(result, severity, rule) if line in lines(f)]
    assert len(hits) == 1, [f["message"] for f in result["findings"]]
    return hits[0]


# ------------------------------------------------------------------ the example of the issue, on the shipped notes

@pytest.fixture(scope="module")
def portal(rules: RuleGraph) -> dict[str, Any]:
    return check(rules, PORTAL.read_text())


def test_standard_dynos_in_a_shield_space(portal: dict[str, Any]) -> None:
    f = one(portal, "violation", "exclusive", 126)
    assert f["parts"] == ["runtime", "apps.0.processes.web.dyno"]
    assert "standard-2x" in f["message"]
    assert "shield" in f["facts"][0]["source"]["text"].lower()


def test_autoscaling_on_a_tier_that_lacks_it(portal: dict[str, Any]) -> None:
    f = one(portal, "violation", "exclusive", 220)
    assert "apps.0.processes.web.dyno" in f["parts"]
    assert "Autoscaling" in f["facts"][0]["source"]["text"]


def test_shield_connect_plan_syncing_to_a_private_postgres_plan(portal: dict[str, Any]) -> None:
    f = one(portal, "violation", "exclusive", 44)
    assert f["parts"] == ["addons.0.plan", "addons.1.plan"]
    assert "private-4" in f["message"]


def test_private_space_logging_on_a_space_created_without_it(portal: dict[str, Any]) -> None:
    f = one(portal, "violation", "restrictions", 147)
    assert f["facts"][0]["kind"] == "restriction"
    assert "cannot be enabled after" in f["facts"][0]["object"]


def test_pg_psql_in_a_shield_space(portal: dict[str, Any]) -> None:
    f = one(portal, "violation", "not-available", 135)
    assert f["parts"] == ["wants.1", "runtime"]


def test_bulk_writes_with_merged_writes(portal: dict[str, Any]) -> None:
    f = one(portal, "violation", "requires", 54)
    assert "addons.0.algorithm" in f["parts"]
    assert "Merged Writes" in f["message"]


def test_one_web_dyno_against_the_production_check(portal: dict[str, Any]) -> None:
    f = one(portal, "warning", "recommendations", 190)
    assert f["parts"] == ["apps.0.processes.web.count"]


def test_the_example_has_those_violations_only(portal: dict[str, Any]) -> None:
    assert portal["ok"] is False
    assert {(f["rule"], min(lines(f))) for f in portal["findings"] if f["severity"] == "violation"} == {
        ("exclusive", 44), ("exclusive", 126), ("exclusive", 220), ("not-available", 135), ("requires", 54),
        ("restrictions", 147)}


def test_unknown_names_come_with_suggestions(portal: dict[str, Any]) -> None:
    notes = {f["parts"][0]: f for f in found(portal, "note", "unknown-names")}
    assert "apps.0.processes.web.dyno" in notes
    assert notes["apps.0.processes.web.dyno"]["suggestions"]
    assert all(f["suggestions"] for f in notes.values())


def test_derived_figures_carry_their_formula_and_lines(portal: dict[str, Any]) -> None:
    figures = {f["name"]: f for f in portal["figures"]}
    connections = next(f for f in figures.values() if f["parts"][-1] == "addons.0.mappings")
    assert connections["value"] == 20
    assert {fact["source"]["line"] for fact in connections["facts"]} == {52}
    credits = next(f for f in figures.values() if f["parts"] == ["runtime"])
    assert credits["value"] == 1000
    assert {fact["source"]["line"] for fact in credits["facts"]} >= {466, 520}


def test_each_findings_sparql_returns_its_lines(portal: dict[str, Any], shipped_build: Path) -> None:
    store = ox.Store()
    store.load(graph_file(shipped_build).read_bytes(), format=ox.RdfFormat.N_QUADS)
    for item in [*portal["findings"], *portal["figures"]]:
        if not item["sparql"]:
            continue
        rows = list(store.query(item["sparql"], use_default_graph_as_union=True))  # type: ignore[arg-type]
        assert {int(row["line"].value) for row in rows} == {f["source"]["line"] for f in item["facts"]}, item


def test_a_fine_design_gets_no_violation(rules: RuleGraph) -> None:
    result = check(rules, FINE.read_text())
    assert result["ok"] is True
    assert result["counts"]["violation"] == 0
    assert result["counts"]["warning"] == 0
    assert len(result["rules"]) >= 7


def test_an_empty_design_gets_no_findings_and_the_rules_checked(rules: RuleGraph) -> None:
    result = check(rules, "name: empty\n")
    assert result["summary"] == "no findings"
    assert {r["rule"] for r in result["rules"]} >= {"exclusive", "not-available", "restrictions", "requires",
                                                     "limits", "recommendations"}


@pytest.mark.parametrize(("dyno", "violations"), [("standard-1x", 1), ("shield-m", 0), ("Shield-L", 0)])
def test_only_shield_dynos_in_a_shield_space(rules: RuleGraph, dyno: str, violations: int) -> None:
    result = check(rules, f"runtime: Shield Private Space\napps: [{{name: a, processes: {{web: {{dyno: {dyno}, "
                          "count: 2}}}]\n")
    assert result["counts"]["violation"] == violations


def test_no_rule_of_a_space_holds_in_the_common_runtime(rules: RuleGraph) -> None:
    result = check(rules, "runtime: Common Runtime\nwants: [heroku pg:psql]\n"
                          "apps: [{name: a, processes: {web: {dyno: standard-1x, count: 2}}}]\n")
    assert result["counts"]["violation"] == 0


def test_autoscaling_on_performance_dynos_is_fine(rules: RuleGraph) -> None:
    result = check(rules, "apps: [{name: a, processes: {web: {dyno: performance-l, count: 2, autoscaling: true}}}]\n")
    assert result["counts"]["violation"] == 0
    units = [f for f in result["figures"] if f["parts"][-1].endswith("web.count")]
    assert units
    assert units[0]["value"] == 32


def test_a_space_created_with_the_feature_or_not_yet_created(rules: RuleGraph) -> None:
    base = "runtime: Shield Private Space\nwants: [Private Space Logging]\n"
    assert check(rules, base + "space: {exists: true}\n")["counts"]["violation"] == 1
    assert check(rules, base + "space: {exists: false}\n")["counts"]["violation"] == 0
    assert check(rules, base + "space: {exists: true, created_with: [Private Space Logging]}\n")["ok"]


def test_a_misspelt_name_is_read_with_a_note(rules: RuleGraph) -> None:
    result = check(rules, "addons: [{name: Heroku Conect}]\n")
    assert result["links"][0]["label"] == "Heroku Connect"
    assert any("read as Heroku Connect" in f["message"] for f in found(result, "note", "unknown-names"))


def test_checking_the_example_takes_under_a_second(rules: RuleGraph) -> None:
    design = parse_design(PORTAL.read_text())
    start = time.perf_counter()
    check_design(rules, design)
    assert time.perf_counter() - start < 1.0


def test_a_thousand_processes_are_checked_quickly(rules: RuleGraph) -> None:
    procs = {f"p{i}": {"dyno": f"dyno-{i}", "count": 1} for i in range(1000)}
    start = time.perf_counter()
    result = check_design(rules, parse_design(json.dumps({"apps": [{"name": "a", "processes": procs}]})))
    assert time.perf_counter() - start < 5.0
    assert result["counts"]["violation"] == 0


# ------------------------------------------------------------------ the second notes, same code

def test_second_notes_limits_broken(second_rules: RuleGraph) -> None:
    result = check(second_rules, (DESIGNS / "erp-load.yaml").read_text())
    assert {(f["parts"][-1], min(lines(f))) for f in found(result, "violation", "limits")} == {
        ("uses.0.records", 36), ("uses.1.subrequests", 29), ("uses.2.entities", 92), ("uses.3.nested levels", 31),
        ("uses.6.synchronous", 45)}
    one(result, "warning", "negated", 55)


def test_second_notes_fine_design(second_rules: RuleGraph) -> None:
    result = check(second_rules, (DESIGNS / "erp-fine.yaml").read_text())
    assert result["summary"] == "no findings"


def test_a_limit_of_batches_is_not_a_limit_of_the_total(rules: RuleGraph) -> None:
    """"in batches of up to 2000 records" limits a batch: a design's total records is not held to it."""
    result = check(rules, "addons: [{name: Heroku Connect, records: 500000}]\n")
    assert found(result, "violation", "limits") == []


# ------------------------------------------------------------------ bad input

@pytest.mark.parametrize(("text", "says"), [
    ("a: [", "not YAML"),
    ("- 1\n- 2\n", "expected a mapping"),
    ("apps: 3\n", "apps"),
    ("apps: [{name: a, processes: {web: {count: many}}}]\n", "count"),
    ("apps: [{name: a, processes: {web: {count: '2'}}}]\n", "count"),
    ("colour: blue\n", "colour"),
    ("addons: [{name: X, mappings: {a: 1}}]\n", "addons.0.mappings"),
    ("a: &x [1]\nb: *x\n", "aliases"),
    ("wants: [" + ", ".join(["x"] * 300) + "]\n", "wants"),
])
def test_bad_designs_are_refused_clearly(text: str, says: str) -> None:
    with pytest.raises(DesignError, match=says):
        parse_design(text)


def test_huge_designs_are_refused() -> None:
    with pytest.raises(DesignError, match="bytes"):
        parse_design("name: x\n" + "#" * 1_000_001)
    procs = {f"p{i}": {"count": 1} for i in range(10_000)}
    with pytest.raises(DesignError, match="10,000 processes"):
        parse_design(json.dumps({"apps": [{"name": "a", "processes": procs}]}), "json")


def test_the_schema_describes_the_design() -> None:
    schema = design_schema()
    assert {"runtime", "space", "data", "apps", "addons", "wants"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


# ------------------------------------------------------------------ kg check

def test_cli_exit_codes(shipped_build: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [")
    assert runner.invoke(cli, ["check", str(PORTAL), "--build-dir", str(shipped_build)]).exit_code == 1
    fine = runner.invoke(cli, ["check", str(FINE), "--build-dir", str(shipped_build)])
    assert fine.exit_code == 0, fine.output
    assert runner.invoke(cli, ["check", str(bad), "--build-dir", str(shipped_build)]).exit_code == 2
    assert runner.invoke(cli, ["check", str(tmp_path / "none.yaml"), "--build-dir", str(shipped_build)]).exit_code == 2


def test_cli_json_and_schema(shipped_build: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["check", str(PORTAL), "--json", "--build-dir", str(shipped_build)])
    data = json.loads(out.output)
    assert data["counts"]["violation"] == 6
    schema = json.loads(runner.invoke(cli, ["check", "--schema"]).output)
    assert schema == json.loads(json.dumps(design_schema()))


def test_cli_text_shows_the_lines(shipped_build: Path) -> None:
    out = CliRunner().invoke(cli, ["check", str(PORTAL), "--build-dir", str(shipped_build)]).output
    assert "VIOLATION" in out
    assert "heroku-architect-notes.md:147" in out


def test_a_plan_stands_only_for_plans_of_its_own_product(rules: RuleGraph) -> None:
    """"Dataclips can be created for any Heroku Postgres databases except Shield Tier plans" (line 344): a
    Shield Postgres plan is warned about, a Shield plan of another add-on is not."""
    base = "runtime: Shield Private Space\nwants: [Dataclips]\naddons: [{name: Apache Kafka on Heroku, plan: shield}"
    assert found(check(rules, base + "]\n"), "warning", "negated") == []
    warned = found(check(rules, base + ", {name: Heroku Postgres, plan: shield}]\n"), "warning", "negated")
    assert [(f["parts"], min(lines(f))) for f in warned] == [(["wants.0", "addons.1.plan"], 344)]


def test_kinds_of_data_name_what_meets_them(rules: RuleGraph, portal: dict[str, Any]) -> None:
    """"Shield Connect meets HIPAA requirements" (line 31): a HIPAA design on another Connect plan gets a note."""
    result = check(rules, "data: [HIPAA]\naddons: [{name: Heroku Connect, plan: enterprise}]\n")
    assert one(result, "note", "data", 31)["parts"] == ["data.0"]
    assert found(portal, "note", "data") == []  # Heroku Connect on its shield plan


def test_a_plan_that_names_a_thing_of_another_kind_is_reported(rules: RuleGraph) -> None:
    result = check(rules, "addons: [{name: Heroku Postgres, plan: Heroku Connect}]\n")
    note = found(result, "note", "unknown-names")[0]
    assert "names no plan of Heroku Postgres" in note["message"]
    assert result["links"][1]["iri"] is None
