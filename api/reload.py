"""Serving one complete build at a time while `kg build` runs beside the server.

BuildWatcher polls build_dir/current (one readlink a second); when it points to another build, a new
GraphState (query workers, summary, question index, export cache) is loaded off the event loop, its workers
answer a first query, and it replaces the old one in one assignment. The old state's workers are closed
once the requests that started on it are past their time limit. PinBuild gives each request the state it
started on (and says which in the X-KG-Build header), so one response never mixes two builds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import PINNED, GraphState
from kg.config import Settings
from kg.sparql import prepare
from kg.store import CURRENT_LINK, current_target

log = logging.getLogger("uvicorn.error")
BUILD_HEADER = b"x-kg-build"


def utc_now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class PinBuild:
    """Pure ASGI: the request keeps the GraphState it started on, and every response names its build."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state: GraphState = scope["app"].state.graph
        scope.setdefault("state", {})[PINNED] = state
        header = (BUILD_HEADER, state.build_id.encode("latin-1"))

        async def send_named(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), header]}
            await send(message)

        await self.app(scope, receive, send_named)


class BuildWatcher:
    """Switches app.state.graph to each new complete build, whole; keeps the old one when the new fails."""

    def __init__(self, app: FastAPI, settings: Settings, load: Callable[[Settings, Path], GraphState],
                 newest: Callable[[], Path | None] | None = None) -> None:
        self.app, self.settings, self.load = app, settings, load
        self.newest = newest or self._newest  # a remote store's watcher asks the store for its version
        self.error: str | None = None  # why the newest build is not served, if it is not
        self.switches = 0
        self._failed: Path | None = None  # a build that failed to load: not tried again
        self._task: asyncio.Task[None] | None = None
        self._retiring: set[asyncio.Task[None]] = set()

    @property
    def state(self) -> GraphState:
        state: GraphState = self.app.state.graph
        return state

    def start(self) -> None:
        if self.settings.reload_interval > 0:
            self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.settings.reload_interval)
            try:
                await self.check()
            except Exception:  # a bug here must not end the watching
                log.exception("checking for a new build failed")

    def _newest(self) -> Path | None:
        target = current_target(self.settings.build_dir)
        return None if target is None else self.settings.build_dir / target

    async def check(self) -> bool:
        """Switch to the build `current` points to, if it is another one; True when switched."""
        try:
            build = await asyncio.to_thread(self.newest)
        except Exception as ex:  # the store is away for a while: keep serving what we have
            self.error = f"cannot read the served version: {ex}"
            return False
        if build is None or build in (self.state.build, self._failed):
            return False
        t0 = time.monotonic()
        try:
            new = await asyncio.to_thread(self.load, self.settings, build)
        except Exception as ex:  # a broken build: keep serving the one we have
            self._failed, self.error = build, f"build {build.name} not served: {ex}"
            log.error("%s", self.error)
            return False
        if not await self._warm(new):
            new.close()
            self._failed, self.error = build, f"build {build.name} not served: its query workers did not answer"
            log.error("%s", self.error)
            return False
        old, new.serving_since = self.state, utc_now()
        self.app.state.graph = new  # the switch: one assignment
        self.error, self.switches = None, self.switches + 1
        log.info("serving build %s (was %s): loaded in %.2f s, %.2f s after it became current", new.build_id,
                 old.build_id, time.monotonic() - t0, self._since_linked())
        self._retire(old)
        return True

    def _since_linked(self) -> float:
        with contextlib.suppress(OSError):
            return time.time() - os.lstat(self.settings.build_dir / CURRENT_LINK).st_mtime
        return 0.0

    async def _warm(self, state: GraphState) -> bool:
        """One query per worker, so that the new workers have opened their store before they are served."""
        job = prepare("ASK { ?s ?p ?o }", None, None, 1)
        results = await asyncio.gather(*(state.pool.arun(job) for _ in range(self.settings.workers)),
                                       return_exceptions=True)
        return not any(isinstance(r, BaseException) for r in results)

    def _retire(self, old: GraphState) -> None:
        task = asyncio.create_task(self._close_later(old))
        self._retiring.add(task)
        task.add_done_callback(self._retiring.discard)

    async def _close_later(self, old: GraphState) -> None:
        try:  # requests that started on the old build end within the query time limit
            await asyncio.sleep(self.settings.query_timeout + 1)
        finally:
            old.close()

    async def close(self) -> None:
        """Stop watching and close the builds being retired (the current one is the caller's)."""
        tasks = [t for t in (self._task, *self._retiring) if t is not None]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
