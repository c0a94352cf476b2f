"""`kg query` and the Python API: the same guarded execution as the HTTP endpoint (kg.sparql)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.remote import RemotePool, RemoteStore
from kg.sparql import Job, QueryPool, SparqlResult, prepare
from kg.store import ensure_store


@dataclass
class QueryResult:
    vars: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)
    boolean: bool | None = None
    text: str | None = None  # CONSTRUCT/DESCRIBE, as Turtle
    truncated: bool = False


def execute(build_dir: Path, sparql: str, fmt: str | None = None, accept: str | None = None,
            timeout: float = 10.0, max_rows: int = 100_000, store: str = "oxigraph",
            remote: RemoteStore | None = None) -> SparqlResult:
    """Run a read-only query in a worker process (or on the remote store), with the endpoint's checks, timeout
    and row cap."""
    job = prepare(sparql, fmt, accept, max_rows)
    if remote is not None:
        return asyncio.run(_run_remote(remote, job, timeout, max_rows))
    if store == "oxigraph":
        ensure_store(build_dir)
    pool = QueryPool(build_dir, store, size=1, timeout=timeout, max_rows=max_rows)
    try:
        return pool.run(job)
    finally:
        pool.close()


async def _run_remote(remote: RemoteStore, job: Job, timeout: float, max_rows: int) -> SparqlResult:
    pool = RemotePool(remote, timeout, max_rows)
    try:
        return await pool.arun(job)
    finally:
        await pool.aclose()


def run_query(build_dir: Path, sparql: str, timeout: float = 10.0, max_rows: int = 100_000,
              store: str = "oxigraph", remote: RemoteStore | None = None) -> QueryResult:
    res = execute(build_dir, sparql, None, "application/sparql-results+json, text/turtle", timeout, max_rows,
                  store, remote)
    if res.kind not in ("select", "ask"):
        return QueryResult(text=res.body.decode(), truncated=res.truncated)
    doc = json.loads(res.body)
    if "boolean" in doc:
        return QueryResult(boolean=bool(doc["boolean"]))
    names = doc["head"]["vars"]
    rows = [{k: v["value"] for k, v in b.items()} for b in doc["results"]["bindings"]]
    return QueryResult(vars=names, rows=rows, truncated=bool(doc.get("truncated")))
