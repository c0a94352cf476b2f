"""The OpenAPI says what the server does: schemathesis with every check (status codes, media types, response
schemas, headers, positive data accepted, negative data refused, undeclared methods with their Allow header,
no 5xx) against a real `kg serve`, on a small budget with a fixed seed. A large run by hand: see
tests/api/schemathesis.toml."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import schemathesis
from hypothesis import HealthCheck, settings

from api.main import create_app
from kg.config import settings_from
from kg.qa import MAX_QUESTION_CHARS
from tests.api import schemathesis_hooks  # noqa: F401  (registers the serializer of SPARQL's media types)
from tests.api.conftest import Server

CONFIG = schemathesis.Config.from_path(Path(__file__).with_name("schemathesis.toml"))
BUDGET = settings(max_examples=25, derandomize=True, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
# The document `kg serve` serves, made without serving: the tests are generated at collection, before the
# server starts (schemathesis' lazy fixture loader reads a node attribute pytest 9.2 no longer has).
DOCUMENT = json.loads(json.dumps(create_app(settings_from({})).openapi()))
schema = schemathesis.openapi.from_dict(DOCUMENT, config=CONFIG)


def test_the_served_openapi_is_the_one_tested(server: Server) -> None:
    assert httpx.get(server.url + "/openapi.json").json() == DOCUMENT


def test_the_openapi_names_what_schemathesis_cannot_guess() -> None:
    sparql = DOCUMENT["paths"]["/sparql"]
    assert set(sparql["post"]["requestBody"]["content"]) == {
        "application/x-www-form-urlencoded", "application/sparql-query", "application/sparql-update",
        "text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}  # the last: Graph Store
    assert {"put", "delete"} <= set(sparql)
    results = set(sparql["get"]["responses"]["200"]["content"])
    assert {"text/turtle", "application/sparql-results+json", "text/csv", "application/rdf+xml"} <= results
    assert {"400", "403", "406", "503"} <= set(sparql["get"]["responses"])
    question = DOCUMENT["paths"]["/ask"]["get"]["parameters"][0]["schema"]
    assert question["maxLength"] == MAX_QUESTION_CHARS
    assert {"400", "404", "422"} <= set(DOCUMENT["paths"]["/export"]["get"]["responses"])


@schema.parametrize()
@BUDGET
def test_every_operation_does_what_the_openapi_says(case: schemathesis.Case, server: Server) -> None:
    case.call_and_validate(base_url=server.url)


def test_sequences_of_calls_do_too(server: Server) -> None:
    """Stateful: an entity found by /entities, then its card (the link schemathesis infers from the schema)."""
    served = schemathesis.openapi.from_url(server.url + "/openapi.json", config=CONFIG)
    served.as_state_machine().run(settings=settings(BUDGET, max_examples=10, stateful_step_count=4))
