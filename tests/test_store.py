"""The embedded store: a derived cache of graph.nq, rebuilt when the graph changes, copied to memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build_graph, read_notes, write_build
from kg.errors import GraphNotBuiltError
from kg.namespaces import DEFAULT_BASE
from kg.store import ensure_store, open_store
from tests.conftest import FIXTURES


def test_store_follows_the_graph(tmp_path: Path) -> None:
    with pytest.raises(GraphNotBuiltError):
        ensure_store(tmp_path)
    result = build_graph(read_notes([FIXTURES / "notes"]), DEFAULT_BASE)
    write_build(result, tmp_path)
    first = ensure_store(tmp_path)
    assert ensure_store(tmp_path) == first  # reused while graph.nq is unchanged
    write_build(result, tmp_path)
    second = ensure_store(tmp_path)
    assert second != first  # a new build gets a new store
    disk = open_store("oxigraph", tmp_path)
    memory = open_store("oxigraph", tmp_path, memory_limit=1_000_000)
    copy = open_store("memory", tmp_path)
    assert len(disk) == len(memory) == len(copy) == len(result.quads())
