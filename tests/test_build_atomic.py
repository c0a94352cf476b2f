"""Builds are all or nothing: `kg build` killed at any moment leaves one consistent build served, the next
build removes what the killed one left, bad notes inputs fail fast with one line, files are 0644."""

from __future__ import annotations

import os
import random
import stat
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import PARSE_CACHE
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH
from kg.store import BUILDS_DIR, CURRENT_LINK, GRAPH_FILE, build_path, open_store, read_summary
from tests.conftest import FIXTURES, ROOT

EXTRA_NOTES = """# Zephyr Cache

## Zephyr Cache

- Zephyr Cache requires Nimbus Queue
- Plans
  - `mini` 25 MB
  - `grande` 5 GB
- Zephyr Cache connections - up to 40 connections per plan
"""


def extra_notes(folder: Path) -> Path:
    """A second, small notes file: a build with it differs from one without in every count."""
    folder.mkdir(exist_ok=True)
    (folder / "zephyr-notes.md").write_text(EXTRA_NOTES)
    return folder / "zephyr-notes.md"


def kg_build(build_dir: Path, *notes: Path, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", "-q", "--build-dir", str(build_dir),
                             *map(str, notes)], cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def assert_consistent(build_dir: Path) -> str:
    """`current` names a complete build whose summary, graph and store agree; its id."""
    build = build_path(build_dir)
    summary = read_summary(build)
    assert summary["build_id"] == build.name
    per_graph: dict[str, int] = {}
    for q in ox.parse(path=str(build / GRAPH_FILE), format=ox.RdfFormat.N_QUADS):
        per_graph[str(q.graph_name.value)] = per_graph.get(str(q.graph_name.value), 0) + 1  # type: ignore[union-attr]
    assert per_graph[ASSERTED_GRAPH] == summary["asserted_triples"]
    assert per_graph[INFERRED_GRAPH] == summary["inferred_triples"]
    assert len(open_store("oxigraph", build)) == sum(per_graph.values())
    return build.name


def leftovers(build_dir: Path) -> list[str]:
    names = [p.name for p in build_dir.iterdir() if p.name not in (BUILDS_DIR, CURRENT_LINK, PARSE_CACHE)]
    if (build_dir / PARSE_CACHE).is_dir():  # the parse cache stays, its temp files do not
        names += [p.name for p in (build_dir / PARSE_CACHE).iterdir() if p.name.startswith(".")]
    names += [p.name for p in (build_dir / BUILDS_DIR).iterdir() if p.name.startswith(".") and p.name != ".lock"]
    return names


def kill_during(proc: subprocess.Popen[bytes], builds: Path, before: set[str], delay: float, at_write: bool) -> None:
    """kill -9 after `delay`, or (at_write) that long after the build's own temp folder appears."""
    deadline = time.monotonic() + 30
    while at_write and time.monotonic() < deadline and proc.poll() is None:
        if builds.is_dir() and any(p.name.startswith(".tmp-") and p.name not in before for p in builds.iterdir()):
            break
        time.sleep(0.001)
    time.sleep(delay)
    proc.kill()
    proc.wait()


def test_killed_builds_leave_one_consistent_build(tmp_path: Path) -> None:
    build_dir, notes = tmp_path / "build", FIXTURES / "notes"
    extra = extra_notes(tmp_path / "extra")
    t0 = time.monotonic()
    assert kg_build(build_dir, notes).wait() == 0
    took = time.monotonic() - t0
    served = {assert_consistent(build_dir)}
    seed = random.randrange(10**6)  # noqa: S311 - kill times, not secrets
    rng = random.Random(seed)  # noqa: S311
    half_done = 0
    for i in range(6):  # alternate the notes, so that a graph with the other build's summary would show
        before = {p.name for p in (build_dir / BUILDS_DIR).iterdir()}
        proc = kg_build(build_dir, notes, *([extra] if i % 2 == 0 else []))
        at_write = i % 2 == 1
        kill_during(proc, build_dir / BUILDS_DIR, before,
                    rng.uniform(0, 0.05) if at_write else rng.uniform(0.3, took), at_write)
        half_done += bool(leftovers(build_dir))
        served.add(assert_consistent(build_dir))
    assert half_done, f"no kill landed during a write (seed {seed})"
    assert kg_build(build_dir, notes, extra).wait() == 0
    assert assert_consistent(build_dir) not in served
    assert leftovers(build_dir) == []
    assert len([p for p in (build_dir / BUILDS_DIR).iterdir() if not p.name.startswith(".")]) <= 2


def test_files_are_0644_and_folders_0755_whatever_the_umask(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "-q", "--build-dir", str(tmp_path / "b"),
                             str(FIXTURES / "notes")], cwd=ROOT, umask=0o077)
    assert proc.wait() == 0
    build = build_path(tmp_path / "b")
    paths = [build, *build.rglob("*")]
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in paths if p.is_dir()} == {"0o755"}
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in paths if p.is_file()} == {"0o644"}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Path:
    build_dir = tmp_path_factory.mktemp("served")
    assert kg_build(build_dir, FIXTURES / "notes").wait() == 0
    return build_dir


def _fifo(d: Path) -> Path:
    os.mkfifo(d / "pipe.md")
    return d / "pipe.md"


def _zero(d: Path) -> Path:
    (d / "zero.md").symlink_to("/dev/zero")
    return d / "zero.md"


def _loop(d: Path) -> Path:
    (d / "loop.md").symlink_to(d / "loop.md")
    return d / "loop.md"


def _big(d: Path) -> Path:
    (d / "big.md").write_text("# Big\n\n" + "- an item\n" * 200)
    return d / "big.md"


def _fifo_in_folder(d: Path) -> Path:
    _fifo(d)
    (d / "ok.md").write_text(EXTRA_NOTES)
    return d


@pytest.mark.parametrize(("make", "message"), [
    (_zero, "zero.md: is a character device, not a regular file"),
    (_fifo, "pipe.md: is a FIFO (named pipe), not a regular file"),
    (_fifo_in_folder, "pipe.md: is a FIFO (named pipe), not a regular file"),
    (_loop, "loop.md: symlink loop"),
    (_big, "big.md: file is 2,007 bytes, over the 1,000 byte limit (KG_MAX_NOTE_BYTES)"),
])
def test_bad_notes_inputs_fail_fast_and_keep_the_served_build(served: Path, tmp_path: Path, make: object,
                                                               message: str) -> None:
    before = build_path(served)
    graph = (before / GRAPH_FILE).read_bytes()
    t0 = time.monotonic()
    proc = kg_build(served, make(tmp_path), KG_MAX_NOTE_BYTES="1000")  # type: ignore[operator]
    try:
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert time.monotonic() - t0 < 15  # imports included; a FIFO read would hang, /dev/zero fill the memory
    assert proc.returncode == 2
    lines = err.decode().splitlines()
    assert len(lines) == 1, lines
    assert message in lines[0]
    assert build_path(served) == before
    assert (before / GRAPH_FILE).read_bytes() == graph
    assert leftovers(served) == []
