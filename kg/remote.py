"""The graph on a remote SPARQL 1.1 store (Oxigraph server, Virtuoso, Fuseki...), an attached backing service.

Push: the build's named graphs are written into staging graphs (INSERT DATA, in chunks), then one update moves
them over the served graphs and writes the version triple: a store that runs one update request as one
transaction (Oxigraph, Virtuoso) shows readers the old graph or the new one, whole. A push that fails drops its
staging graphs and leaves the served graph as it was.

Queries: the same guard as the embedded store runs first (kg.sparql.prepare); the text is sent with the common
prefixes declared, the dataset named (the served graphs, so staging graphs are never seen), a time limit on our
side and one passed to the store; answers are parsed and cut at the row cap here.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

from kg.errors import KGError, QueryError
from kg.namespaces import ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH
from kg.sparql.errors import QueryTimeoutError
from kg.sparql.results import PREFIXES, Job, SparqlResult, evaluate
from kg.store import GRAPH_FILE, SUMMARY_FILE

SERVED_GRAPHS = (ASSERTED_GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH)
META_GRAPH = "https://w3id.org/heroku-kg/graph/meta"  # the version triple; never part of the served dataset
KG = "https://w3id.org/heroku-kg/ontology#"
SERVED_BUILD = KG + "servedBuild"
BUILD_SUMMARY = KG + "buildSummary"
CHUNK_TRIPLES = 2_000  # triples per INSERT DATA request: Virtuoso's SPARQL compiler runs out of memory near 5,000
SELECT_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples"


class StoreUnavailableError(KGError):
    """The remote store cannot be reached, or failed on its side."""

    status = 503


class StoreFailedError(StoreUnavailableError):
    status = 502


class PushError(KGError):
    """A push that did not complete: the graph served before is still served."""


@dataclass(frozen=True)
class RemoteStore:
    """Where the store is and how to log in to it. The password is a kg.config.Secret: never printed."""

    query_url: str
    update_url: str
    user: str | None = None
    password: str | None = None
    auth_scheme: str = "basic"  # basic | digest
    graph_store_url: str = ""  # a Graph Store Protocol endpoint: pushes post each graph whole (much faster)

    def auth(self) -> httpx.Auth | None:
        if not self.user:
            return None
        secret = getattr(self.password, "get_secret_value", lambda: self.password or "")()
        if self.auth_scheme == "digest":
            return httpx.DigestAuth(self.user, secret)
        return httpx.BasicAuth(self.user, secret)

    def client(self, timeout: float) -> httpx.Client:
        return httpx.Client(auth=self.auth(), timeout=timeout)

    def async_client(self, timeout: float) -> httpx.AsyncClient:
        return httpx.AsyncClient(auth=self.auth(), timeout=timeout)


def _iri(value: str) -> str:
    return f"<{value}>"


def staging_graph(graph: str, build_id: str) -> str:
    return f"{META_GRAPH}/staging/{build_id}/{graph.rsplit('/', 1)[-1]}"


# ------------------------------------------------------------------ requests


def _fail_for(response: httpx.Response, what: str) -> None:
    """Our errors for the store's answers: its 4xx is the request's fault (400), anything else the store's."""
    if response.status_code < 400:
        if response.headers.get("x-sql-state") == "S1TAT":  # Virtuoso's partial answer after its time limit
            raise QueryTimeoutError(f"{what} ran past the store's time limit (it answered only in part)")
        return
    text = " ".join(response.text.split())[:300]
    if response.status_code in (408, 504) or "timeout" in text.lower() or "S1T00" in text:
        raise QueryTimeoutError(f"{what} ran past the time limit of the store: {text}")
    if 400 <= response.status_code < 500 and response.status_code not in (401, 403):
        raise QueryError(f"the store refused the {what}: {text}")
    raise StoreFailedError(f"the SPARQL store answered {response.status_code} to the {what}: {text}")


def _transport_error(ex: httpx.HTTPError, what: str, url: str) -> KGError:
    if isinstance(ex, httpx.TimeoutException):
        return QueryTimeoutError(f"the {what} got no answer from the SPARQL store in time")
    return StoreUnavailableError(f"the SPARQL store at {url} cannot be reached ({type(ex).__name__}: {ex})")


def send_update(client: httpx.Client, remote: RemoteStore, text: str, what: str = "update") -> None:
    try:
        r = client.post(remote.update_url, data={"update": text})
    except httpx.HTTPError as ex:
        raise _transport_error(ex, what, remote.update_url) from ex
    _fail_for(r, what)


