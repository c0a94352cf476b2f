"""Build: notes -> extraction -> RDF -> inferences, written atomically under the build folder."""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import GraphNotBuiltError, NoNotesError, NoteParseError
from kg.extract.run import extract
from kg.graph import Triple, to_triples
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, ontology_dir
from kg.notes import Note, read_note
from kg.reason import materialize
from kg.store import GRAPH_FILE, SUMMARY_FILE


@dataclass
class BuildResult:
    asserted: set[Triple]
    inferred: set[Triple]
    ontology: Graph
    summary: dict[str, object] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def quads(self) -> list[tuple[Node, Node, Node, URIRef]]:
        out: list[tuple[Node, Node, Node, URIRef]] = []
        for name, triples in ((ASSERTED_GRAPH, self.asserted), (INFERRED_GRAPH, self.inferred),
                              (ONTOLOGY_GRAPH, set(self.ontology))):
            g = URIRef(name)
            out.extend((s, p, o, g) for s, p, o in triples)
        return out

    @property
    def dataset(self) -> Dataset:
        """The three named graphs as an rdflib Dataset (built on first use: it is slow to fill)."""
        if self._dataset is None:
            ds = Dataset()
            for s, p, o, g in self.quads():
                ds.graph(g).add((s, p, o))
            self._dataset = ds
        return self._dataset

    _dataset: Dataset | None = None


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
    asserted = to_triples(ex, base_iri)
    ontology = load_ontology()
    inferred = materialize(asserted, ontology)
    summary = summarize(asserted, inferred, ex.warnings, notes)
    return BuildResult(asserted, inferred, ontology, summary, ex.warnings)


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def summarize(asserted: set[Triple], inferred: set[Triple], warnings: list[str],
              notes: list[Note]) -> dict[str, object]:
    classes: Counter[str] = Counter(_local(o) for _, p, o in asserted if p == RDF.type)
    relations: Counter[str] = Counter(_local(o) for _, p, o in asserted if p == RDF.predicate)
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
    nquads = "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} <{g}> .\n" for s, p, o, g in result.quads())
    for name, data in ((GRAPH_FILE, nquads.encode()),
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


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def nt_term(term: Node) -> str:
    """A term in N-Triples syntax (rdflib's n3() writes multi-line literals with triple quotes)."""
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


def load_build(build_dir: Path) -> Dataset:
    path = build_dir / GRAPH_FILE
    if not path.exists():
        raise GraphNotBuiltError(f"no graph at {path}: run `kg build` first")
    ds = Dataset()
    try:
        ds.parse(path, format="nquads")
    except Exception as ex:
        raise GraphNotBuiltError(f"{path} cannot be read ({ex.__class__.__name__}): run `kg build` again") from ex
    return ds


