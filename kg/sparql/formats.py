"""Result formats and content negotiation for SPARQL results.

A `format` (or `output`, `results`) parameter is read leniently, as clients send it: a name (`json`, `xml`,
`n3`, `text`...), a media type, or a comma list of either; what it names is read for the query's kind (`xml` is
SPARQL XML for SELECT, RDF/XML for CONSTRUCT). When it names nothing this query can give, the Accept header
decides; without one, 406.
"""

from __future__ import annotations

from kg.sparql.errors import NotAcceptableError

SELECT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "text": "text/plain",  # CSV, sent as plain text (what Oxigraph gives for text/plain)
}
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "nquads": "application/n-quads",
    "trig": "application/trig",
}
SELECT_ALIASES = {"srj": "json", "srx": "xml", "sparql-results+json": "json", "sparql-results+xml": "xml",
                  "sparql": "xml", "txt": "text", "plain": "text"}
GRAPH_ALIASES = {"ttl": "turtle", "n3": "turtle", "text": "turtle", "txt": "turtle", "nt": "ntriples",
                 "n-triples": "ntriples", "json-ld": "jsonld", "json": "jsonld", "rdf": "rdfxml", "xml": "rdfxml",
                 "rdf+xml": "rdfxml", "rdf/xml": "rdfxml", "nq": "nquads", "n-quads": "nquads"}
ALIASES = {**GRAPH_ALIASES, **SELECT_ALIASES}
_SELECT_MEDIA = {**{v: k for k, v in SELECT_FORMATS.items()}, "application/json": "json",
                 "application/xml": "xml", "text/xml": "xml"}
_GRAPH_MEDIA = {**{v: k for k, v in GRAPH_FORMATS.items()}, "application/json": "jsonld", "text/plain": "ntriples",
                "application/xml": "rdfxml", "text/xml": "rdfxml", "application/x-turtle": "turtle",
                "text/n3": "turtle", "text/rdf+n3": "turtle", "application/x-trig": "trig"}


def _tables(kind: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    if kind in ("select", "ask"):
        return SELECT_FORMATS, SELECT_ALIASES, _SELECT_MEDIA
    return GRAPH_FORMATS, GRAPH_ALIASES, _GRAPH_MEDIA


def _named(kind: str, fmt: str) -> str | None:
    """The first format of a `format` value (names, media types, commas) this kind of query can give."""
    allowed, aliases, media = _tables(kind)
    for item in fmt.split(","):
        word = item.split(";")[0].strip().lower()
        name = media.get(word) or aliases.get(word, word)
        if name in allowed:
            return name
    return None


def _accepted(kind: str, accept: str) -> str | None:
    allowed, _, media = _tables(kind)
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
    for q, asked in sorted(ranges, key=lambda r: -r[0]):
        if q <= 0:
            continue
        if asked in ("*/*", "application/*", "text/*"):
            return next(iter(allowed))
        if asked in media:
            return media[asked]
    return None


def negotiate(kind: str, accept: str | None, fmt: str | None) -> str:
    """The result format for a query kind from a `format` parameter, else the Accept header."""
    allowed, _, _ = _tables(kind)
    if fmt:
        name = _named(kind, fmt)
        if name is not None:
            return name
        if not accept:
            raise NotAcceptableError(f"format {fmt!r} is not available for {kind.upper()} queries; "
                                     f"choose one of {', '.join(allowed)}")
    if not accept:
        return next(iter(allowed))
    found = _accepted(kind, accept)
    if found is None:
        raise NotAcceptableError(f"none of the accepted media types ({accept}) can carry a {kind.upper()} result; "
                                 f"available: {', '.join(allowed.values())}")
    return found


def media_type(name: str) -> str:
    return SELECT_FORMATS.get(name) or GRAPH_FORMATS[name]