def query_form(text: str, job: Job | None, timeout: float) -> dict[str, Any]:
    """The form of a query request: prefixes and base declared, the dataset named, the store's time limit."""
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    if job is not None and job.base_iri:
        prologue = f"BASE <{job.base_iri}>\n" + prologue
    form: dict[str, Any] = {"query": prologue + text, "timeout": str(int(timeout * 1000))}
    if job is not None and (job.default_graphs or job.named_graphs):
        form["default-graph-uri"], form["named-graph-uri"] = job.default_graphs, job.named_graphs
    elif job is None or not job.dataset:  # the union of the served graphs, as the embedded store's default
        form["default-graph-uri"] = form["named-graph-uri"] = list(SERVED_GRAPHS)
    return form


def _trusted_query(client: httpx.Client, remote: RemoteStore, text: str, timeout: float, accept: str,
                   what: str) -> httpx.Response:
    """The store's answer to one of our own queries (no guard, no dataset: over the whole store)."""
    try:
        r = client.post(remote.query_url, data={"query": text, "timeout": str(int(timeout * 1000))},
                        headers={"Accept": accept})
    except httpx.HTTPError as ex:
        raise _transport_error(ex, what, remote.query_url) from ex
    _fail_for(r, what)
    return r


def select(client: httpx.Client, remote: RemoteStore, text: str, timeout: float) -> list[dict[str, Any]]:
    """Rows of a trusted SELECT (our own queries) as SPARQL JSON bindings, over the whole store."""
    rows: list[dict[str, Any]] = _trusted_query(client, remote, text, timeout, SELECT_ACCEPT, "query").json()[
        "results"]["bindings"]
    return rows


# ------------------------------------------------------------------ push


def _chunks(quads: list[ox.Quad]) -> Iterator[list[ox.Quad]]:
    """Chunks of quads; every quad with a blank node in the last one, since INSERT DATA scopes blank node
    labels to one request."""
    plain = [q for q in quads if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))]
    blank = [q for q in quads if any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))]
    for i in range(0, len(plain), CHUNK_TRIPLES):
        yield plain[i:i + CHUNK_TRIPLES]
    if blank:
        yield blank


def _insert_text(graph: str, quads: list[ox.Quad]) -> str:
    lines = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
    return f"INSERT DATA {{ GRAPH {_iri(graph)} {{\n{lines}\n}} }}"


def _switch_text(build_id: str, summary: dict[str, Any], graphs: list[str]) -> str:
    """One update: each staging graph moved over its served graph, and the version triple replaced."""
    moves = " ;\n".join(f"DROP SILENT GRAPH {_iri(g)} ; MOVE SILENT GRAPH {_iri(staging_graph(g, build_id))} "
                        f"TO GRAPH {_iri(g)}" for g in graphs)
    gone = " ;\n".join(f"DROP SILENT GRAPH {_iri(g)}" for g in SERVED_GRAPHS if g not in graphs)
    meta = (f"{_iri(META_GRAPH)} {_iri(SERVED_BUILD)} {ox.Literal(build_id)} ;\n"
            f"  {_iri(BUILD_SUMMARY)} {ox.Literal(json.dumps(summary))} .")
    parts = [moves, gone, f"DROP SILENT GRAPH {_iri(META_GRAPH)}",
             f"INSERT DATA {{ GRAPH {_iri(META_GRAPH)} {{ {meta} }} }}"]
    return " ;\n".join(p for p in parts if p)


def push_build(remote: RemoteStore, build: Path, timeout: float = 600.0) -> dict[str, Any]:
    """Load one build (its own folder) into the store and make it the served graph in one update.
    Returns what was pushed: build_id, triples per graph, seconds."""
    t0 = time.perf_counter()
    try:
        summary: dict[str, Any] = json.loads((build / SUMMARY_FILE).read_bytes())
        build_id = str(summary["build_id"])
        by_graph: dict[str, list[ox.Quad]] = {}
        for q in ox.parse(path=str(build / GRAPH_FILE), format=ox.RdfFormat.N_QUADS):
            by_graph.setdefault(getattr(q.graph_name, "value", ""), []).append(q)
    except (OSError, ValueError, KeyError, SyntaxError) as ex:  # nothing was sent: the store is as it was
        raise PushError(f"{build} is not a complete build ({type(ex).__name__}: {ex}): run `kg build` again") from ex
    unknown = set(by_graph) - set(SERVED_GRAPHS)
    if unknown:
        raise PushError(f"{build / GRAPH_FILE} holds graphs that are not served: {', '.join(sorted(unknown))}")
    with remote.client(timeout) as client:
        try:
            _drop_staging(client, remote, build_id)  # what a killed push of this build left
            for graph, quads in by_graph.items():
                _load_graph(client, remote, staging_graph(graph, build_id), quads)
            send_update(client, remote, _switch_text(build_id, summary, list(by_graph)), "push")
        except KGError as ex:
            _drop_staging(client, remote, build_id)
            raise PushError(f"push of build {build_id} failed, the store still serves the graph it had: {ex}") from ex
    return {"build_id": build_id, "triples": {g: len(q) for g, q in by_graph.items()},
            "seconds": time.perf_counter() - t0}


