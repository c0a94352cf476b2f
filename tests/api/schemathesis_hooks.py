"""Schemathesis hooks for this API, imported by tests/api/test_openapi_conformance.py and named in
tests/api/schemathesis.toml for the CLI: SPARQL's own media types, and the RDF ones of the Graph Store Protocol, go on
the wire as the text they are; YAML designs (POST /check) as YAML."""

from __future__ import annotations

import schemathesis


@schemathesis.serializer("application/sparql-query", "application/sparql-update", "text/turtle",
                         "application/n-triples", "application/rdf+xml")
def sparql_text(ctx: schemathesis.SerializationContext, value: object) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode("utf-8")


@schemathesis.serializer("application/yaml")
def yaml_text(ctx: schemathesis.SerializationContext, value: object) -> bytes:
    import yaml

    return value if isinstance(value, bytes) else yaml.safe_dump(value).encode("utf-8")
