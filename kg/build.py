"""Build: notes -> extraction -> RDF -> inferences, written as one new build folder and switched to at once.

A build is written under build_dir/builds/.tmp-<id>/ (graph.nq, summary.json, the store), renamed to
builds/<id>/ when complete, and published by replacing the link build_dir/current in one atomic step: a
reader sees the previous build or the new one, whole. A killed build leaves a temp folder that the next
build removes; builds are kept while current, the one before, or held by a running server.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import stat
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import GraphNotBuiltError, NoNotesError
from kg.extract.nlp import DEFAULT_MODEL
from kg.extract.run import extract
from kg.files import FILE_MODE, MAX_NOTE_BYTES, fix_modes, make_dir, stat_error, sync_dir, write_new
from kg.graph import to_triples
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, ontology_dir
from kg.notes import Note, read_note
from kg.reason import materialize
from kg.store import (
    BUILDS_DIR,
    CURRENT_LINK,
    GRAPH_FILE,
    STORE_DIR,
    SUMMARY_FILE,
    current_target,
    graph_file,
    is_held,
    write_store,
)
from kg.terms import RDF, Triple, local

NOTE_SUFFIXES = (".md", ".markdown")
TMP_PREFIX, TRASH_PREFIX, LOCK_FILE = ".tmp-", ".trash-", ".lock"

if TYPE_CHECKING:
    from rdflib import Dataset


@dataclass
class BuildResult:
    asserted: set[Triple]
    inferred: set[Triple]
    ontology: list[Triple]
    summary: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def quads(self) -> list[ox.Quad]:
        out: list[ox.Quad] = []
        for name, triples in ((ASSERTED_GRAPH, self.asserted), (INFERRED_GRAPH, self.inferred),
                              (ONTOLOGY_GRAPH, self.ontology)):
            g = ox.NamedNode(name)
            out.extend(ox.Quad(s, p, o, g) for s, p, o in triples)
        return out

    def nquads(self) -> bytes:
        return ox.serialize(self.quads(), format=ox.RdfFormat.N_QUADS) or b""

    @property
    def dataset(self) -> Dataset:
        """The three named graphs as an rdflib Dataset (for scripts and tests; made on first use)."""
        if self._dataset is None:
            from rdflib import Dataset

            ds = Dataset()
            ds.parse(data=self.nquads().decode(), format="nquads")
            self._dataset = ds
        dataset: Dataset = self._dataset
        return dataset

    _dataset: Any = None


def find_notes(paths: list[Path]) -> list[Path]:
    """The notes files named or found (*.md, *.markdown) under the folders named; a path that cannot be
    looked at (missing, a symlink loop) is an error naming it. Files are checked again when read."""
    files: list[Path] = []
    for p in paths:
        try:
            mode = p.stat().st_mode
        except OSError as ex:
            raise stat_error(p, ex) from ex
        if stat.S_ISDIR(mode):
            files.extend(sorted(q for q in p.rglob("*") if q.suffix.lower() in NOTE_SUFFIXES and not q.is_dir()))
        else:
            files.append(p)
    if not files:
        raise NoNotesError(f"no markdown notes (*.md) found in {', '.join(map(str, paths))}")
    return files


def read_notes(paths: list[Path], max_bytes: int = MAX_NOTE_BYTES) -> list[Note]:
    """Every notes file, each at most max_bytes (KG_MAX_NOTE_BYTES) and a regular file."""
    return [read_note(f, max_bytes=max_bytes) for f in find_notes(paths)]


def load_ontology() -> list[Triple]:
    data = (ontology_dir() / "kg.ttl").read_bytes()
    return [(t.subject, t.predicate, t.object) for t in ox.parse(data, format=ox.RdfFormat.TURTLE)]


def build_graph(notes: list[Note], base_iri: str, model: str = DEFAULT_MODEL,
                cache_dir: Path | None = None) -> BuildResult:
    """The graph of `notes`: asserted, inferred and ontology named graphs, with a summary.

    model: the spaCy pipeline that parses the notes; cache_dir: where parses are kept between builds
    (keyed by each text's content: a rebuild with nothing changed loads no model)."""
    ex = extract(notes, model, cache_dir)
    asserted = to_triples(ex, base_iri, notes)
    ontology = load_ontology()
    inferred = materialize(asserted, ontology)
    summary = summarize(asserted, inferred, ex.warnings, notes)
    return BuildResult(asserted, inferred, ontology, summary, ex.warnings)


def summarize(asserted: set[Triple], inferred: set[Triple], warnings: list[str],
              notes: list[Note]) -> dict[str, object]:
    classes: Counter[str] = Counter(local(o) for _, p, o in asserted if p == RDF.type)
    relations: Counter[str] = Counter(local(o) for _, p, o in asserted if p == RDF.predicate)
    mechanisms: Counter[str] = Counter(local(o) for _, p, o in asserted if local(p) == "mechanism")
    return {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "notes": [n.file for n in notes],
        "asserted_triples": len(asserted),
        "inferred_triples": len(inferred),
        "entities": classes.get("Entity", 0),
        "phrases": classes.get("Phrase", 0),
        "entities_per_class": dict(classes.most_common()),
        "facts_per_relation": dict(relations.most_common()),
        "facts_per_mechanism": dict(mechanisms.most_common()),
        "limits": classes.get("Limit", 0),
        "warnings": len(warnings),
    }


def write_build(result: BuildResult, build_dir: Path) -> Path:
    """Write the build into a new folder and make it current in one step; return its folder.

    A failed or killed write leaves the current build as it was. Builds run one at a time (a lock file),
    so the temp folders another build left are those of killed builds, removed here."""
    builds = build_dir / BUILDS_DIR
    build_dir.parent.mkdir(parents=True, exist_ok=True)
    for folder in (build_dir, builds):
        with contextlib.suppress(FileExistsError):
            make_dir(folder)
    with _build_lock(builds):
        _remove_leftovers(build_dir)
        build_id = _new_id()
        tmp = builds / f"{TMP_PREFIX}{build_id}"
        result.summary["build_id"] = build_id
        try:
            _write_files(result, tmp)
            os.rename(tmp, builds / build_id)
            sync_dir(builds)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        previous = current_target(build_dir)
        _point_current(build_dir, build_id)
        _prune(builds, keep={build_id, Path(previous or "").name})
    return builds / build_id


def _new_id() -> str:
    """Sortable by time, unique per process: 20250101T120000.123456Z-4242."""
    now = time.time_ns()
    stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime(now // 10**9))
    return f"{stamp}.{now // 1000 % 10**6:06d}Z-{os.getpid()}"


@contextlib.contextmanager
def _build_lock(builds: Path) -> Iterator[None]:
    """One build at a time per build folder; a killed build's lock goes with its process."""
    fd = os.open(builds / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)
    try:
        with contextlib.suppress(PermissionError):  # another user's lock file is theirs to keep
            os.fchmod(fd, FILE_MODE)
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write_files(result: BuildResult, folder: Path) -> None:
    nquads = result.nquads()
    make_dir(folder)
    write_new(folder / GRAPH_FILE, nquads)
    write_new(folder / SUMMARY_FILE, json.dumps(result.summary, indent=2).encode())
    write_store(nquads, folder / STORE_DIR)
    fix_modes(folder)
    sync_dir(folder)


def _point_current(build_dir: Path, build_id: str) -> None:
    """Replace the link `current` in one atomic step (a new link renamed over the old one)."""
    tmp = build_dir / f".{CURRENT_LINK}-{build_id}"
    tmp.unlink(missing_ok=True)
    tmp.symlink_to(f"{BUILDS_DIR}/{build_id}")
    os.replace(tmp, build_dir / CURRENT_LINK)
    sync_dir(build_dir)


def _remove_leftovers(build_dir: Path) -> None:
    """Temp folders and links of killed builds, and builds half removed (only called under the build lock)."""
    for p in build_dir.glob(f".{CURRENT_LINK}-*"):
        p.unlink(missing_ok=True)
    for p in (build_dir / BUILDS_DIR).iterdir():
        if p.name.startswith((TMP_PREFIX, TRASH_PREFIX)):
            shutil.rmtree(p, ignore_errors=True)


def _prune(builds: Path, keep: set[str]) -> None:
    """Remove old builds but the kept ones (current and the one before) and any a server holds. A build is
    first renamed out of the way so that a half-removed folder never looks like a build."""
    for p in builds.iterdir():
        if p.name.startswith(".") or p.name in keep or not p.is_dir() or is_held(p):
            continue
        trash = builds / f"{TRASH_PREFIX}{p.name}"
        os.rename(p, trash)
        shutil.rmtree(trash, ignore_errors=True)


def load_build(build_dir: Path) -> Dataset:
    from rdflib import Dataset

    path = graph_file(build_dir)
    ds = Dataset()
    try:
        ds.parse(path, format="nquads")
    except Exception as ex:
        raise GraphNotBuiltError(f"{path} cannot be read ({ex.__class__.__name__}): run `kg build` again") from ex
    return ds


