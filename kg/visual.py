"""The graph as a picture: entities and their relations as a networkx graph (limits as small nodes,
literals as attributes, schema and provenance left out), filtered by focus, depth and class, and the
writers of the visualization formats: GraphML, GEXF, Cytoscape.js JSON, D3 node-link JSON, Graphviz DOT."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.lookup import entity_id, inferred_edges, primary_class, resolve
from kg.qa.index import QAIndex, SourceLine

MAX_DEPTH = 6
# Distinct, readable on white and on dark backgrounds (Tableau 20, reordered so neighbours differ).
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
           "#17becf", "#bcbd22", "#aec7e8", "#ffbb78"]
LIMIT_COLOR = "#7f7f7f"


class ViewError(KGError):
    status = 400


@dataclass(frozen=True)
class View:
    """What part of the graph to draw."""

    focus: str | None = None  # an entity, by label, alias, id or IRI
    depth: int = 1  # hops around the focus, either direction
    types: tuple[str, ...] = ()  # classes to keep (with their subclasses); empty keeps all
    inferred: bool = False  # add the reasoner's edges (inverse properties double every arrow)


def _sources(srcs: Iterable[SourceLine | None]) -> str:
    seen = sorted({(s.file, s.line) for s in srcs if s})
    return "; ".join(f"{f}:{line}" for f, line in seen)


def entity_classes(idx: QAIndex) -> dict[str, str]:
    """Each entity's most specific stated class."""
    return {iri: primary_class(idx, iri) for iri in idx.labels}


def class_colors(counts: Counter[str]) -> dict[str, str]:
    """A colour per class, the most frequent classes first, so the big groups get distinct colours."""
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    colors = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(ranked)}
    colors["Limit"] = LIMIT_COLOR
    return colors


def to_networkx(idx: QAIndex, view: View | None = None) -> nx.MultiDiGraph:
    """The whole graph, or the part the view asks for."""
    view = view or View()
    g = _full_graph(idx, view.inferred)
    if view.focus:
        if not 0 <= view.depth <= MAX_DEPTH:
            raise ViewError(f"depth must be between 0 and {MAX_DEPTH}, not {view.depth}")
        center = resolve(idx, view.focus)
        g = nx.MultiDiGraph(nx.ego_graph(g, center, radius=view.depth, undirected=True))
    if view.types:
        g = _keep_types(idx, g, view.types, keep=resolve(idx, view.focus) if view.focus else None)
    g.graph.update({"name": "heroku-kg", "focus": view.focus or "", "depth": view.depth if view.focus else -1})
    return g


def _full_graph(idx: QAIndex, inferred: bool) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    classes = entity_classes(idx)
    colors = class_colors(Counter(classes.values()))
    for iri, label in idx.labels.items():
        cls = classes[iri]
        attrs: dict[str, Any] = {"label": label, "type": cls, "class_label": idx.class_labels.get(cls, cls),
                                 "types": ";".join(sorted(idx.types.get(iri, set()) - {"Entity"})),
                                 "iri": iri, "entity_id": entity_id(iri), "kind": "entity", "color": colors[cls],
                                 "alt_labels": "; ".join(sorted(idx.alt.get(iri, set()) - {label})),
                                 "sources": _sources(idx.mentions.get(iri, []))}
        for key, value in idx.literals.get(iri, []):
            attrs[key] = f"{attrs[key]} | {value}" if key in attrs else value
        g.add_node(iri, **attrs)
    for lim in idx.limits:
        if lim.subject not in g:
            continue
        attrs = {"label": lim.label, "type": "Limit", "class_label": "limit", "iri": lim.iri, "kind": "limit",
                 "color": LIMIT_COLOR, "unit": lim.unit, "limit_kind": lim.kind, "limits": lim.limits,
                 "sources": _sources([lim.source])}
        attrs |= {k: v for k, v in (("value", lim.value), ("low", lim.low), ("high", lim.high)) if v is not None}
        g.add_node(lim.iri, **attrs)
        g.add_edge(lim.subject, lim.iri, key="hasLimit", label="has limit", predicate="hasLimit", negated=False,
                   inferred=False, sources=attrs["sources"], wording=lim.limits)
    _add_statements(idx, g)
    if inferred:
        for iri in idx.labels:
            for s, p, o in sorted(inferred_edges(idx, iri)):
                if not g.has_edge(s, o, key=p):
                    g.add_edge(s, o, key=p, label=idx.prop_name(p), predicate=p, negated=False, inferred=True,
                               sources="", wording="")
    return g


