"""Real SPARQL stores for the remote-store tests: an Oxigraph server process (the `oxigraph` package of the dev
extras) on a free port over a folder in tmp, stopped afterwards."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from kg.remote import RemoteStore
from tests.api.conftest import free_port


@dataclass
class StoreServer:
    url: str
    proc: subprocess.Popen[bytes]
    query: str
    update: str
    graph_store: str = ""

    def remote(self) -> RemoteStore:
        return RemoteStore(self.query, self.update, graph_store_url=self.graph_store)

    def env(self, build_dir: Path) -> dict[str, str]:
        """The settings of a `kg serve` on this store, its copies of the graph kept under build_dir."""
        env = {"KG_STORE": "sparql", "KG_SPARQL_URL": self.query, "KG_SPARQL_UPDATE_URL": self.update,
               "KG_BUILD_DIR": str(build_dir)}
        if self.graph_store:
            env["KG_SPARQL_GRAPH_STORE_URL"] = self.graph_store
        return env


def wait_until_up(url: str, proc: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"store exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            httpx.post(url, data={"query": "ASK {}"}, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"store at {url} did not start in {seconds} s")


def stop(proc: subprocess.Popen[bytes], grace: float) -> None:
    """Ask a server to stop; kill it when it has not within `grace` seconds."""
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def oxigraph_server(folder: Path, timeout_s: int = 30) -> Iterator[StoreServer]:
    exe = shutil.which("oxigraph")
    if exe is None:
        raise RuntimeError("the `oxigraph` command is missing: pip install -e '.[dev]'")
    port = free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                             "--timeout-s", str(timeout_s)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query", proc, 15)
        yield StoreServer(base, proc, base + "/query", base + "/update", base + "/store")
    finally:
        stop(proc, 10)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
CheckpointInterval = 0
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = {timeout}
MaxQueryCostEstimationTime = 0
"""


def virtuoso_available() -> str | None:
    """Why Virtuoso cannot run here, or None when it can (Debian's virtuoso-opensource)."""
    missing = [exe for exe in ("virtuoso-t", "isql-vt") if shutil.which(exe) is None]
    return f"{', '.join(missing)} not installed (apt-get install virtuoso-opensource)" if missing else None


@contextmanager
def virtuoso_server(folder: Path, timeout_s: int = 30) -> Iterator[StoreServer]:
    """Virtuoso on 127.0.0.1 with its own ini in folder; SPARQL Update by /sparql-auth (Digest, user dba)."""
    folder.mkdir(parents=True, exist_ok=True)
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(d=folder, sql=sql, http=http, timeout=timeout_s))
    proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{http}"
    try:
        wait_until_up(base + "/sparql", proc, 60)
        yield StoreServer(base, proc, base + "/sparql", base + "/sparql-auth")
    finally:
        stop(proc, 20)
