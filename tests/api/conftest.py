"""A real `kg serve` in a subprocess, on a free port, over a graph built from the test notes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import FIXTURES


@dataclass
class Server:
    url: str
    proc: subprocess.Popen[bytes]
    build_dir: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(build_dir: Path, **env: str) -> Server:
    port = free_port()
    environ = {**os.environ, "KG_BUILD_DIR": str(build_dir), "PORT": str(port), "KG_NOTES_DIR": str(FIXTURES / "notes"),
               **env}
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve"], env=environ, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return Server(url, proc, build_dir)
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start in 30 s")


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()


@pytest.fixture(scope="session")
def server(built: Path) -> Iterator[Server]:
    s = start_server(built, KG_QUERY_TIMEOUT="2", KG_MAX_ROWS="50")
    yield s
    stop_server(s)
