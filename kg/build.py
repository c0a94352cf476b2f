"""Build: notes -> extraction -> RDF -> inferences, written atomically under the build folder."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Dataset, Graph, URIRef

from kg.errors import GraphNotBuiltError, NoNotesError, NoteParseError
from kg.extract.run import extract
from kg.graph import to_dataset
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, KG, ONTOLOGY_GRAPH, ontology_dir
from kg.notes import Note, read_note
from kg.reason import materialize

GRAPH_FILE = "graph.nq"
SUMMARY_FILE = "summary.json"


@dataclass
class BuildResult:
    dataset: Dataset
    summary: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


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


def load_ontology() -> Graph:
    g = Graph()
    g.parse(ontology_dir() / "kg.ttl", format="turtle")
    return g


def build_graph(notes: list[Note], base_iri: str) -> BuildResult:
    """The graph of `notes`: asserted, inferred and ontology named graphs, with a summary."""
    ex = extract(notes)
    ds = to_dataset(ex, base_iri)
    ontology = load_ontology()
    asserted = ds.graph(URIRef(ASSERTED_GRAPH))
    inferred = materialize(asserted, ontology)
    ds_inf = ds.graph(URIRef(INFERRED_GRAPH))
    for t in inferred:
        ds_inf.add(t)
    ds_ont = ds.graph(URIRef(ONTOLOGY_GRAPH))
    for t in ontology:
        ds_ont.add(t)
    return BuildResult(ds, summarize(asserted, inferred, ex.warnings, notes), ex.warnings)


def summarize(asserted: Graph, inferred: Graph, warnings: list[str], notes: list[Note]) -> dict[str, object]:
    classes: Counter[str] = Counter()
    for _, o in asserted.subject_objects(RDF.type):
        classes[str(o).rsplit("#", 1)[-1].rsplit("/", 1)[-1]] += 1
    relations: Counter[str] = Counter()
    for st in asserted.subjects(RDF.type, KG.Statement):
        p = asserted.value(st, RDF.predicate)
        relations[str(p).rsplit("#", 1)[-1].rsplit("/", 1)[-1]] += 1
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
    for name, data in ((GRAPH_FILE, result.dataset.serialize(format="nquads").encode()),
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
    path = build_dir / GRAPH_FILE
    if not path.exists():
        raise GraphNotBuiltError(f"no graph at {path}: run `kg build` first")
    ds = Dataset()
    ds.parse(path, format="nquads")
    return ds


def read_summary(build_dir: Path) -> dict[str, object]:
    path = build_dir / SUMMARY_FILE
    data: dict[str, object] = json.loads(path.read_text()) if path.exists() else {}
    return data