def _load_graph(client: httpx.Client, remote: RemoteStore, graph: str, quads: list[ox.Quad]) -> None:
    """Write quads into one (staging) graph: one Graph Store Protocol POST, or INSERT DATA in chunks."""
    if not remote.graph_store_url:
        for chunk in _chunks(quads):
            send_update(client, remote, _insert_text(graph, chunk), "push")
        return
    body = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES) or b""
    try:
        r = client.post(remote.graph_store_url, params={"graph": graph}, content=body,
                        headers={"Content-Type": GRAPH_ACCEPT})
    except httpx.HTTPError as ex:
        raise _transport_error(ex, "push", remote.graph_store_url) from ex
    _fail_for(r, "push")


def _drop_staging(client: httpx.Client, remote: RemoteStore, build_id: str) -> None:
    text = " ;\n".join(f"DROP SILENT GRAPH {_iri(staging_graph(g, build_id))}" for g in SERVED_GRAPHS)
    # if the store is gone, the staging graphs stay: invisible to readers, and the next push of this build drops them
    with contextlib.suppress(KGError):
        send_update(client, remote, text, "clean-up")


# ------------------------------------------------------------------ pull


VERSION_QUERY = (f"SELECT ?id ?summary WHERE {{ GRAPH {_iri(META_GRAPH)} {{ "
                 f"{_iri(META_GRAPH)} {_iri(SERVED_BUILD)} ?id ; {_iri(BUILD_SUMMARY)} ?summary }} }}")


def served_version(client: httpx.Client, remote: RemoteStore, timeout: float) -> tuple[str, dict[str, Any]] | None:
    """The build the store serves (its id and summary), or None when nothing was pushed to it."""
    rows = select(client, remote, VERSION_QUERY, timeout)
    if not rows:
        return None
    return rows[0]["id"]["value"], json.loads(rows[0]["summary"]["value"])


def pull_build(remote: RemoteStore, target: Path, timeout: float = 120.0) -> Path:
    """Copy the served graph into target/<build id>/ (graph.nq, summary.json), the layout every reader of a build
    takes; a copy already there is reused. Read again when a push switched the version during the copy."""
    with remote.client(timeout) as client:
        for _ in range(3):
            version = served_version(client, remote, timeout)
            if version is None:
                raise StoreUnavailableError(f"the SPARQL store at {remote.query_url} holds no pushed graph: "
                                            "run `kg build --push` first")
            build_id, summary = version
            folder = target / build_id
            if (folder / SUMMARY_FILE).is_file():
                return folder
            nquads = b"".join(_graph_nquads(client, remote, g, timeout) for g in SERVED_GRAPHS)
            if served_version(client, remote, timeout) == version:
                _write_folder(folder, {GRAPH_FILE: nquads, SUMMARY_FILE: json.dumps(summary).encode()})
                return folder
    raise StoreUnavailableError("the store's graph changed three times while it was read: try again")


def _write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Write files into a temp folder, then rename it to folder: a reader sees all of them or none."""
    tmp = folder.with_name(f".tmp-{folder.name}-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, data in files.items():
        (tmp / name).write_bytes(data)
    try:
        tmp.rename(folder)
    except OSError:  # another process wrote the same build first: its copy is as good
        shutil.rmtree(tmp, ignore_errors=True)


def _graph_nquads(client: httpx.Client, remote: RemoteStore, graph: str, timeout: float) -> bytes:
    text = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {_iri(graph)} {{ ?s ?p ?o }} }}"
    r = _trusted_query(client, remote, text, timeout, GRAPH_ACCEPT, "read of the graph")
    g = ox.NamedNode(graph)
    quads = (ox.Quad(q.subject, q.predicate, q.object, g) for q in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


# ------------------------------------------------------------------ guarded queries


class _Answered:
    """What the store answered, parsed, in the shape of a pyoxigraph store that answers one query: so that
    kg.sparql.results.evaluate cuts and serializes it exactly as it does the embedded store's answers."""

    def __init__(self, result: Any) -> None:
        self.result = result

    def query(self, text: str, **_: Any) -> Any:
        return self.result


