"""Guarded SPARQL execution, shared by the HTTP endpoint and `kg query`.

- read-only: updates are refused unless the caller is allowed to update;
- nothing is fetched from the network: SERVICE, LOAD and FROM/FROM NAMED of graphs the store does not
  hold are refused before evaluation (pyoxigraph would make the request itself);
- a time limit: queries run in worker processes that open the store read-only; a worker past the limit
  is killed and replaced (a running pyoxigraph query cannot be cancelled inside its thread);
- a row cap: results beyond it are cut, and the response says so.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import re
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError

# ------------------------------------------------------------------ errors


class RefusedError(QueryError):
    """A query the endpoint will not run (SERVICE, remote FROM, ...)."""


class UpdateForbiddenError(KGError):
    status, exit_code = 403, 2


class NotAcceptableError(KGError):
    status = 406


class QueryTimeoutError(KGError):
    status = 503


# ------------------------------------------------------------------ formats

SELECT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
ALIASES = {"ttl": "turtle", "nt": "ntriples", "n-triples": "ntriples", "json-ld": "jsonld", "rdf": "rdfxml",
           "srj": "json", "srx": "xml", "sparql-results+json": "json"}
_MEDIA_TO_NAME = {**{v: k for k, v in SELECT_FORMATS.items()}, **{v: k for k, v in GRAPH_FORMATS.items()},
                  "application/json": "json", "text/plain": "ntriples", "application/xml": "xml",
                  "text/xml": "xml", "application/x-turtle": "turtle"}


def negotiate(kind: str, accept: str | None, fmt: str | None) -> str:
    """The result format for a query kind from a `format` parameter or an Accept header."""
    allowed = SELECT_FORMATS if kind in ("select", "ask") else GRAPH_FORMATS
    if fmt:
        name = ALIASES.get(fmt.lower(), fmt.lower())
        name = _MEDIA_TO_NAME.get(name, name)
        if name == "json" and kind not in ("select", "ask"):
            name = "jsonld"
        if name not in allowed:
            raise NotAcceptableError(f"format {fmt!r} is not available for {kind.upper()} queries; "
                                     f"choose one of {', '.join(allowed)}")
        return name
    if not accept:
        return next(iter(allowed))
    ranges = []
    for part in accept.split(","):
        bits = [b.strip() for b in part.split(";")]
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        ranges.append((q, bits[0].lower()))
    for q, media in sorted(ranges, key=lambda r: -r[0]):
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*"):
            return next(iter(allowed))
        found = _MEDIA_TO_NAME.get(media)
        if found == "json" and kind not in ("select", "ask"):
            found = "jsonld"
        if found in allowed:
            return str(found)
    raise NotAcceptableError(f"none of the accepted media types ({accept}) can carry a {kind.upper()} result; "
                             f"available: {', '.join(allowed.values())}")


def media_type(name: str) -> str:
    return SELECT_FORMATS.get(name) or GRAPH_FORMATS[name]


# ------------------------------------------------------------------ the guard

_STRIP = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"|'
                    r"'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*")
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_KIND = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_FROM = re.compile(r"\bFROM\s+(NAMED\s+)?(<[^>]*>|[\w-]*:[\w.-]*)", re.I)


def _code(query: str) -> str:
    """The query without strings and comments, so keywords inside literals do not count."""
    def keep(m: re.Match[str]) -> str:
        text = m.group()
        if text.startswith("<"):
            return text  # an IRI: its "#" starts no comment ("<urn:x#p>")
        return '""' if text.startswith(('"', "'")) else ""

    return _STRIP.sub(keep, query)


def classify(query: str) -> str:
    code = _code(query)
    if _UPDATE.match(code):
        return "update"
    m = _KIND.search(re.sub(r"<[^>]*>", "<>", code))
    return m.group(1).lower() if m else "select"


def check_query(query: str, graphs: set[str]) -> str:
    """Refuse what would reach the network; return the query kind."""
    code = _code(query)
    if re.search(r"\bSERVICE\b", re.sub(r"<[^>]*>", "<>", code), re.I):
        raise RefusedError("SERVICE is refused: this endpoint never fetches data from other endpoints")
    kind = classify(query)
    if kind == "update":
        if re.search(r"\bLOAD\b", code, re.I):
            raise RefusedError("LOAD is refused: this endpoint never fetches data from the network")
        return kind
    for m in _FROM.finditer(code):
        iri = m.group(2).strip("<>")
        if iri not in graphs:
            raise RefusedError(f"FROM {'NAMED ' if m.group(1) else ''}<{iri}> is refused: only graphs of this "
                               f"store can be used ({', '.join(sorted(graphs))}); nothing is fetched")
    return kind


# ------------------------------------------------------------------ results


@dataclass
class SparqlResult:
    body: bytes
    media_type: str
    kind: str
    truncated: bool = False
    rows: int | None = None


@dataclass
class Job:
    query: str
    fmt: str
    kind: str
    max_rows: int
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    update: bool = False


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term_json(t: Any) -> dict[str, str]:
    kind = type(t).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": t.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": t.value}
    if t.language:
        return {"type": "literal", "value": t.value, "xml:lang": t.language}
    dt = t.datatype.value
    if dt != _XSD_STRING:
        return {"type": "literal", "value": t.value, "datatype": dt}
    return {"type": "literal", "value": t.value}


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _csv_cell(t: Any, tsv: bool) -> str:
    import pyoxigraph as ox

    if t is None:
        return ""
    if tsv:
        return str(t)
    v = t.value if isinstance(t, ox.Literal | ox.NamedNode) else f"_:{t.value}"
    if any(c in v for c in ',"\n\r'):
        v = '"' + v.replace('"', '""') + '"'
    return v


def serialize_solutions(variables: list[str], rows: list[list[Any]], fmt: str, truncated: bool) -> bytes:
    import json

    if fmt == "json":
        bindings = [{v: _term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        doc: dict[str, Any] = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        if truncated:
            doc["truncated"] = True
        return json.dumps(doc, ensure_ascii=False).encode()
    if fmt in ("csv", "tsv"):
        sep, tsv = ("\t", True) if fmt == "tsv" else (",", False)
        head = sep.join(("?" + v) if tsv else v for v in variables)
        lines = [head] + [sep.join(_csv_cell(t, tsv) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode() if not tsv else ("\n".join(lines) + "\n").encode()
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    parts += [f'<variable name="{v}"/>' for v in variables]
    if truncated:
        parts.append('<link href="#truncated"/>')
    parts.append("</head>\n<results>")
    for row in rows:
        parts.append("<result>")
        for v, t in zip(variables, row, strict=True):
            if t is None:
                continue
            j = _term_json(t)
            if j["type"] == "uri":
                inner = f"<uri>{_xml_escape(j['value'])}</uri>"
            elif j["type"] == "bnode":
                inner = f"<bnode>{_xml_escape(j['value'])}</bnode>"
            else:
                attr = f' xml:lang="{j["xml:lang"]}"' if "xml:lang" in j else \
                    (f' datatype="{j["datatype"]}"' if "datatype" in j else "")
                inner = f"<literal{attr}>{_xml_escape(j['value'])}</literal>"
            parts.append(f'<binding name="{v}">{inner}</binding>')
        parts.append("</result>")
    parts.append("</results>\n</sparql>\n")
    return "\n".join(parts).encode()


def serialize_boolean(value: bool, fmt: str) -> bytes:
    if fmt == "json":
        return b'{"head": {}, "boolean": ' + (b"true" if value else b"false") + b"}"
    if fmt in ("csv", "tsv"):
        return (b"_askResult\n" if fmt == "csv" else b"?_askResult\n") + (b"true\n" if value else b"false\n")
    return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()


# Prefixes every query may use without declaring them (a query's own PREFIX lines take precedence).
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/", "qudt": "http://qudt.org/schema/qudt/",
    "unit": "http://qudt.org/vocab/unit/", "kg": "https://w3id.org/heroku-kg/ontology#",
    "rel": "https://w3id.org/heroku-kg/relation/", "sh": "http://www.w3.org/ns/shacl#",
}
_OX_GRAPH = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}


_FINAL_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*(?:OFFSET\s+\d+\s*)?$", re.I)


def _limit_within(query: str, max_rows: int) -> bool:
    """The query ends with LIMIT n, n within the row cap (so the result cannot be cut)."""
    m = _FINAL_LIMIT.search(_code(query).strip())
    return m is not None and int(m.group(1)) <= max_rows


def evaluate(store: Any, job: Job) -> SparqlResult:
    """Run one job on a pyoxigraph store (inside a worker process, or in-process for trusted callers)."""
    import pyoxigraph as ox

    if job.update:
        store.update(job.query)
        return SparqlResult(b"", "text/plain", "update")
    kwargs: dict[str, Any] = {"use_default_graph_as_union": not job.default_graphs, "prefixes": PREFIXES}
    if job.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        res = store.query(job.query, **kwargs)
    except SyntaxError as ex:
        raise QueryError(f"malformed SPARQL: {ex}") from ex
    try:
        if isinstance(res, ox.QueryBoolean):
            return SparqlResult(serialize_boolean(bool(res), job.fmt), media_type(job.fmt), "ask")
        if isinstance(res, ox.QuerySolutions) and _limit_within(job.query, job.max_rows):
            # the query's own LIMIT keeps it under the cap: pyoxigraph's serializer is faster than ours
            body = res.serialize(format=getattr(ox.QueryResultsFormat, job.fmt.upper())) or b""
            return SparqlResult(body, media_type(job.fmt), "select", False, None)
        if isinstance(res, ox.QuerySolutions):
            variables = [v.value for v in res.variables]
            rows: list[list[Any]] = []
            truncated = False
            for sol in res:
                if len(rows) >= job.max_rows:
                    truncated = True
                    break
                rows.append([sol[i] for i in range(len(variables))])
            body = serialize_solutions(variables, rows, job.fmt, truncated)
            return SparqlResult(body, media_type(job.fmt), "select", truncated, len(rows))
        triples: list[Any] = []
        truncated = False
        for t in res:
            if len(triples) >= job.max_rows:
                truncated = True
                break
            triples.append(t)
        body = ox.serialize(triples, format=getattr(ox.RdfFormat, _OX_GRAPH[job.fmt])) or b""
        return SparqlResult(body, media_type(job.fmt), job.kind, truncated, len(triples))
    except (OSError, ValueError, TypeError) as ex:  # errors can surface while results stream
        raise QueryError(f"query failed: {ex}") from ex


# ------------------------------------------------------------------ worker processes


def _worker_main(conn: Connection, store_kind: str, build_dir: str, journal: list[str], threads: int,
                 memory_limit: int) -> None:
    """A worker: opens the store read-only and runs jobs in threads (pyoxigraph releases the GIL)."""
    from concurrent.futures import ThreadPoolExecutor

    from kg.store import open_store

    store = open_store(store_kind, Path(build_dir), memory_limit)
    for update in journal:  # updates accepted before this worker started
        store.update(update)
    send_lock = threading.Lock()

    def run(job_id: int, job: Job) -> None:
        try:
            reply: tuple[int, str, Any] = (job_id, "ok", evaluate(store, job))
        except KGError as ex:
            reply = (job_id, "error", (type(ex).__name__, str(ex)))
        except Exception as ex:
            reply = (job_id, "error", ("QueryError", f"query failed: {ex}"))
        with send_lock:
            conn.send(reply)

    pool = ThreadPoolExecutor(max_workers=threads) if threads > 1 else None
    while True:
        try:
            msg = conn.recv()
        except (EOFError, KeyboardInterrupt):
            break
        if msg is None:
            break
        if pool is None:
            run(*msg)  # one query at a time: no hand-off to another thread
        else:
            pool.submit(run, *msg)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


class Worker:
    def __init__(self, ctx: Any, store_kind: str, build_dir: Path, journal: list[str], threads: int,
                 memory_limit: int = 0) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, daemon=True,
                                args=(child, store_kind, str(build_dir), list(journal), threads, memory_limit))
        self.proc.start()
        child.close()
        self.inflight: dict[int, Any] = {}

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join(timeout=2)
        self.conn.close()


_ERRORS: dict[str, type[KGError]] = {"QueryError": QueryError, "RefusedError": RefusedError,
                                     "GraphNotBuiltError": KGError}


def _unwrap(status: str, payload: Any) -> SparqlResult:
    if status == "ok":
        result: SparqlResult = payload
        return result
    name, message = payload
    raise _ERRORS.get(name, QueryError)(message)


def _timeout_error(timeout: float) -> QueryTimeoutError:
    return QueryTimeoutError(f"the query ran past the {timeout:g} s limit (KG_QUERY_TIMEOUT) and was stopped")


class QueryPool:
    """Blocking use of one worker process, one job at a time: for the CLI and scripts."""

    def __init__(self, build_dir: Path, store_kind: str = "oxigraph", size: int = 1,
                 timeout: float = 10.0, max_rows: int = 100_000, threads: int = 1, memory_limit: int = 0) -> None:
        self.build_dir, self.store_kind, self.memory_limit = build_dir, store_kind, memory_limit
        self.timeout, self.max_rows, self.threads = timeout, max_rows, threads
        self.ctx = mp.get_context("spawn")
        self.journal: list[str] = []  # accepted updates: every worker applies them, new ones replay them
        self.all: list[Worker] = [self._spawn() for _ in range(max(1, size))]
        self.closed = False
        self._lock = threading.Lock()
        self._ids = 0

    def _spawn(self) -> Worker:
        return Worker(self.ctx, self.store_kind, self.build_dir, self.journal, self.threads, self.memory_limit)

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    def run(self, job: Job) -> SparqlResult:
        with self._lock:
            w = self.all[0]
            job_id = self._next_id()
            try:
                w.conn.send((job_id, job))
                if not w.conn.poll(self.timeout):
                    self.all[0] = self._spawn()
                    w.kill()
                    raise _timeout_error(self.timeout)
                _, status, payload = w.conn.recv()
            except (EOFError, OSError) as ex:
                self.all[0] = self._spawn()
                w.kill()
                raise QueryError(f"the query worker failed: {ex}") from ex
        return _unwrap(status, payload)

    def close(self) -> None:
        self.closed = True
        for w in self.all:
            with contextlib.suppress(OSError):
                w.conn.send(None)
            w.proc.join(timeout=1)
            if w.proc.is_alive():
                w.kill()


def prepare(query: str, fmt: str | None, accept: str | None, graphs: set[str], max_rows: int,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None,
            allow_update: bool = False) -> Job:
    """Check a query and pick its result format: the part of execution that needs no store."""
    if not query or not query.strip():
        raise QueryError("empty query: pass a SPARQL query")
    kind = check_query(query, graphs)
    if kind == "update" and not allow_update:
        raise UpdateForbiddenError("SPARQL Update is refused: this endpoint is read-only "
                                   "(set KG_UPDATE_TOKEN and send it as a Bearer token to allow updates)")
    for g in (default_graphs or []) + (named_graphs or []):
        if g not in graphs:
            raise RefusedError(f"graph <{g}> is not in this store; nothing is fetched from the network")
    name = negotiate(kind, accept, fmt) if kind != "update" else "json"
    return Job(query, name, kind, max_rows, default_graphs or [], named_graphs or [], update=kind == "update")


class AsyncQueryPool(QueryPool):
    """Worker processes driven from an asyncio loop. Each worker runs several jobs at once in threads;
    a job past its deadline gets its worker killed and replaced, and the other jobs that worker held
    are sent again to a live worker (queries are read-only, so running one twice is harmless)."""

    def __init__(self, build_dir: Path, store_kind: str = "oxigraph", size: int = 2,
                 timeout: float = 10.0, max_rows: int = 100_000, threads: int = 8, memory_limit: int = 0) -> None:
        super().__init__(build_dir, store_kind, size, timeout, max_rows, threads, memory_limit)
        self._readers: set[int] = set()
        self._tasks: set[Any] = set()

    def _watch(self, w: Worker) -> None:
        import asyncio

        loop = asyncio.get_running_loop()
        fd = w.conn.fileno()
        if fd in self._readers:
            return

        def readable() -> None:
            try:
                while w.conn.poll():
                    job_id, status, payload = w.conn.recv()
                    entry = w.inflight.pop(job_id, None)
                    if entry is not None and not entry[0].done():
                        entry[0].set_result((status, payload))
            except (EOFError, OSError):
                loop.remove_reader(fd)
                self._readers.discard(fd)

        loop.add_reader(fd, readable)
        self._readers.add(fd)

    def _pick(self) -> Worker:
        # Fewest jobs first; on a tie, the worker whose oldest job started last: a worker stuck on a slow
        # query should not be handed the next one (with one thread per worker it would wait behind it).
        return min(self.all, key=lambda w: (len(w.inflight), -min((e[2] for e in w.inflight.values()), default=0.0)))

    def _dispatch(self, job: Job, job_id: int, fut: Any) -> None:
        w = self._pick()
        self._watch(w)
        w.inflight[job_id] = (fut, job, time.monotonic())
        w.conn.send((job_id, job))

    async def arun(self, job: Job) -> SparqlResult:
        import asyncio

        if self.closed:
            raise QueryError("the server is shutting down")
        fut: asyncio.Future[tuple[str, Any]] = asyncio.get_running_loop().create_future()
        job_id = self._next_id()
        self._dispatch(job, job_id, fut)
        try:
            status, payload = await asyncio.wait_for(asyncio.shield(fut), timeout=self.timeout)
        except TimeoutError:
            self._kill_holder(job_id)
            raise _timeout_error(self.timeout) from None
        return _unwrap(status, payload)

    def _kill_holder(self, job_id: int) -> None:
        """Kill the worker running `job_id`, start a fresh one, and send its other jobs again."""
        holder = next((w for w in self.all if job_id in w.inflight), None)
        if holder is None:
            return
        holder.inflight.pop(job_id, None)
        fd = holder.conn.fileno()
        if fd in self._readers:
            import asyncio

            asyncio.get_running_loop().remove_reader(fd)
            self._readers.discard(fd)
        others = list(holder.inflight.items())
        holder.inflight.clear()
        holder.kill()
        fresh = self._spawn()
        self.all = [w for w in self.all if w is not holder] + [fresh]
        for other_id, (fut, job, _) in others:
            if not fut.done():
                self._dispatch(job, other_id, fut)

    async def aupdate(self, job: Job) -> SparqlResult:
        import asyncio

        if self.store_kind != "memory":
            raise UpdateForbiddenError("updates need KG_STORE=memory: the embedded store is opened read-only")
        loop = asyncio.get_running_loop()
        futures = []
        for w in self.all:  # every worker holds its own copy: apply everywhere
            fut: asyncio.Future[tuple[str, Any]] = loop.create_future()
            job_id = self._next_id()
            self._watch(w)
            w.inflight[job_id] = (fut, job, time.monotonic())
            w.conn.send((job_id, job))
            futures.append(fut)
        results = await asyncio.wait_for(asyncio.gather(*futures), timeout=self.timeout)
        bad = [p for status, p in results if status != "ok"]
        if bad:
            raise QueryError(f"update failed: {bad[0][1]}")
        self.journal.append(job.query)
        return SparqlResult(b"", "text/plain", "update")

    def close(self) -> None:
        for w in self.all:
            for fut, *_ in w.inflight.values():
                if not fut.done():
                    fut.cancel()
        super().close()
