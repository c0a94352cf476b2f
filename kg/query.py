"""SPARQL over the built graph (read-only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.sparql.parser import parseQuery

from kg.build import load_build
from kg.errors import QueryError

REFUSED = ("SERVICE", "LOAD")


@dataclass
class QueryResult:
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None


def run_query(build_dir: Path, sparql: str) -> QueryResult:
    try:
        parseQuery(sparql)
    except Exception as ex:
        raise QueryError(f"malformed SPARQL: {ex}") from ex
    upper = sparql.upper()
    if any(f"{word} " in upper or f"{word}<" in upper for word in REFUSED):
        raise QueryError("SERVICE and LOAD are refused: queries never fetch from the network")
    ds = load_build(build_dir)
    ds.default_union = True
    try:
        res = ds.query(sparql)
    except Exception as ex:
        raise QueryError(str(ex)) from ex
    if res.type == "ASK":
        return QueryResult(boolean=bool(res.askAnswer))
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult(graph=res.graph)
    names = [str(v) for v in (res.vars or [])]
    rows = [{n: str(row[i]) for i, n in enumerate(names) if row[i] is not None} for row in res]  # type: ignore[index]
    return QueryResult(vars=names, rows=rows)
