"""The triple store: an embedded Oxigraph store under the build folder (default), an in-memory one,
or a remote SPARQL 1.1 endpoint. Chosen by one setting, KG_STORE: "oxigraph", "memory" or a URL."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphNotBuiltError

SUMMARY_FILE = "summary.json"
STORE_LINK = "store"
STAMP_FILE = "graph.stamp"
GRAPH_FILE = "graph.nq"


def graph_file(build_dir: Path) -> Path:
    """build_dir/graph.nq, or GraphNotBuiltError when there is none."""
    path = build_dir / GRAPH_FILE
    if not path.is_file():
        raise GraphNotBuiltError(f"no graph at {path}: run `kg build` first")
    return path


def _stamp(graph: Path) -> str:
    st = graph.stat()
    return f"{st.st_size}-{st.st_mtime_ns}"


def ensure_store(build_dir: Path) -> Path:
    """The on-disk store of build_dir/graph.nq, loaded on first use after each build (a derived cache:
    `kg build` stays fast, and a store always matches the graph it came from)."""
    graph = graph_file(build_dir)
    link = build_dir / STORE_LINK
    stamp = _stamp(graph)
    if link.exists() and (link / STAMP_FILE).exists() and (link / STAMP_FILE).read_text() == stamp:
        return link.resolve()
    return write_store(graph.read_bytes(), build_dir, stamp)


def write_store(nquads: bytes, build_dir: Path, stamp: str = "") -> Path:
    """Load N-Quads into a new on-disk store, then point build_dir/store at it in one atomic step."""
    build_dir.mkdir(parents=True, exist_ok=True)
    target = build_dir / f"store-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    store = ox.Store(str(target))
    store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    (target / STAMP_FILE).write_text(stamp)
    link = build_dir / STORE_LINK
    tmp_link = build_dir / f".{STORE_LINK}.tmp"
    tmp_link.unlink(missing_ok=True)
    tmp_link.symlink_to(target.name)
    os.replace(tmp_link, link)
    _prune(build_dir, keep={target.name})
    return target


def _prune(build_dir: Path, keep: set[str]) -> None:
    """Keep the new store and the one before it (a running server may still read it)."""
    stores = sorted((p for p in build_dir.glob("store-*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    old = [p for p in stores if p.name not in keep]
    for p in old[:-1]:
        shutil.rmtree(p, ignore_errors=True)


def open_store(kind: str, build_dir: Path, memory_limit: int = 0) -> ox.Store:
    """A read-only view of the built graph: the on-disk store, or an in-memory copy of graph.nq.

    memory_limit: with the on-disk store, copy it into memory when it holds at most this many quads
    (on this machine a look-up in the read-only RocksDB store costs 3-7x one in memory at 30k quads).
    """
    if kind == "oxigraph" and memory_limit:
        disk = open_store("oxigraph", build_dir)
        counted = zip(disk.quads_for_pattern(None, None, None, None), range(memory_limit + 1), strict=False)
        if sum(1 for _ in counted) <= memory_limit:
            store = ox.Store()
            store.bulk_extend(disk.quads_for_pattern(None, None, None, None))
            return store
        return disk
    if kind == "memory":
        store = ox.Store()
        store.bulk_load(graph_file(build_dir).read_bytes(), format=ox.RdfFormat.N_QUADS)
        return store
    try:
        return ox.Store.read_only(str(ensure_store(build_dir)))
    except OSError as ex:
        raise GraphNotBuiltError(f"cannot open the store under {build_dir}: {ex}") from ex


def read_summary(build_dir: Path) -> dict[str, object]:
    path = build_dir / SUMMARY_FILE
    data: dict[str, object] = json.loads(path.read_text()) if path.exists() else {}
    return data
