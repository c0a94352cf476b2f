"""Worker processes that evaluate SPARQL on pyoxigraph, and the pools that drive them.

A running pyoxigraph query cannot be cancelled inside its thread, and a query that overflows pyoxigraph's
stack kills its process: so queries run in worker processes, a worker past a job's time limit is killed
and replaced, and a worker that dies is noticed at once (its pipe ends), reaped and replaced, its jobs
sent again (queries are read-only) or failed with 503.

Updates (memory stores only) run on one worker, which returns what they changed (a Delta); every other
worker and every later one applies that Delta, so all copies stay the same even for updates that make
blank nodes, UUIDs, random numbers or times. An update that fails or runs out of time changed nothing
anywhere: its worker is killed and its replacement replays the journal of accepted Deltas.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing as mp
import os
import pickle
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import Any

from kg.errors import KGError, QueryError
from kg.sparql.errors import QueryTimeoutError, RefusedError, UpdateForbiddenError, WorkerLostError
from kg.sparql.results import Delta, Job, SparqlResult, apply_delta, apply_update, evaluate

log = logging.getLogger(__name__)

# pyoxigraph parses and evaluates recursively: a bigger stack than the usual 8 MB lets every query the guard
# lets through (kg.sparql.guard.MAX_DEPTH, MAX_TOKENS) finish or time out instead of crashing the worker.
# Only the pages a query touches are used.
STACK_BYTES = 64 << 20
_STOP = None  # the message that ends a worker


# ------------------------------------------------------------------ inside a worker process


def _worker_main(conn: Connection, store_kind: str, build_dir: str, journal: list[Delta], threads: int,
                 memory_limit: int) -> None:
    """A worker process: serves jobs from a thread with a big stack (the main thread's is fixed at 8 MB)."""
    threading.stack_size(STACK_BYTES)
    serving = threading.Thread(target=_serve, args=(conn, store_kind, build_dir, journal, threads, memory_limit),
                               name="kg-worker")
    serving.start()
    serving.join()


def _serve(conn: Connection, store_kind: str, build_dir: str, journal: list[Delta], threads: int,
           memory_limit: int) -> None:
    """Open the store, replay the accepted updates, then run jobs: queries in threads (pyoxigraph releases
    the GIL), updates and deltas in order in this thread, so that a job sent after one sees its effect."""
    from concurrent.futures import ThreadPoolExecutor

    from kg.store import open_store

    store = open_store(store_kind, Path(build_dir), memory_limit)
    for delta in journal:
        apply_delta(store, delta)
    send_lock = threading.Lock()

    def run(job_id: int, job: Job | Delta) -> None:
        try:
            reply: tuple[int, str, Any] = (job_id, "ok", _do(store, job))
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
        except (EOFError, OSError, KeyboardInterrupt):
            break
        if msg is _STOP:
            break
        job_id, job = msg
        if pool is None or isinstance(job, Delta) or job.update:
            run(job_id, job)  # one at a time: no hand-off to another thread
        else:
            pool.submit(run, job_id, job)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _do(store: Any, job: Job | Delta) -> SparqlResult | Delta | None:
    if isinstance(job, Delta):
        apply_delta(store, job)
        return None
    if job.update:
        return apply_update(store, job)
    return evaluate(store, job)


# ------------------------------------------------------------------ seen from the server


@dataclass(eq=False)
class _Pending:
    """A job sent to a worker and not yet answered."""

    fut: asyncio.Future[tuple[str, Any]]
    job: Job | Delta
    started: float = 0.0  # when its current worker got it
    worker: Worker | None = None  # the worker it was last sent to
    losses: int = 0  # workers that died while holding it


class Worker:
    """One worker process and its pipe: a multiprocessing Connection for blocking use, or, once an event loop
    drives it, a _Channel on that loop."""

    def __init__(self, ctx: Any, store_kind: str, build_dir: Path, journal: list[Delta], threads: int,
                 memory_limit: int = 0) -> None:
        self.conn, child = ctx.Pipe()
        self.journal_len = len(journal)  # the deltas it was started with
        self.proc = ctx.Process(target=_worker_main, daemon=True,
                                args=(child, store_kind, str(build_dir), journal, threads, memory_limit))
        self.proc.start()
        child.close()
        self.started = time.monotonic()
        self.inflight: dict[int, Any] = {}
        self.channel: _Channel | None = None

    def kill(self) -> None:
        """Kill and reap the process (blocking: call it off the event loop)."""
        self.proc.kill()
        self.proc.join(timeout=5)
        with contextlib.suppress(OSError):
            self.conn.close()


class _Channel(asyncio.Protocol):
    """The server's end of a worker's pipe on the event loop, in the frames multiprocessing.Connection reads and
    writes (a 4-byte big-endian length, or -1 and an 8-byte one, then a pickle). Writes never block (the
    transport buffers them), and a message is read only once it has arrived whole."""

    def __init__(self, on_message: Callable[[Any], None], on_lost: Callable[[], None]) -> None:
        self.on_message, self.on_lost = on_message, on_lost
        self.transport: asyncio.WriteTransport | None = None
        self._buffer = bytearray()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        if isinstance(transport, asyncio.WriteTransport):
            self.transport = transport

    def send(self, msg: Any) -> None:
        if self.transport is None or self.transport.is_closing():
            return  # the worker is gone: connection_lost says so
        body = bytes(ForkingPickler.dumps(msg))
        size = len(body)
        big = size > 0x7FFFFFFF
        header = (-1).to_bytes(4, "big", signed=True) + size.to_bytes(8, "big") if big else size.to_bytes(4, "big")
        self.transport.write(header + body)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) >= 4:
            size, start = int.from_bytes(self._buffer[:4], "big", signed=True), 4
            if size == -1:
                if len(self._buffer) < 12:
                    return
                size, start = int.from_bytes(self._buffer[4:12], "big"), 12
            if len(self._buffer) < start + size:
                return
            msg = pickle.loads(self._buffer[start:start + size])  # noqa: S301 (our own worker's answer)
            del self._buffer[:start + size]
            self.on_message(msg)

    def connection_lost(self, exc: Exception | None) -> None:
        self.on_lost()


