"""The build folder and the triple store.

Layout: each `kg build` writes a folder builds/<build id>/ (graph.nq, summary.json, store/: the embedded
Oxigraph store of graph.nq) and then points the link `current` at it in one atomic step, so a reader sees one
complete build or the one before, never a mix. Every reader takes `build_dir` (the folder holding `current`)
or one build's own folder, and reads one build: `build_path()` says which.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphNotBuiltError

CURRENT_LINK = "current"
BUILDS_DIR = "builds"
GRAPH_FILE = "graph.nq"
SUMMARY_FILE = "summary.json"
STORE_DIR = "store"


def current_target(build_dir: Path) -> str | None:
    """What build_dir/current points to (one readlink: cheap enough to poll), or None."""
    try:
        return os.readlink(build_dir / CURRENT_LINK)
    except OSError:
        return None


def _is_one_build(path: Path) -> bool:
    try:
        return "build_id" in json.loads((path / SUMMARY_FILE).read_bytes())
    except (OSError, ValueError):
        return False


def build_path(build_dir: Path) -> Path:
    """The folder of the build to read: the target of build_dir/current, or build_dir itself when it is one
    build's folder (as worker processes are given). GraphNotBuiltError when there is none."""
    target = current_target(build_dir)
    if target is not None:
        path = build_dir / target
        if not (path / GRAPH_FILE).is_file():
            raise GraphNotBuiltError(f"{build_dir / CURRENT_LINK} points to {path}, which holds no graph: "
                                     "run `kg build` again")
        return path
    if _is_one_build(build_dir):
        return build_dir
    if (build_dir / GRAPH_FILE).is_file():
        raise GraphNotBuiltError(f"{build_dir} holds a graph in the old layout (graph.nq without a `current` "
                                 "link): run `kg build` again")
    raise GraphNotBuiltError(f"no graph at {build_dir}: run `kg build` first")


def graph_file(build_dir: Path) -> Path:
    """The graph.nq of the build to read, or GraphNotBuiltError when there is none."""
    return build_path(build_dir) / GRAPH_FILE


def ensure_store(build_dir: Path) -> Path:
    """The on-disk store of the build to read (written by `kg build` with the graph it holds)."""
    build = build_path(build_dir)
    store = build / STORE_DIR
    if not store.is_dir():
        raise GraphNotBuiltError(f"the build {build} has no store: run `kg build` again")
    return store


def write_store(nquads: bytes, target: Path) -> Path:
    """Load N-Quads into a new on-disk store at target (a folder that does not exist yet)."""
    store = ox.Store(str(target))
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store  # closes RocksDB: readers open it read-only
    return target


def open_store(kind: str, build_dir: Path, memory_limit: int = 0) -> ox.Store:
    """A read-only view of the built graph: the on-disk store, or an in-memory copy of graph.nq.

    memory_limit: with the on-disk store, copy it into memory when it holds at most this many quads
    (on this machine a look-up in the read-only RocksDB store costs 3-7x one in memory at 30k quads).
    """
    build = build_path(build_dir)
    if kind == "oxigraph" and memory_limit:
        disk = open_store("oxigraph", build)
        counted = zip(disk.quads_for_pattern(None, None, None, None), range(memory_limit + 1), strict=False)
        if sum(1 for _ in counted) <= memory_limit:
            store = ox.Store()
            store.bulk_extend(disk.quads_for_pattern(None, None, None, None))
            return store
        return disk
    if kind == "memory":
        store = ox.Store()
        store.bulk_load((build / GRAPH_FILE).read_bytes(), format=ox.RdfFormat.N_QUADS)
        return store
    try:
        return ox.Store.read_only(str(ensure_store(build)))
    except OSError as ex:
        raise GraphNotBuiltError(f"cannot open the store of {build}: {ex}") from ex


def read_summary(build_dir: Path) -> dict[str, object]:
    """summary.json of the build to read: counts, built_at and build_id."""
    data: dict[str, object] = json.loads((build_path(build_dir) / SUMMARY_FILE).read_bytes())
    return data


class BuildHold:
    """A shared lock on one build while a server reads it: `kg build` never removes a held build."""

    def __init__(self, build: Path) -> None:
        self.fd: int | None = os.open(build / GRAPH_FILE, os.O_RDONLY | os.O_CLOEXEC)
        fcntl.flock(self.fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing drops the lock
            self.fd = None


def is_held(build: Path) -> bool:
    """Whether some process holds `build` (a BuildHold); a build without a graph is held by nobody."""
    try:
        fd = os.open(build / GRAPH_FILE, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    return False
