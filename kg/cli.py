"""The `kg` command: a thin edge over the library. Exit codes: 0 ok/conforms, 1 violations, 2 error."""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from kg.config import Settings, get_settings
from kg.errors import KGError

PARSE_CACHE = "cache"  # build_dir/cache: parses kept between builds, keyed by each text's content
BUILD_DIR_HELP = "Build folder to read: the build its `current` link names, or one build's own folder [KG_BUILD_DIR]."


def _fail(ex: Exception) -> None:
    click.echo(f"Error: {ex}", err=True)
    sys.exit(getattr(ex, "exit_code", 2))


@click.group()
@click.version_option(package_name="heroku-kg")
def cli() -> None:
    """heroku-kg: a knowledge graph of the Heroku platform, built from study notes.

    Settings come from KG_* environment variables (KG_NOTES_DIR, KG_BUILD_DIR, KG_BASE_IRI).
    """


@cli.command()
@click.argument("notes", nargs=-1, type=click.Path(path_type=Path))
@click.option("--build-dir", type=click.Path(path_type=Path), help="Where to write the graph [KG_BUILD_DIR].")
@click.option("--quiet", "-q", is_flag=True, help="Print only the one-line result.")
@click.option("--warnings/--no-warnings", default=False, help="List lines that yielded nothing.")
@click.option("--push", is_flag=True, help="Then load it into the remote store, as `kg push` [KG_STORE=sparql].")
def build(notes: tuple[Path, ...], build_dir: Path | None, quiet: bool, warnings: bool, push: bool) -> None:
    """Extract NOTES (files or folders; default KG_NOTES_DIR) into the graph.

    Writes a new folder build_dir/builds/<id>/ (graph.nq with the asserted, inferred and ontology named
    graphs, summary.json, the store), then points build_dir/current at it in one atomic step: a reader (and
    a running `kg serve`) sees the previous build or the new one, whole; a failed or killed build leaves the
    previous one served. Notes must be regular files of at most KG_MAX_NOTE_BYTES.  Python: kg.build_graph()
    """
    from kg.build import build_graph, read_notes, write_build

    s = get_settings()
    t0 = time.perf_counter()
    try:
        folder = build_dir or s.build_dir
        result = build_graph(read_notes(list(notes) or [s.notes_dir], s.max_note_bytes), s.base_iri,
                             s.spacy_model, folder / PARSE_CACHE)
        path = write_build(result, folder)
    except (KGError, OSError) as ex:
        _fail(ex)
        return
    secs = time.perf_counter() - t0
    sm = result.summary
    click.echo(f"built {path}: {sm['asserted_triples']} asserted + {sm['inferred_triples']} inferred triples, "
               f"{sm['entities']} entities, {sm.get('phrases', 0)} phrases, {sm['limits']} limits in {secs:.2f}s")
    if push:
        _push(path)
    if quiet:
        return
    click.echo("entities per class:")
    for k, v in sm["entities_per_class"].items():  # type: ignore[attr-defined]
        click.echo(f"  {k:28s} {v}")
    click.echo("facts per relation (top 25):")
    for k, v in list(sm["facts_per_relation"].items())[:25]:  # type: ignore[attr-defined]
        click.echo(f"  {k:28s} {v}")
    click.echo("statements and limits per mechanism:")
    for k, v in sm["facts_per_mechanism"].items():  # type: ignore[attr-defined]
        click.echo(f"  {k:28s} {v}")
    click.echo(f"{len(result.warnings)} lines yielded nothing" + ("" if warnings else " (--warnings lists them)"))
    if warnings:
        for w in result.warnings:
            click.echo(f"  warning: {w}")