_ERRORS: dict[str, type[KGError]] = {"QueryError": QueryError, "RefusedError": RefusedError,
                                     "GraphNotBuiltError": KGError}


def _unwrap(status: str, payload: Any) -> Any:
    if status == "ok":
        return payload
    name, message = payload
    raise _ERRORS.get(name, QueryError)(message)


def _timeout_error(timeout: float) -> QueryTimeoutError:
    return QueryTimeoutError(f"the query ran past the {timeout:g} s limit (KG_QUERY_TIMEOUT) and was stopped")


def _lost_error() -> WorkerLostError:
    return WorkerLostError("the query worker died while running this query (pyoxigraph crashed or the process "
                           "was killed); it was replaced: try again, or simplify the query")


class QueryPool:
    """Blocking use of one worker process, one job at a time: for the CLI and scripts."""

    def __init__(self, build_dir: Path, store_kind: str = "oxigraph", size: int = 1,
                 timeout: float = 10.0, max_rows: int = 100_000, threads: int = 1, memory_limit: int = 0) -> None:
        self.build_dir, self.store_kind, self.memory_limit = build_dir, store_kind, memory_limit
        self.timeout, self.max_rows, self.threads = timeout, max_rows, threads
        self.ctx = mp.get_context("spawn")
        self.journal: list[Delta] = []  # accepted updates: every worker applies them, new ones replay them
        self.all: list[Worker] = [self._spawn() for _ in range(max(1, size))]
        self.closed = False
        self._lock = threading.Lock()
        self._ids = 0

    def _spawn(self) -> Worker:
        return Worker(self.ctx, self.store_kind, self.build_dir, list(self.journal), self.threads, self.memory_limit)

    def _next_id(self) -> int:
        self._ids += 1
        return self._ids

    def run(self, job: Job) -> SparqlResult:
        with self._lock:
            w = self.all[0]
            try:
                w.conn.send((self._next_id(), job))
                if not w.conn.poll(self.timeout):
                    self.all[0] = self._spawn()
                    w.kill()
                    raise _timeout_error(self.timeout)
                _, status, payload = w.conn.recv()
            except (EOFError, OSError) as ex:
                self.all[0] = self._spawn()
                w.kill()
                raise _lost_error() from ex
        result: SparqlResult = _unwrap(status, payload)
        return result

    def close(self) -> None:
        self.closed = True
        for w in self.all:
            with contextlib.suppress(OSError):
                w.conn.send(_STOP)
            w.proc.join(timeout=1)
            if w.proc.is_alive():
                w.kill()


