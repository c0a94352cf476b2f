"""`kg serve` on Virtuoso Open Source (Debian's virtuoso-opensource, started with its own ini on 127.0.0.1):
the endpoint's query tests, a push with Digest authentication, and Virtuoso's partial answers after its time
limit (200 with X-SQL-State: S1TAT) as our 503. Skipped, saying so, when Virtuoso is not installed, unless
KG_REQUIRE_VIRTUOSO is set (scripts/test sets it when its apt-get install worked)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from kg.remote import RemoteStore, push_build, served_version
from kg.store import build_path, read_summary
from tests.api import test_sparql as sparql_tests
from tests.api import test_sparql_protocol as protocol_tests
from tests.api.conftest import Server, start_server, stop_server
from tests.api.test_remote_store import HEAVY, SAME_TESTS
from tests.remote_servers import StoreServer, virtuoso_available, virtuoso_server

WHY = virtuoso_available()
if WHY and os.environ.get("KG_REQUIRE_VIRTUOSO"):
    raise RuntimeError(f"KG_REQUIRE_VIRTUOSO is set but {WHY}")
pytestmark = pytest.mark.skipif(WHY is not None, reason=f"Virtuoso test skipped: {WHY}")

USER = {"KG_SPARQL_USER": "dba", "KG_SPARQL_PASSWORD": "dba", "KG_SPARQL_AUTH": "digest"}


@pytest.fixture(scope="module")
def virtuoso(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[StoreServer]:
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as v:
        push_build(RemoteStore(v.query, v.update, "dba", "dba", "digest"), build_path(built))
        yield v


@pytest.fixture(scope="module")
def on_virtuoso(virtuoso: StoreServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("virtuoso-serve")
    s = start_server(folder, KG_QUERY_TIMEOUT="2", KG_MAX_ROWS="50", **virtuoso.env(folder), **USER)
    yield s
    stop_server(s)


def test_the_push_with_digest_authentication_is_served(virtuoso: StoreServer, built: Path) -> None:
    remote = RemoteStore(virtuoso.query, virtuoso.update, "dba", "dba", "digest")
    with httpx.Client() as client:
        version = served_version(client, remote, 5)
    assert version is not None
    assert version[0] == read_summary(build_path(built))["build_id"]
    wrong = RemoteStore(virtuoso.query, virtuoso.update, "dba", "not-the-password", "digest")
    with pytest.raises(Exception, match="still serves"):
        push_build(wrong, build_path(built))


# Virtuoso lets a query's FROM win over the protocol's default-graph-uri (SPARQL 1.1 Protocol 2.1.4 says the
# protocol wins); kg does not rewrite query texts to hide it
KNOWN = {protocol_tests.test_the_protocol_dataset_wins_over_from:
         pytest.mark.xfail(reason="Virtuoso: FROM in the query wins over default-graph-uri")}


@pytest.mark.parametrize(("test", "kwargs"), [pytest.param(t, k, marks=[KNOWN[t]] if t in KNOWN else [],
                                                           id=f"{t.__name__}-{'-'.join(map(str, k.values()))}")
                                              for t, k in SAME_TESTS])
def test_the_endpoint_tests_pass_on_virtuoso(on_virtuoso: Server, test: Callable[..., None],
                                             kwargs: dict[str, Any]) -> None:
    test(on_virtuoso, **kwargs)


def test_virtuoso_s_partial_answer_is_an_error(on_virtuoso: Server) -> None:
    r = httpx.get(on_virtuoso.url + "/sparql", params={"query": HEAVY}, timeout=30)
    assert r.status_code == 503
    assert r.json()["ok"] is False
    assert httpx.get(on_virtuoso.url + "/sparql", params={"query": sparql_tests.QUEUE}).status_code == 200
