"""A rebuild while `kg serve` runs is served whole: every endpoint moves to the new build at once, each
response names its build (X-KG-Build) and its content is that build's, never a mix; a server told never to
switch, and its replaced workers, stay on the build they started with."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.api.conftest import Server, start_server, stop_server
from tests.conftest import FIXTURES
from tests.test_build_atomic import extra_notes, kg_build

ASK_ZEPHYR = 'ASK { ?e <http://www.w3.org/2004/02/skos/core#prefLabel> "Zephyr Cache" }'


def has_zephyr(client: httpx.Client, path: str, **params: str) -> tuple[str, bool]:
    """(the build that answered, whether the answer knows the second notes file's Zephyr Cache)."""
    r = client.get(path, params=params)
    assert r.status_code == 200, (path, r.text)
    build = r.headers["x-kg-build"]
    if path == "/health":
        assert r.json()["build_id"] == build
        return build, "zephyr-notes.md" in r.json()["notes"]
    if path == "/sparql":
        return build, r.json()["boolean"]
    if path == "/entities":
        return build, "Zephyr Cache" in {e["label"] for e in r.json()["results"]}
    if path == "/ask":  # the question names it: look at the lines the evidence comes from
        return build, any(s["file"] == "zephyr-notes.md" for s in r.json()["evidence"])
    return build, "Zephyr Cache" in r.text


PROBES: list[tuple[str, dict[str, str]]] = [
    ("/health", {}),
    ("/entities", {"search": "Zephyr Cache", "limit": "3"}),
    ("/ask", {"q": "What does Zephyr Cache require?"}),
    ("/export", {"format": "ttl"}),  # cached before the rebuild
    ("/export", {"format": "d3"}),  # cached before the rebuild
    ("/export", {"format": "nt"}),  # not cached before the rebuild
    ("/sparql", {"query": ASK_ZEPHYR}),
]


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    build_dir = tmp_path / "build"
    assert kg_build(build_dir, FIXTURES / "notes").wait() == 0
    return build_dir


def test_a_rebuild_is_served_whole(fresh: Path, tmp_path: Path) -> None:
    server = start_server(fresh, KG_QUERY_TIMEOUT="5")
    try:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            old = {has_zephyr(client, path, **params) for path, params in PROBES}
            assert len(old) == 1  # one build
            assert not next(iter(old))[1]  # without Zephyr
            seen: list[tuple[str, bool]] = []
            stop = threading.Event()
            poller = threading.Thread(target=_poll, args=(server, stop, seen))
            poller.start()
            try:
                assert kg_build(fresh, FIXTURES / "notes", extra_notes(tmp_path / "extra")).wait() == 0
                built = time.monotonic()
                switched = _wait_for_switch(client, next(iter(old))[0])
            finally:
                stop.set()
                poller.join()
            new = {has_zephyr(client, path, **params) for path, params in PROBES}
            health = client.get("/health").json()
    finally:
        stop_server(server)
    assert switched - built < 5, f"switched {switched - built:.2f} s after the build ended"
    assert len(new) == 1  # every endpoint on the new build
    assert next(iter(new))[1]  # with Zephyr
    assert (health["switches"], health["reload_error"]) == (1, None)
    assert health["serving_since"]
    builds = {b for b, _ in seen}
    assert builds == {next(iter(old))[0], next(iter(new))[0]}, builds  # both builds were seen while switching
    assert set(seen) == old | new  # each response: the old build without Zephyr or the new one with it


def _poll(server: Server, stop: threading.Event, seen: list[tuple[str, bool]]) -> None:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        while not stop.is_set():
            for path, params in PROBES:
                seen.append(has_zephyr(client, path, **params))
    with httpx.Client(base_url=server.url, timeout=10) as client:  # once more, after the switch
        seen.extend(has_zephyr(client, path, **params) for path, params in PROBES)


def _wait_for_switch(client: httpx.Client, old: str) -> float:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if client.get("/health").json()["build_id"] != old:
            return time.monotonic()
        time.sleep(0.05)
    raise AssertionError("the server did not switch to the new build within 20 s")


def test_never_switching_keeps_the_first_build_even_in_replaced_workers(fresh: Path, tmp_path: Path) -> None:
    server = start_server(fresh, KG_RELOAD_INTERVAL="0", KG_QUERY_TIMEOUT="1")
    try:
        with httpx.Client(base_url=server.url, timeout=10) as client:
            first = client.get("/health").json()["build_id"]
            assert kg_build(fresh, FIXTURES / "notes", extra_notes(tmp_path / "extra")).wait() == 0
            heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
            assert client.get("/sparql", params={"query": heavy}).status_code == 503  # its worker is replaced
            time.sleep(1.5)
            with ThreadPoolExecutor(8) as pool:  # at once, so that every worker answers, the replaced one too
                answers = list(pool.map(lambda _: client.get("/sparql", params={"query": ASK_ZEPHYR}), range(16)))
            assert {(r.status_code, r.json()["boolean"], r.headers["x-kg-build"]) for r in answers} == {
                (200, False, first)}
            assert client.get("/health").json()["build_id"] == first
    finally:
        stop_server(server)