class AsyncQueryPool(QueryPool):
    """Worker processes driven from an asyncio loop (the pool may be made in another thread; it attaches to
    the loop of its first job). Each worker runs several queries at once in threads. Nothing here blocks
    the loop: processes are started, killed and reaped in the loop's executor, and pipes are asyncio
    transports. A job's time limit counts from the request's arrival."""

    def __init__(self, build_dir: Path, store_kind: str = "oxigraph", size: int = 2,
                 timeout: float = 10.0, max_rows: int = 100_000, threads: int = 8, memory_limit: int = 0) -> None:
        super().__init__(build_dir, store_kind, size, timeout, max_rows, threads, memory_limit)
        self._pending: dict[int, _Pending] = {}
        self._waiting: dict[int, None] = {}  # jobs that arrived while no worker was alive, in order
        self._tasks: set[asyncio.Task[None]] = set()
        self._updating: asyncio.Lock | None = None
        self._attaching: asyncio.Lock | None = None

    # -------------------------------------------------------------- jobs

    async def arun(self, job: Job, arrived: float | None = None) -> SparqlResult:
        """Run a query; `arrived` (time.monotonic()) is when the request came in: the limit counts from it."""
        status, payload, _ = await self._call(job, (arrived or time.monotonic()) + self.timeout)
        result: SparqlResult = _unwrap(status, payload)
        return result

    async def aupdate(self, job: Job, arrived: float | None = None) -> SparqlResult:
        """Run an update on one worker, then copy what it changed to the others (one update at a time)."""
        if self.store_kind != "memory":
            raise UpdateForbiddenError("updates need KG_STORE=memory: the embedded store is opened read-only")
        deadline = (arrived or time.monotonic()) + self.timeout
        self._updating = self._updating or asyncio.Lock()
        async with self._updating:
            status, payload, primary = await self._call(job, deadline)
            if status != "ok":
                raise QueryError(f"update failed: {payload[1]}")
            delta: Delta = payload
            self.journal.append(delta)  # from now on, started workers replay it
            copies = [self._submit(delta, w) for w in self.all if w is not primary]
            await asyncio.gather(*(self._await_delta(job_id, deadline) for job_id in copies))
        return SparqlResult(b"", "text/plain", "update")

    async def _call(self, job: Job, deadline: float) -> tuple[str, Any, Worker | None]:
        """Run a job on some worker, within the deadline: (status, payload, the worker that answered)."""
        await self._attach()
        job_id = self._next_id()
        fut = self._register(job_id, job)
        self._dispatch(job_id)
        try:
            status, payload = await asyncio.wait_for(asyncio.shield(fut), max(0.0, deadline - time.monotonic()))
            return status, payload, self._pending[job_id].worker
        except TimeoutError:
            self._expire(job_id)
            fut.cancel()
            raise _timeout_error(self.timeout) from None
        finally:
            if not fut.done():  # cancelled by the caller: stop it at its deadline all the same
                asyncio.get_running_loop().call_at(self._loop_time(deadline), self._expire, job_id)
            else:
                self._forget(job_id)

    def _submit(self, delta: Delta, w: Worker) -> int:
        job_id = self._next_id()
        self._register(job_id, delta)
        self._send(w, job_id)
        return job_id

    async def _await_delta(self, job_id: int, deadline: float) -> None:
        """A worker slower than the limit to apply a delta is replaced (its replacement replays the journal)."""
        try:
            await asyncio.wait_for(asyncio.shield(self._pending[job_id].fut), max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            self._expire(job_id)
        self._forget(job_id)

    def _register(self, job_id: int, job: Job | Delta) -> asyncio.Future[tuple[str, Any]]:
        fut: asyncio.Future[tuple[str, Any]] = asyncio.get_running_loop().create_future()
        self._pending[job_id] = _Pending(fut, job)
        return fut

    def _forget(self, job_id: int) -> None:
        self._pending.pop(job_id, None)
        self._waiting.pop(job_id, None)

    @staticmethod
    def _loop_time(deadline: float) -> float:
        loop = asyncio.get_running_loop()
        return loop.time() + max(0.0, deadline - time.monotonic())

    def _pick(self) -> Worker | None:
        # Fewest jobs first; on a tie, the worker whose oldest job started last: a worker stuck on a slow
        # query should not be handed the next one (with one thread per worker it would wait behind it).
        return min(self.all, key=lambda w: (len(w.inflight), -min((p.started for p in w.inflight.values()),
                                                                   default=0.0)), default=None)

    def _dispatch(self, job_id: int) -> None:
        w = self._pick()
        if w is None:  # every worker died: the job waits for the first replacement
            self._waiting[job_id] = None
            return
        self._send(w, job_id)

    def _send(self, w: Worker, job_id: int) -> None:
        p = self._pending[job_id]
        p.started, p.worker = time.monotonic(), w
        w.inflight[job_id] = p
        if w.channel is not None:  # always, for workers in self.all (_attach, _replace)
            w.channel.send((job_id, p.job))

    # -------------------------------------------------------------- answers, deaths, replacements

    async def _attach(self) -> None:
        """Put the pipes of the workers started before the loop ran (in the constructor) on the loop."""
        if all(w.channel is not None for w in self.all):
            return
        self._attaching = self._attaching or asyncio.Lock()
        async with self._attaching:
            for w in list(self.all):
                if w.channel is None:
                    await self._connect(w)

    async def _connect(self, w: Worker) -> None:
        sock = socket.socket(fileno=os.dup(w.conn.fileno()))
        w.conn.close()  # the socket carries the pipe from now on
        _, w.channel = await asyncio.get_running_loop().connect_accepted_socket(
            lambda: _Channel(lambda msg: self._answer(w, *msg), lambda: self._drop(w, died=True)), sock)

    def _answer(self, w: Worker, job_id: int, status: str, payload: Any) -> None:
        p = w.inflight.pop(job_id, None)
        if p is None:
            return
        if isinstance(p.job, Delta) and status != "ok":  # this copy may now differ: replace it
            log.error("a worker failed to apply an update's changes (%s): replacing it", payload)
            self._drop(w, died=False)
        if not p.fut.done():
            p.fut.set_result(("ok", None) if isinstance(p.job, Delta) else (status, payload))

    def _expire(self, job_id: int) -> None:
        """A job past its deadline: kill the worker running it (its other jobs go to live workers)."""
        self._forget(job_id)
        holder = next((w for w in self.all if job_id in w.inflight), None)
        if holder is not None:
            holder.inflight.pop(job_id)
            self._drop(holder, died=False)

    def _drop(self, w: Worker, died: bool) -> None:
        """Take a worker out of service: kill and reap it off the loop, start a replacement, and send its
        jobs again (a job on two workers that died is failed: it may be what kills them)."""
        if w not in self.all:  # the end of its pipe, after it was dropped
            return
        self.all.remove(w)
        if w.channel is not None and w.channel.transport is not None:
            w.channel.transport.abort()
        with contextlib.suppress(OSError):
            w.proc.kill()  # at once (a signal), so that the CPU it used is free now; reaping is slower
        self._background(asyncio.to_thread(w.kill))
        if died:
            log.warning("query worker %s died (exit code %s): replacing it", w.proc.pid, w.proc.exitcode)
        self._background(self._replace(quick_death=died and time.monotonic() - w.started < 2))
        for job_id, p in list(w.inflight.items()):
            self._resend(job_id, p, died)
        w.inflight.clear()

    def _resend(self, job_id: int, p: _Pending, died: bool) -> None:
        if p.fut.done():
            return
        if isinstance(p.job, Delta):  # the replacement replays the journal, this delta included
            p.fut.set_result(("ok", None))
            return
        p.losses += died
        if p.losses >= 2 or (p.job.update and died):
            p.fut.set_exception(_lost_error())
            return
        self._dispatch(job_id)

    async def _replace(self, quick_death: bool) -> None:
        if quick_death:  # a worker that dies as it starts (a broken store?) must not be restarted in a busy loop
            await asyncio.sleep(1.0)
        while not self.closed:
            try:
                w = await asyncio.to_thread(self._spawn)
                break
            except OSError as ex:
                log.error("cannot start a query worker: %s", ex)
                await asyncio.sleep(1.0)
        else:
            return
        if self.closed:
            await asyncio.to_thread(w.kill)
            return
        await self._connect(w)
        if w.channel is None or w.channel.transport is None or w.channel.transport.is_closing():
            self._background(asyncio.to_thread(w.kill))  # died as it started: try again, after a pause
            self._background(self._replace(quick_death=True))
            return
        self.all.append(w)
        for delta in self.journal[w.journal_len:]:  # accepted while it was starting
            self._background(self._await_delta(self._submit(delta, w), time.monotonic() + self.timeout))
        for job_id in list(self._waiting):
            self._waiting.pop(job_id)
            if job_id in self._pending and not self._pending[job_id].fut.done():
                self._dispatch(job_id)

    def _background(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def close(self) -> None:
        """Stop every worker; does not wait for them (they are reaped in a thread)."""
        self.closed = True
        for p in self._pending.values():
            if not p.fut.done():
                p.fut.cancel()
        workers, self.all = list(self.all), []
        for w in workers:
            with contextlib.suppress(OSError):
                if w.channel is None or w.channel.transport is None:
                    w.conn.send(_STOP)  # never driven from a loop
                else:
                    w.channel.send(_STOP)
                    w.channel.transport.close()  # after what is buffered is written
        threading.Thread(target=_reap, args=(workers,), name="kg-workers-close", daemon=True).start()


def _reap(workers: list[Worker]) -> None:
    for w in workers:
        w.proc.join(timeout=1)
        if w.proc.is_alive():
            w.kill()
