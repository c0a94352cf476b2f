from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import build_graph, load_build, read_notes, write_build
from kg.cli import cli
from kg.errors import NoNotesError
from kg.namespaces import DEFAULT_BASE
from kg.store import graph_file
from tests.conftest import FIXTURES


def test_build_writes_and_loads(tmp_path: Path) -> None:
    result = build_graph(read_notes([FIXTURES / "notes"]), DEFAULT_BASE)
    write_build(result, tmp_path)
    ds = load_build(tmp_path)
    assert len(ds) == len(result.dataset)
    assert result.summary["limits"]
    assert result.summary["inferred_triples"]


def test_failed_build_keeps_previous_graph(tmp_path: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(cli, ["build", str(FIXTURES / "notes"), "--build-dir", str(tmp_path), "-q"])
    assert ok.exit_code == 0, ok.output
    before = graph_file(tmp_path).read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "broken.md").write_bytes(b"\xff\xfe\x00garbage")
    res = runner.invoke(cli, ["build", str(bad), "--build-dir", str(tmp_path)])
    assert res.exit_code == 2
    assert "broken.md" in res.output
    assert "Traceback" not in res.output
    assert graph_file(tmp_path).read_bytes() == before


def test_no_notes(tmp_path: Path) -> None:
    with pytest.raises(NoNotesError):
        read_notes([tmp_path])


def test_cli_query_export_validate(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(FIXTURES / "notes"), "--build-dir", str(tmp_path), "-q"]).exit_code == 0
    q = runner.invoke(cli, ["query", "--build-dir", str(tmp_path), "--format", "csv",
                            "SELECT ?l WHERE { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> ?l } ORDER BY ?l"])
    assert q.exit_code == 0
    assert "Nimbus Queue" in q.output
    bad = runner.invoke(cli, ["query", "--build-dir", str(tmp_path), "SELEC ?x WHERE {"])
    assert bad.exit_code == 2
    assert "malformed SPARQL" in bad.output
    svc = runner.invoke(cli, ["query", "--build-dir", str(tmp_path),
                              "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"])
    assert svc.exit_code == 2
    assert "refused" in svc.output
    out = tmp_path / "g.nt"
    assert runner.invoke(cli, ["export", "--build-dir", str(tmp_path), "--format", "nt", "-o", str(out)]).exit_code == 0
    from rdflib import Graph

    assert len(Graph().parse(out, format="nt")) > 100
    v = runner.invoke(cli, ["validate", "--build-dir", str(tmp_path)])
    assert v.exit_code == 0
    assert "Conforms: True" in v.output


def test_cli_without_graph(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["query", "--build-dir", str(tmp_path), "ASK {}"])
    assert res.exit_code == 2
    assert "kg build" in res.output


def test_old_layout_asks_for_a_new_build(tmp_path: Path) -> None:
    (tmp_path / "graph.nq").write_text("")  # graph.nq straight in the build folder: the layout before builds/
    res = CliRunner().invoke(cli, ["query", "--build-dir", str(tmp_path), "ASK {}"])
    assert res.exit_code == 2
    assert "old layout" in res.output
    assert "kg build" in res.output
