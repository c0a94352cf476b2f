"""SPARQL results: the jobs sent to workers, their evaluation on a pyoxigraph store and the serializers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.errors import QueryError
from kg.sparql.formats import SELECT_FORMATS, media_type
from kg.sparql.update import dataset_text, drop_scratch


@dataclass
class SparqlResult:
    body: bytes
    media_type: str
    kind: str
    truncated: bool = False
    rows: int | None = None


@dataclass
class Job:
    query: str
    fmt: str
    kind: str
    max_rows: int
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    update: bool = False
    limit: int | None = None  # the query's own final LIMIT (kg.sparql.guard), when it has one
    dataset: bool = False  # the text names its own dataset (FROM / FROM NAMED, USING / WITH)
    wheres: tuple[int, ...] = ()  # an update's DELETE/INSERT ... WHERE offsets (kg.sparql.update)
    base_iri: str | None = None  # relative IRIs resolve against it (the endpoint's URL)


@dataclass
class Delta:
    """What an update changed: applied to every other copy of the store, so that all stay the same (an update
    evaluated on each copy would differ wherever it makes blank nodes, UUIDs, random numbers or times)."""

    removed: list[Any] = field(default_factory=list)  # pyoxigraph Quads
    added: list[Any] = field(default_factory=list)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term_json(t: Any) -> dict[str, str]:
    kind = type(t).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": t.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": t.value}
    if t.language:
        return {"type": "literal", "value": t.value, "xml:lang": t.language}
    dt = t.datatype.value
    if dt != _XSD_STRING:
        return {"type": "literal", "value": t.value, "datatype": dt}
    return {"type": "literal", "value": t.value}


def _xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _csv_cell(t: Any, tsv: bool) -> str:
    import pyoxigraph as ox

    if t is None:
        return ""
    if tsv:
        return str(t)
    v = t.value if isinstance(t, ox.Literal | ox.NamedNode) else f"_:{t.value}"
    if any(c in v for c in ',"\n\r'):
        v = '"' + v.replace('"', '""') + '"'
    return v


def _body_format(fmt: str) -> str:
    return "csv" if fmt == "text" else fmt  # text/plain carries CSV


def serialize_solutions(variables: list[str], rows: list[list[Any]], fmt: str, truncated: bool) -> bytes:
    import json

    fmt = _body_format(fmt)
    if fmt == "json":
        bindings = [{v: _term_json(t) for v, t in zip(variables, row, strict=True) if t is not None} for row in rows]
        doc: dict[str, Any] = {"head": {"vars": variables}, "results": {"bindings": bindings}}
        if truncated:
            doc["truncated"] = True
        return json.dumps(doc, ensure_ascii=False).encode()
    if fmt in ("csv", "tsv"):
        sep, tsv = ("\t", True) if fmt == "tsv" else (",", False)
        head = sep.join(("?" + v) if tsv else v for v in variables)
        lines = [head] + [sep.join(_csv_cell(t, tsv) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode() if not tsv else ("\n".join(lines) + "\n").encode()
    parts = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    parts += [f'<variable name="{v}"/>' for v in variables]
    if truncated:
        parts.append('<link href="#truncated"/>')
    parts.append("</head>\n<results>")
    for row in rows:
        parts.append("<result>")
        for v, t in zip(variables, row, strict=True):
            if t is None:
                continue
            j = _term_json(t)
            if j["type"] == "uri":
                inner = f"<uri>{_xml_escape(j['value'])}</uri>"
            elif j["type"] == "bnode":
                inner = f"<bnode>{_xml_escape(j['value'])}</bnode>"
            else:
                attr = f' xml:lang="{j["xml:lang"]}"' if "xml:lang" in j else \
                    (f' datatype="{j["datatype"]}"' if "datatype" in j else "")
                inner = f"<literal{attr}>{_xml_escape(j['value'])}</literal>"
            parts.append(f'<binding name="{v}">{inner}</binding>')
        parts.append("</result>")
    parts.append("</results>\n</sparql>\n")
    return "\n".join(parts).encode()


def serialize_boolean(value: bool, fmt: str) -> bytes:
    fmt = _body_format(fmt)
    if fmt == "json":
        return b'{"head": {}, "boolean": ' + (b"true" if value else b"false") + b"}"
    if fmt in ("csv", "tsv"):
        return (b"_askResult\n" if fmt == "csv" else b"?_askResult\n") + (b"true\n" if value else b"false\n")
    return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode()


# Prefixes every query may use without declaring them (a query's own PREFIX lines take precedence).
PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/", "qudt": "http://qudt.org/schema/qudt/",
    "unit": "http://qudt.org/vocab/unit/", "kg": "https://w3id.org/heroku-kg/ontology#",
    "rel": "https://w3id.org/heroku-kg/relation/", "sh": "http://www.w3.org/ns/shacl#",
}
_OX_GRAPH = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML",
             "nquads": "N_QUADS", "trig": "TRIG"}


def evaluate(store: Any, job: Job) -> SparqlResult:
    """Run one job on a pyoxigraph store (inside a worker process, or in-process for trusted callers)."""
    import pyoxigraph as ox

    if job.update:
        apply_update(store, job)
        return SparqlResult(b"", "text/plain", "update")
    try:
        res = store.query(job.query, **_dataset(job))
    except SyntaxError as ex:
        raise QueryError(f"malformed SPARQL: {ex}") from ex
    try:
        if isinstance(res, ox.QueryBoolean):
            return SparqlResult(serialize_boolean(bool(res), job.fmt), media_type(job.fmt), "ask")
        if _form_differs(res, job.fmt):
            raise QueryError(f"the query's form could not be told from its text (taken for {job.kind.upper()})")
        if isinstance(res, ox.QuerySolutions) and job.limit is not None and job.limit <= job.max_rows:
            # the query's own LIMIT keeps it under the cap: pyoxigraph's serializer is faster than ours
            body = res.serialize(format=getattr(ox.QueryResultsFormat, _body_format(job.fmt).upper())) or b""
            return SparqlResult(body, media_type(job.fmt), "select", False, None)
        if isinstance(res, ox.QuerySolutions):
            variables = [v.value for v in res.variables]
            rows: list[list[Any]] = []
            truncated = False
            for sol in res:
                if len(rows) >= job.max_rows:
                    truncated = True
                    break
                rows.append([sol[i] for i in range(len(variables))])
            body = serialize_solutions(variables, rows, job.fmt, truncated)
            return SparqlResult(body, media_type(job.fmt), "select", truncated, len(rows))
        triples: list[Any] = []
        truncated = False
        for t in res:
            if len(triples) >= job.max_rows:
                truncated = True
                break
            triples.append(t)
        body = ox.serialize(triples, format=getattr(ox.RdfFormat, _OX_GRAPH[job.fmt])) or b""
        return SparqlResult(body, media_type(job.fmt), job.kind, truncated, len(triples))
    except (OSError, ValueError, TypeError) as ex:  # errors can surface while results stream
        raise QueryError(f"query failed: {ex}") from ex




def _dataset(job: Job) -> dict[str, Any]:
    """pyoxigraph's arguments for a query's dataset (SPARQL 1.1 Protocol 2.1.4): the protocol's graphs when it
    names any (none named of a kind: that part is empty), else the query's FROM / FROM NAMED, else the union
    of every graph as the default graph. A graph the store lacks is empty; nothing is ever fetched."""
    import pyoxigraph as ox

    kwargs: dict[str, Any] = {"prefixes": PREFIXES, "base_iri": job.base_iri}
    if job.default_graphs or job.named_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    elif not job.dataset:
        kwargs["use_default_graph_as_union"] = True
    return kwargs


def _form_differs(res: Any, fmt: str) -> bool:
    import pyoxigraph as ox

    solutions = isinstance(res, ox.QueryBoolean | ox.QuerySolutions)
    return solutions != (fmt in SELECT_FORMATS)


def apply_update(store: Any, job: Job) -> Delta:
    """Run an update on one copy of the store; what it removed and added (pyoxigraph applies an update whole
    or not at all)."""
    before = set(store)
    text, scratch = dataset_text(store, job.query, job.wheres, job.default_graphs, job.named_graphs, job.dataset)
    try:
        store.update(text, prefixes=PREFIXES, base_iri=job.base_iri)
    except SyntaxError as ex:
        raise QueryError(f"malformed SPARQL: {ex}") from ex
    except (OSError, ValueError, RuntimeError) as ex:
        raise QueryError(f"update failed: {ex}") from ex
    finally:
        if scratch:
            drop_scratch(store)
    after = set(store)
    return Delta(removed=list(before - after), added=list(after - before))


def apply_delta(store: Any, delta: Delta) -> None:
    for quad in delta.removed:
        store.remove(quad)
    store.extend(delta.added)
