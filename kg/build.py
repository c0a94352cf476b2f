"""Build: notes -> extraction -> RDF -> inferences, written atomically under the build folder."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from kg.errors import GraphNotBuiltError, NoNotesError, NoteParseError
from kg.extract.run import extract
from kg.graph import to_triples
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, ontology_dir
from kg.notes import Note, read_note
from kg.reason import materialize
from kg.store import GRAPH_FILE, SUMMARY_FILE, graph_file
from kg.terms import RDF, Triple, local

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
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.suffix.lower() in (".md", ".markdown")))
        elif p.exists():
            files.append(p)
        else:
            raise NoteParseError(str(p), "no such file or folder")
    if not files:
        raise NoNotesError(f"no markdown notes (*.md) found in {', '.join(map(str, paths))}")
    return files


def read_notes(paths: list[Path]) -> list[Note]:
    return [read_note(f) for f in find_notes(paths)]


def load_ontology() -> list[Triple]:
    data = (ontology_dir() / "kg.ttl").read_bytes()
    return [(t.subject, t.predicate, t.object) for t in ox.parse(data, format=ox.RdfFormat.TURTLE)]


def build_graph(notes: list[Note], base_iri: str) -> BuildResult:
    """The graph of `notes`: asserted, inferred and ontology named graphs, with a summary."""
    ex = extract(notes)
    asserted = to_triples(ex, base_iri)
    ontology = load_ontology()
    inferred = materialize(asserted, ontology)
    summary = summarize(asserted, inferred, ex.warnings, notes)
    return BuildResult(asserted, inferred, ontology, summary, ex.warnings)


def summarize(asserted: set[Triple], inferred: set[Triple], warnings: list[str],
              notes: list[Note]) -> dict[str, object]:
    classes: Counter[str] = Counter(local(o) for _, p, o in asserted if p == RDF.type)
    relations: Counter[str] = Counter(local(o) for _, p, o in asserted if p == RDF.predicate)
    return {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "notes": [n.file for n in notes],
        "asserted_triples": len(asserted),
        "inferred_triples": len(inferred),
        "entities": classes.get("Entity", 0),
        "entities_per_class": dict(classes.most_common()),
        "facts_per_relation": dict(relations.most_common()),
        "limits": classes.get("Limit", 0),
        "warnings": len(warnings),
    }


def write_build(result: BuildResult, build_dir: Path) -> Path:
    """Write graph and summary atomically: a failed write leaves the previous build as it was."""
    build_dir.mkdir(parents=True, exist_ok=True)
    target = build_dir / GRAPH_FILE
    nquads = result.nquads()
    for name, data in ((GRAPH_FILE, nquads),
                       (SUMMARY_FILE, json.dumps(result.summary, indent=2).encode())):
        fd, tmp = tempfile.mkstemp(dir=build_dir, prefix=f".{name}.")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, build_dir / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return target


def load_build(build_dir: Path) -> Dataset:
    from rdflib import Dataset

    path = graph_file(build_dir)
    ds = Dataset()
    try:
        ds.parse(path, format="nquads")
    except Exception as ex:
        raise GraphNotBuiltError(f"{path} cannot be read ({ex.__class__.__name__}): run `kg build` again") from ex
    return ds


