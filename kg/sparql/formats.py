"""Result formats and content negotiation for SPARQL results."""

from __future__ import annotations

from kg.sparql.errors import NotAcceptableError

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
