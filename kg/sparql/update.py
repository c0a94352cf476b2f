"""The dataset an update's WHERE reads, written into the update's text (pyoxigraph's update() takes none).

SPARQL 1.1 Protocol 2.2.3: using-graph-uri / using-named-graph-uri are as USING / USING NAMED on every
DELETE/INSERT ... WHERE of the request. Without them, and without USING or WITH in the text, the WHERE reads
here what a query reads: the union of every graph of the store (its default graph included) as the default
graph, and every named graph. DELETE WHERE and the *DATA forms have no WHERE to write into and keep their
meaning: they read and write the store's default graph.
"""

from __future__ import annotations

from typing import Any

# Holds a copy of the store's default graph while an update reads the union: USING can only name named graphs.
SCRATCH = "urn:x-kg:default-graph"


def using_clauses(default: list[str], named: list[str]) -> str:
    """` USING <g> ... USING NAMED <n> ... `: the IRIs were checked to be absolute IRIs (no '>' or space)."""
    return "".join(f" USING <{g}>" for g in default) + "".join(f" USING NAMED <{g}>" for g in named) + " "


def write_in(text: str, wheres: tuple[int, ...], clauses: str) -> str:
    """The text with `clauses` before each WHERE at the offsets given (kg.sparql.guard finds them)."""
    parts, last = [], 0
    for at in wheres:
        parts += [text[last:at], clauses]
        last = at
    return "".join([*parts, text[last:]])


def union_dataset(store: Any) -> tuple[list[str], list[str], bool]:
    """USING and USING NAMED graphs that make the store's union the default graph; True when the store's own
    default graph holds triples and was copied to SCRATCH for this update (remove it after)."""
    import pyoxigraph as ox

    named = [g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g.value != SCRATCH]
    default_quads = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(SCRATCH))
                     for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())]
    if default_quads:
        store.extend(default_quads)
    return [*named, *([SCRATCH] if default_quads else [])], named, bool(default_quads)


def dataset_text(store: Any, text: str, wheres: tuple[int, ...], using: list[str], using_named: list[str],
                 own_dataset: bool) -> tuple[str, bool]:
    """The update to run, and whether SCRATCH was filled for it."""
    if not wheres or own_dataset:
        return text, False
    if using or using_named:
        return write_in(text, wheres, using_clauses(using, using_named)), False
    default, named, scratch = union_dataset(store)
    return write_in(text, wheres, using_clauses(default, named)), scratch


def drop_scratch(store: Any) -> None:
    import pyoxigraph as ox

    store.remove_graph(ox.NamedNode(SCRATCH))
