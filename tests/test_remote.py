"""The graph on a remote SPARQL store (kg.remote), against a real Oxigraph server process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from kg.config import ConfigError, settings_from
from kg.remote import (
    META_GRAPH,
    SERVED_GRAPHS,
    PushError,
    RemoteStore,
    StoreUnavailableError,
    pull_build,
    push_build,
    select,
    served_version,
)
from kg.store import GRAPH_FILE, build_path, read_summary
from tests.remote_servers import StoreServer, oxigraph_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[StoreServer]:
    with oxigraph_server(tmp_path / "oxigraph") as s:
        yield s


def _quads(path: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS))


def _count(store: StoreServer) -> int:
    with httpx.Client() as client:
        return int(select(client, store.remote(), COUNT, 5)[0]["n"]["value"])


def test_push_then_pull_gives_the_same_graph_and_its_version(store: StoreServer, built: Path, tmp_path: Path) -> None:
    build = build_path(built)
    done = push_build(store.remote(), build)
    assert done["build_id"] == read_summary(build)["build_id"]
    with httpx.Client() as client:
        version = served_version(client, store.remote(), 5)
    assert version is not None
    assert version[0] == done["build_id"]
    assert version[1]["asserted_triples"] == read_summary(build)["asserted_triples"]
    copy = pull_build(store.remote(), tmp_path / "copies")
    assert copy.name == done["build_id"]
    assert _quads(copy / GRAPH_FILE) == _quads(build / GRAPH_FILE)
    with httpx.Client() as client:  # staging graphs are gone after the switch; the version is in the meta graph
        graphs = {r["g"]["value"] for r in select(client, store.remote(), "SELECT DISTINCT ?g { GRAPH ?g {} }", 5)}
    assert graphs == {*SERVED_GRAPHS, META_GRAPH}


def test_push_by_insert_data_in_chunks_matches(store: StoreServer, built: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kg.remote.CHUNK_TRIPLES", 500)  # several requests per graph
    remote = RemoteStore(store.query, store.update)  # no Graph Store endpoint: SPARQL Update only
    push_build(remote, build_path(built))
    assert _quads(pull_build(remote, tmp_path / "copies") / GRAPH_FILE) == _quads(build_path(built) / GRAPH_FILE)


def test_a_failed_push_leaves_the_served_graph(store: StoreServer, built: Path, shipped_build: Path) -> None:
    push_build(store.remote(), build_path(built))
    before = _count(store)
    broken = RemoteStore(store.query, store.url + "/no-such-endpoint")  # every write fails (404)
    with pytest.raises(PushError, match="still serves"):
        push_build(broken, build_path(shipped_build))
    with httpx.Client() as client:
        version = served_version(client, store.remote(), 5)
    assert version is not None
    assert version[0] == read_summary(build_path(built))["build_id"]
    assert _count(store) == before


def test_a_broken_build_is_refused_before_anything_is_sent(store: StoreServer, built: Path, tmp_path: Path) -> None:
    push_build(store.remote(), build_path(built))
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "summary.json").write_bytes((build_path(built) / "summary.json").read_bytes().replace(b"20", b"21", 1))
    (broken / GRAPH_FILE).write_bytes((build_path(built) / GRAPH_FILE).read_bytes()[:5000] + b"<not a quad\n")
    with pytest.raises(PushError, match="not a complete build"):
        push_build(store.remote(), broken)
    with httpx.Client() as client:
        version = served_version(client, store.remote(), 5)
    assert version is not None
    assert version[0] == read_summary(build_path(built))["build_id"]


def test_readers_see_the_old_graph_or_the_new_one_never_a_mix(store: StoreServer, built: Path,
                                                              shipped_build: Path) -> None:
    push_build(store.remote(), build_path(built))
    old, new = (len(_quads(build_path(b) / GRAPH_FILE)) for b in (built, shipped_build))
    seen: set[int] = set()
    stop = threading.Event()
    served = ("SELECT (COUNT(*) AS ?n) WHERE { VALUES ?g { <https://w3id.org/heroku-kg/graph/asserted> "
              "<https://w3id.org/heroku-kg/graph/inferred> <https://w3id.org/heroku-kg/graph/ontology> } "
              "GRAPH ?g { ?s ?p ?o } }")

    def read() -> None:
        with httpx.Client() as client:
            while not stop.is_set():
                seen.add(int(select(client, store.remote(), served, 5)[0]["n"]["value"]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        push_build(RemoteStore(store.query, store.update), build_path(shipped_build))  # many small requests
    finally:
        stop.set()
        reader.join()
    seen.add(int(select(httpx.Client(), store.remote(), served, 5)[0]["n"]["value"]))
    assert seen <= {old, new}
    assert new in seen


def test_an_unreachable_store_is_one_clear_error(tmp_path: Path, built: Path) -> None:
    gone = RemoteStore("http://127.0.0.1:9/query", "http://127.0.0.1:9/update")
    with pytest.raises(StoreUnavailableError, match="cannot be reached"):
        pull_build(gone, tmp_path)
    with pytest.raises(PushError, match="cannot be reached"):
        push_build(gone, build_path(built))


def test_remote_settings_are_checked_and_the_password_never_shown() -> None:
    with pytest.raises(ConfigError, match="KG_SPARQL_URL"):
        settings_from({"KG_STORE": "sparql"})
    with pytest.raises(ConfigError, match="no credentials"):
        settings_from({"KG_STORE": "sparql", "KG_SPARQL_URL": "http://u:pw@h/q"})
    with pytest.raises(ConfigError, match="KG_SPARQL_AUTH"):
        settings_from({"KG_STORE": "sparql", "KG_SPARQL_URL": "http://h/q", "KG_SPARQL_AUTH": "ntlm"})
    s = settings_from({"KG_STORE": "sparql", "KG_SPARQL_URL": "http://h/q", "KG_SPARQL_USER": "kg",
                       "KG_SPARQL_PASSWORD": "hunter2", "KG_SPARQL_AUTH": "digest"})
    assert "hunter2" not in repr(s)
    from kg.config import remote_store

    remote = remote_store(s)
    assert remote.update_url == "http://h/q"  # the query URL when no update URL is given
    assert "hunter2" not in repr(remote)
    assert isinstance(remote.auth(), httpx.DigestAuth)


def _kg(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, **env})


def test_kg_push_and_kg_query_on_the_store(store: StoreServer, built: Path, tmp_path: Path) -> None:
    env = store.env(tmp_path)
    done = _kg("push", "--build-dir", str(built), env=env)
    assert done.returncode == 0, done.stderr
    assert "the store now serves it" in done.stdout
    with httpx.Client() as client:
        version = served_version(client, store.remote(), 5)
    assert version is not None
    assert version[0] == read_summary(build_path(built))["build_id"]
    asked = _kg("query", "--format", "json", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", env=env)
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["rows"] == [{"n": str(len(_quads(build_path(built) / GRAPH_FILE)))}]


def test_kg_push_errors_are_one_line(built: Path, tmp_path: Path) -> None:
    no_store = _kg("push", "--build-dir", str(built), env={"KG_STORE": "oxigraph"})
    gone = _kg("push", "--build-dir", str(built), env={"KG_STORE": "sparql", "KG_SPARQL_URL": "http://127.0.0.1:9/q"})
    for done, message in ((no_store, "KG_STORE=sparql"), (gone, "cannot be reached")):
        assert done.returncode == 2
        assert done.stderr.startswith("Error: ")
        assert done.stderr.count("\n") == 1
        assert message in done.stderr