def _parse_answer(job: Job, response: httpx.Response) -> Any:
    try:
        if job.fmt in ("json", "xml", "csv", "tsv") or job.kind in ("select", "ask"):
            res = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
            return _as_boolean(res) if job.kind == "ask" else res
        return [q.triple for q in ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)]
    except (SyntaxError, ValueError) as ex:
        raise StoreFailedError(f"the SPARQL store's answer could not be read: {ex}") from ex


def _prologue_lines(job: Job) -> int:
    return len(PREFIXES) + (1 if job.base_iri else 0)


def _shift_lines(message: str, lines: int) -> str:
    """Line numbers in a store's error message ("at 14:10" from Oxigraph, "line 14" from Virtuoso) less the
    lines of the prologue we sent before the query."""
    def shift(m: re.Match[str]) -> str:
        return f"{m.group(1)}{max(1, int(m.group(2)) - lines)}{m.group(3)}"

    return re.sub(r"(\bat |\bline )(\d+)(\b)", shift, message)


def _as_boolean(res: Any) -> Any:
    """Virtuoso answers some ASK queries as one row of ?__ASK_RETVAL (1 or 0): read it as the boolean it is."""
    if not isinstance(res, ox.QuerySolutions) or [v.value for v in res.variables] != ["__ASK_RETVAL"]:
        return res
    value = any(sol[0] is not None and sol[0].value not in ("0", "false") for sol in res)
    body = json.dumps({"head": {}, "boolean": value}).encode()
    return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)


class RemotePool:
    """The query side of `kg serve` on a remote store: the same calls as kg.sparql.AsyncQueryPool."""

    def __init__(self, remote: RemoteStore, timeout: float, max_rows: int) -> None:
        self.remote, self.timeout, self.max_rows = remote, timeout, max_rows
        self._client: httpx.AsyncClient | None = None
        self._closing: asyncio.Task[None] | None = None

    def _http(self) -> httpx.AsyncClient:
        self._client = self._client or self.remote.async_client(self.timeout)
        return self._client

    def _left(self, arrived: float | None) -> float:
        left = (arrived or time.monotonic()) + self.timeout - time.monotonic()
        if left <= 0:
            raise QueryTimeoutError(f"query stopped after the {self.timeout:g} s limit (KG_QUERY_TIMEOUT)")
        return left

    async def arun(self, job: Job, arrived: float | None = None) -> SparqlResult:
        left = self._left(arrived)
        accept = GRAPH_ACCEPT if job.kind in ("construct", "describe") else SELECT_ACCEPT
        try:
            r = await self._http().post(self.remote.query_url, data=query_form(job.query, job, left),
                                        headers={"Accept": accept}, timeout=left)
        except httpx.HTTPError as ex:
            raise _transport_error(ex, "query", self.remote.query_url) from ex
        try:
            _fail_for(r, "query")
        except QueryError as ex:  # the store counted lines from our prologue: say them as the client sent them
            raise QueryError(_shift_lines(str(ex), _prologue_lines(job))) from ex
        return evaluate(_Answered(_parse_answer(job, r)), job)

    async def aupdate(self, job: Job, arrived: float | None = None) -> SparqlResult:
        left = self._left(arrived)
        prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
        form: dict[str, Any] = {"update": prologue + job.query}
        if job.default_graphs or job.named_graphs:
            form["using-graph-uri"], form["using-named-graph-uri"] = job.default_graphs, job.named_graphs
        try:
            r = await self._http().post(self.remote.update_url, data=form, timeout=left)
        except httpx.HTTPError as ex:
            raise _transport_error(ex, "update", self.remote.update_url) from ex
        _fail_for(r, "update")
        return SparqlResult(b"", "text/plain", "update")

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    def close(self) -> None:
        """Close the connections (called from the event loop, as GraphState.close is; else they go with the pool)."""
        client, self._client = self._client, None
        if client is None:
            return
        # without a running loop nothing can await the close: the sockets then close when collected
        with contextlib.suppress(RuntimeError):
            self._closing = asyncio.get_running_loop().create_task(client.aclose())