@cli.command()
@click.argument("sparql")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="How SELECT rows and ASK answers are printed (CONSTRUCT and DESCRIBE print Turtle).")
@click.option("--build-dir", type=click.Path(path_type=Path), help=BUILD_DIR_HELP)
def query(sparql: str, fmt: str, build_dir: Path | None) -> None:
    """Run a read-only SPARQL query (SELECT/ASK/CONSTRUCT/DESCRIBE) on the built graph, with the
    endpoint's checks: SERVICE and LOAD refused (nothing is fetched; a graph not held is empty),
    KG_QUERY_TIMEOUT, KG_MAX_ROWS. With KG_STORE=sparql, on the remote store's graph.
    Python: kg.run_query()"""
    from kg.config import remote_store
    from kg.query import run_query

    s = get_settings()
    try:
        remote = remote_store(s) if s.store == "sparql" else None
        res = run_query(build_dir or s.build_dir, sparql, s.query_timeout, s.max_rows, s.store, remote)
    except KGError as ex:
        _fail(ex)
        return
    if res.truncated:
        click.echo(f"warning: result cut at {s.max_rows} rows (KG_MAX_ROWS)", err=True)
    if res.text is not None:
        click.echo(res.text)
        return
    if res.boolean is not None:
        click.echo(json.dumps({"boolean": res.boolean}) if fmt == "json" else str(res.boolean).lower())
        return
    if fmt == "json":
        click.echo(json.dumps({"vars": res.vars, "rows": res.rows}, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(res.vars)
        w.writerows([[r.get(v, "") for v in res.vars] for r in res.rows])
        click.echo(buf.getvalue().rstrip("\n"))
    else:
        widths = [max([len(v)] + [len(str(r.get(v, ""))[:60]) for r in res.rows]) for v in res.vars]
        click.echo("  ".join(v.ljust(w) for v, w in zip(res.vars, widths, strict=True)))
        for r in res.rows:
            click.echo("  ".join(str(r.get(v, ""))[:60].ljust(w) for v, w in zip(res.vars, widths, strict=True)))
        click.echo(f"({len(res.rows)} rows)")


@cli.command()
@click.option("--format", "fmt", default="ttl", show_default=True, metavar="FORMAT",
              help="ttl, nt, jsonld, rdfxml, nq, trig (RDF) or graphml, gexf, cytoscape, d3, dot (pictures).")
@click.option("--output", "-o", default="-", help="File to write, or - for stdout.")
@click.option("--focus", help="Only this entity (label, alias, id or IRI) and its neighbourhood.")
@click.option("--depth", default=1, show_default=True, help="Hops around --focus, in either direction.")
@click.option("--types", "types", multiple=True,
              help="Keep entities of these classes (and subclasses); repeat or separate with commas.")
@click.option("--inferred/--no-inferred", default=None,
              help="Include inferred triples [default: yes for RDF, no for pictures].")
@click.option("--ontology/--no-ontology", "with_ontology", default=False, help="Include the ontology (RDF).")
@click.option("--build-dir", type=click.Path(path_type=Path), help=BUILD_DIR_HELP)
def export(fmt: str, output: str, focus: str | None, depth: int, types: tuple[str, ...], inferred: bool | None,
           with_ontology: bool, build_dir: Path | None) -> None:
    """Export the built graph as RDF or for visualization tools (Gephi, yEd, Cytoscape, D3, Graphviz).

    Python: kg.export_graph()"""
    from kg.export import export_graph
    from kg.visual import View

    wanted = tuple(t.strip() for arg in types for t in arg.split(",") if t.strip())
    try:
        data = export_graph(build_dir or get_settings().build_dir, fmt, View(focus, depth, wanted),
                            inferred=inferred, ontology=with_ontology)
    except KGError as ex:
        _fail(ex)
        return
    if output == "-":
        click.echo(data, nl=False)
    else:
        Path(output).write_text(data, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


def shorten(text: str, width: int) -> str:
    """At most `width` characters, cut at a space (a word is never split), with "..." when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 3].rsplit(" ", 1)[0] if " " in text[: width - 3] else text[: width - 3]
    return cut.rstrip(" ,;:") + "..."


def _on_index(build_dir: Path | None, fn: Any, *args: Any) -> Any:
    """fn(index, *args) over the built graph's in-memory index; a library error ends the command."""
    from kg.qa.index import load_index

    try:
        return fn(load_index(build_dir or get_settings().build_dir), *args)
    except KGError as ex:
        _fail(ex)


@cli.command()
@click.argument("search", default="")
@click.option("--type", "cls", help="Only entities of this class (e.g. Product).")
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--build-dir", type=click.Path(path_type=Path), help=BUILD_DIR_HELP)
def entities(search: str, cls: str | None, limit: int, as_json: bool, build_dir: Path | None) -> None:
    """List entities whose names match SEARCH, best match first.  Python: kg.lookup.search_entities()"""
    from kg.lookup import search_entities

    hits = _on_index(build_dir, search_entities, search, limit, cls)
    if as_json:
        click.echo(json.dumps(hits, indent=2, ensure_ascii=False))
        return
    for hit in hits:
        click.echo(f"{hit['id']:<40} {hit['label']}  ({hit['type']})")


@cli.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the JSON card.")
@click.option("--build-dir", type=click.Path(path_type=Path), help=BUILD_DIR_HELP)
def entity(name: str, as_json: bool, build_dir: Path | None) -> None:
    """Everything the graph says about one entity (by label, alias, id or IRI), with sources.

    Python: kg.lookup.entity_card()"""
    from kg.lookup import entity_card

    c = _on_index(build_dir, entity_card, name)
    if as_json:
        click.echo(json.dumps(c, indent=2, ensure_ascii=False))
        return
    click.echo(f"{c['label']}  ({c['type']})  {c['iri']}")
    if c["altLabels"]:
        click.echo(f"  also: {', '.join(c['altLabels'])}")
    for a in c["attributes"]:
        click.echo(f"  {a['name']}: {a['value']}")
    for f in c["facts_out"]:
        click.echo(f"  -> {f['relation']} {f['entity']['label']}  [line {(f['source'] or {}).get('line', '?')}]")
    for f in c["facts_in"]:
        click.echo(f"  <- {f['entity']['label']} {f['relation']}  [line {(f['source'] or {}).get('line', '?')}]")
    for lim in c["limits"]:
        where = "".join(f" in {w['label']}" for w in lim["appliesIn"])
        click.echo(f"  limit: {lim['label']}{where} ({lim['kind']}{', ' + lim['limits'] if lim['limits'] else ''})"
                   f"  [line {(lim['source'] or {}).get('line', '?')}]")


@cli.command()
@click.option("--build-dir", type=click.Path(path_type=Path), help=BUILD_DIR_HELP)
def validate(build_dir: Path | None) -> None:
    """Validate the built graph against ontology/shapes.ttl (exit 0 conforms, 1 violations, 2 error)."""
    from kg.export import validate_build

    try:
        conforms, report = validate_build(build_dir or get_settings().build_dir)
    except KGError as ex:
        _fail(ex)
        return
    click.echo(report)
    sys.exit(0 if conforms else 1)


@cli.command()
@click.argument("design", required=False, type=click.Path(path_type=Path, dir_okay=False, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON (as POST /check returns it).")
@click.option("--schema", is_flag=True, help="Print the JSON Schema of a design file and exit.")
@click.option("--build-dir", type=click.Path(path_type=Path), help=BUILD_DIR_HELP)
def check(design: Path | None, as_json: bool, schema: bool, build_dir: Path | None) -> None:
    """Check the architecture in DESIGN (a YAML or JSON file, - for stdin) against the notes.

    Every name is linked to the graph (labels, aliases, typos; unknown names are reported with the closest
    ones); the rules come from the graph's relations: only-with, not available / disabled in, cannot ...
    after, requires, limits, recommendations. Each finding carries the facts behind it, their source lines
    and the SPARQL that finds them. Exit 0: no violations, 1: violations, 2: error.

    Python: kg.check.check_design(kg.check.load_rule_graph(build), kg.check.parse_design(text))
    """
    from kg.check import check_design, design_schema, load_rule_graph, parse_design
    from kg.check.report import design_text, print_report
    from kg.store import build_path

    if schema:
        click.echo(json.dumps(design_schema(), indent=2))
        return
    if design is None:
        _fail(click.UsageError("give a DESIGN file (or --schema)"))
        return
    try:
        text, media = design_text(design)
        parsed = parse_design(text, media)
        result = check_design(load_rule_graph(build_path(build_dir or get_settings().build_dir)), parsed)
    except (KGError, OSError) as ex:
        _fail(ex)
        return
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print_report(result, click.echo)
    sys.exit(0 if result["ok"] else 1)


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print the whole answer as JSON (as /ask returns it).")
@click.option("--build-dir", type=click.Path(path_type=Path), help=BUILD_DIR_HELP)
def ask(question: str, as_json: bool, build_dir: Path | None) -> None:
    """Answer a question in plain English from the notes, with its confidence and the source lines behind
    it. Below the confidence threshold no answer is given, and the closest lines of the notes are shown.

    Python: kg.qa.answer(kg.qa.load_qa(build_dir), question)
    """
    from kg.qa import answer, load_qa
    from kg.store import build_path

    bd = build_dir or get_settings().build_dir
    try:
        settings = get_settings()
        result = answer(load_qa(build_path(bd), settings.spacy_model, settings.answer_threshold), question)
    except KGError as ex:
        _fail(ex)
        return
    if as_json:
        click.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    click.echo(result["answer_text"])
    for a in result["answers"]:
        for src in a["sources"][:2]:
            click.echo(f"  - {a['label']}: {src['file']}:{src['line']} ({src['section']}) {shorten(src['text'], 90)}")
    click.echo(f"confidence {result['confidence']:.2f}")


def _push(build: Path) -> None:
    from kg.config import remote_store
    from kg.remote import push_build

    s = get_settings()
    if s.store != "sparql":
        _fail(KGError("pushing needs KG_STORE=sparql and KG_SPARQL_URL (and KG_SPARQL_UPDATE_URL) set"))
    try:
        done = push_build(remote_store(s), build)
    except (KGError, OSError) as ex:
        _fail(ex)
        return
    click.echo(f"pushed build {done['build_id']} to {s.sparql_update_url or s.sparql_url}: "
               f"{sum(done['triples'].values())} triples in {done['seconds']:.2f}s; the store now serves it")


def _check_remote(s: Settings) -> None:
    """Copy the remote store's graph before the server starts, so that an unreachable store is one line."""
    from api.main import remote_copies
    from kg.config import remote_store
    from kg.remote import pull_build

    pull_build(remote_store(s), remote_copies(s), s.query_timeout * 12)


@cli.command()
@click.option("--build-dir", type=click.Path(path_type=Path), help=BUILD_DIR_HELP)
def push(build_dir: Path | None) -> None:
    """Load the current build into the remote SPARQL store and make it the served graph in one update.

    The graph goes into staging graphs first, then one update moves them over the served graphs and writes
    the version triple that running `kg serve` processes watch: readers see the old graph or the new one,
    whole; a push that fails leaves the old one. Needs KG_STORE=sparql, KG_SPARQL_URL, KG_SPARQL_UPDATE_URL
    (and KG_SPARQL_USER, KG_SPARQL_PASSWORD, KG_SPARQL_AUTH if the store asks; KG_SPARQL_GRAPH_STORE_URL to
    send each graph whole by the Graph Store Protocol).  Python: kg.remote.push_build()
    """
    from kg.store import build_path

    try:
        build = build_path(build_dir or get_settings().build_dir)
    except KGError as ex:
        _fail(ex)
        return
    _push(build)


@cli.command()
@click.option("--host", help="Interface to listen on [KG_HOST, default 127.0.0.1].")
@click.option("--port", type=int, help="Port [PORT or KG_PORT, default 8000].")
@click.option("--get", "get_path", help="Run one GET request through the app and print it, no server (e.g. /health).")
def serve(host: str | None, port: int | None, get_path: str | None) -> None:
    """Serve the graph over HTTP: web UI at /, SPARQL 1.1 at /sparql, questions at /ask, entities at
    /entities, downloads at /export, /health, API docs at /docs.

    Builds the graph first if none exists. Watches KG_BUILD_DIR/current (every KG_RELOAD_INTERVAL
    seconds) and switches every endpoint to a new build at once, when it is fully loaded; /health and the
    X-KG-Build header say which build answered. Stops cleanly on SIGTERM. With KG_STORE=sparql, queries go
    to the remote store at KG_SPARQL_URL, and the graph it serves (pushed by `kg build --push`) is read at
    start and again whenever its version changes.
    """
    import uvicorn

    from api.main import create_app
    from kg.build import build_graph, read_notes, write_build
    from kg.errors import GraphNotBuiltError
    from kg.store import build_path

    s = get_settings()
    try:
        try:
            if s.store == "sparql":  # the graph is the store's (`kg build --push`): check it is there
                _check_remote(s)
            else:
                build_path(s.build_dir)
        except GraphNotBuiltError:
            click.echo(f"no complete build to serve in {s.build_dir}: building it from {s.notes_dir}", err=True)
            write_build(build_graph(read_notes([s.notes_dir], s.max_note_bytes), s.base_iri, s.spacy_model,
                                    s.build_dir / PARSE_CACHE), s.build_dir)
        app = create_app(s)
    except KGError as ex:
        _fail(ex)
        return
    if get_path:
        from fastapi.testclient import TestClient

        with TestClient(app) as client:
            r = client.get(get_path)
            click.echo(r.text)
            sys.exit(0 if r.status_code < 400 else 1)
    uvicorn.run(app, host=host or s.host, port=port or s.port, log_level="info", access_log=s.access_log,
                timeout_graceful_shutdown=5)


def main() -> None:
    """Entry point: library errors and anything unexpected end in one line on stderr, exit 2."""
    try:
        cli(standalone_mode=False)
    except click.exceptions.Exit as ex:
        sys.exit(ex.exit_code)
    except click.ClickException as ex:
        ex.show()
        sys.exit(ex.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(1)
    except (KGError, OSError) as ex:
        _fail(ex)
    except Exception as ex:  # a bug: say so in one line instead of a traceback
        click.echo(f"Error: unexpected {ex.__class__.__name__}: {ex}", err=True)
        sys.exit(2)
