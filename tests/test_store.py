"""The embedded store: written by each build into its own folder, read through `current`, copied to memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import BuildResult, write_build
from kg.errors import GraphNotBuiltError
from kg.store import BuildHold, build_path, ensure_store, open_store, read_summary


def test_store_follows_the_graph(tmp_path: Path, nimbus: BuildResult) -> None:
    with pytest.raises(GraphNotBuiltError):
        ensure_store(tmp_path)
    first_build = write_build(nimbus, tmp_path)
    first = ensure_store(tmp_path)
    assert first == first_build / "store"
    assert ensure_store(tmp_path) == first  # read as is while no new build is made
    write_build(nimbus, tmp_path)
    second = ensure_store(tmp_path)
    assert second != first  # a new build gets a new store
    disk = open_store("oxigraph", tmp_path)
    memory = open_store("oxigraph", tmp_path, memory_limit=1_000_000)
    copy = open_store("memory", tmp_path)
    assert len(disk) == len(memory) == len(copy) == len(nimbus.quads())


def test_one_build_folder_reads_as_itself(tmp_path: Path, nimbus: BuildResult) -> None:
    """Workers get one build's folder: it keeps reading that build after `current` moves on."""
    old = write_build(nimbus, tmp_path)
    new = write_build(nimbus, tmp_path)
    assert build_path(tmp_path) == new
    assert build_path(old) == old
    assert read_summary(old)["build_id"] == old.name
    assert ensure_store(old) == old / "store"


def test_builds_kept_current_previous_and_held(tmp_path: Path, nimbus: BuildResult) -> None:
    first = write_build(nimbus, tmp_path)
    hold = BuildHold(first)  # as a server serving it
    second = write_build(nimbus, tmp_path)
    third = write_build(nimbus, tmp_path)
    fourth = write_build(nimbus, tmp_path)
    assert first.is_dir()  # held
    assert not second.is_dir()  # neither current, the one before, nor held
    assert third.is_dir()
    assert fourth.is_dir()
    hold.release()
    write_build(nimbus, tmp_path)
    assert not first.is_dir()