def _add_statements(idx: QAIndex, g: nx.MultiDiGraph) -> None:
    """One edge per (subject, relation, object), with every source line that states it."""
    grouped: dict[tuple[str, str, str], list[int]] = {}
    for i, st in enumerate(idx.statements):
        if st.s in g and st.o in g:
            grouped.setdefault((st.s, st.p, st.o), []).append(i)
    for (s, p, o), ids in grouped.items():
        sts = [idx.statements[i] for i in ids]
        g.add_edge(s, o, key=p, label=idx.prop_name(p), predicate=p, negated=any(st.negated for st in sts),
                   inferred=False, sources=_sources(st.source for st in sts),
                   wording="; ".join(sorted({st.wording for st in sts if st.wording})))


def _keep_types(idx: QAIndex, g: nx.MultiDiGraph, types: tuple[str, ...], keep: str | None) -> nx.MultiDiGraph:
    wanted = {_class_name(idx, t) for t in types}
    nodes = [n for n, d in g.nodes(data=True)
             if n == keep or (d["type"] if d["kind"] == "limit" else None) in wanted
             or wanted & idx.types.get(n, set())]
    return nx.MultiDiGraph(g.subgraph(nodes))


def _class_name(idx: QAIndex, name: str) -> str:
    """"AddOn", "kg:AddOn", the class IRI or its label ("add-on") -> "AddOn"."""
    local = name.strip().rsplit("#", 1)[-1].rsplit(":", 1)[-1]
    known = set(idx.class_labels) | {"Limit"}
    for cls in known:
        if local.casefold() in (cls.casefold(), idx.class_labels.get(cls, "").casefold()):
            return cls
    raise ViewError(f"unknown class {name!r}; known classes: {', '.join(sorted(known))}")


def classes_in_use(idx: QAIndex) -> list[dict[str, Any]]:
    """The classes that entities have, with their labels, counts and colours (for legends and filters)."""
    counts = Counter(entity_classes(idx).values())
    colors = class_colors(counts)
    counts["Limit"] = len(idx.limits)
    return [{"name": c, "label": idx.class_labels.get(c, c.lower()), "count": n, "color": colors.get(c, LIMIT_COLOR)}
            for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


# --- writers -------------------------------------------------------------------------------------------------

def _plain(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML and GEXF take strings, numbers and booleans only."""
    return {k: v for k, v in attrs.items() if isinstance(v, str | int | float | bool)}


def _plain_copy(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    h = nx.MultiDiGraph()
    h.graph.update(_plain(g.graph))
    h.add_nodes_from((n, _plain(d)) for n, d in g.nodes(data=True))
    h.add_edges_from((s, o, k, _plain(d)) for s, o, k, d in g.edges(keys=True, data=True))
    return h


def to_graphml(g: nx.MultiDiGraph) -> str:
    return "\n".join(nx.generate_graphml(_plain_copy(g), named_key_ids=True)) + "\n"


def _rgb(color: str) -> dict[str, int | float]:
    return {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16), "a": 1.0}


def to_gexf(g: nx.MultiDiGraph) -> str:
    h = _plain_copy(g)
    for n, d in h.nodes(data=True):
        d["viz"] = {"color": _rgb(d.get("color", LIMIT_COLOR)), "size": 4.0 + min(g.degree(n), 40) / 2}
    return "\n".join(nx.generate_gexf(h)) + "\n"


def _edge_id(i: int) -> str:
    return f"e{i}"


def to_cytoscape(g: nx.MultiDiGraph) -> str:
    nodes = [{"data": {"id": n, **d, "degree": g.degree(n)}} for n, d in g.nodes(data=True)]
    edges = [{"data": {"id": _edge_id(i), "source": s, "target": o, **d}}
             for i, (s, o, d) in enumerate(g.edges(data=True))]
    return json.dumps({"data": dict(g.graph), "elements": {"nodes": nodes, "edges": edges}}, ensure_ascii=False)


def to_d3(g: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(g, edges="links")
    return json.dumps(data, ensure_ascii=False)


def _dot_id(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(g: nx.MultiDiGraph) -> str:
    lines = ["digraph \"heroku-kg\" {", "  graph [overlap=false, splines=true];",
             "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];",
             "  edge [fontname=\"Helvetica\", fontsize=8, color=\"#777777\"];"]
    for n, d in g.nodes(data=True):
        shape = ", shape=note" if d.get("kind") == "limit" else ""
        lines.append(f"  {_dot_id(n)} [label={_dot_id(d['label'])}, fillcolor={_dot_id(d['color'] + '55')}, "
                     f"tooltip={_dot_id(d['type'])}{shape}];")
    for s, o, d in g.edges(data=True):
        style = ", style=dashed" if d.get("inferred") else ""
        color = ", color=\"#d62728\", fontcolor=\"#d62728\"" if d.get("negated") else ""
        lines.append(f"  {_dot_id(s)} -> {_dot_id(o)} [label={_dot_id(d['label'])}{style}{color}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
