"""Entity look-up over the in-memory graph index: search by name (ranked), resolve a name or id to
one entity, and the entity's card (labels, classes, facts in and out grouped by relation, limits, sources)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from kg.errors import KGError
from kg.phrasing import relation_label, relation_order
from kg.qa.index import LimitRec, QAIndex, SourceLine, Statement

MAX_RESULTS = 200
FUZZY_CUTOFF = 70.0  # similarity below which a misspelling names nothing


class UnknownEntityError(KGError):
    status = 404

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        shown = name if len(name) <= 80 else name[:80] + "..."
        super().__init__(f"no entity named {shown!r} in the graph{hint}")
        self.suggestions = suggestions


def entity_id(iri: str) -> str:
    """The short id of an entity: the last part of its IRI ("heroku-connect")."""
    return iri.rsplit("/", 1)[-1]


def _id_index(idx: QAIndex) -> dict[str, str]:
    if not idx.ids:
        idx.ids.update((entity_id(iri), iri) for iri in idx.labels)
    return idx.ids


def _score(query: str, name: str) -> float:
    q, n = query.casefold(), name.casefold()
    if q == n:
        return 100.0
    if n.startswith(q):
        return 90.0 - min(len(n) - len(q), 20) / 4
    if re.search(r"(?<![a-z0-9])" + re.escape(q), n):
        return 80.0 - min(len(n) - len(q), 20) / 4
    if q in n:
        return 70.0 - min(len(n) - len(q), 20) / 4
    return 0.0


def search_entities(idx: QAIndex, query: str, limit: int = 20, cls: str | None = None) -> list[dict[str, Any]]:
    """Entities whose names match the query: exact, then prefix, word start, substring, then fuzzy."""
    query = query.strip()
    limit = max(1, min(limit, MAX_RESULTS))
    scored: dict[str, tuple[float, str]] = {}
    candidates = [iri for iri in idx.labels if cls is None or cls in idx.types.get(iri, set())]
    if query:
        for iri in candidates:
            for name in idx.names(iri):
                s = max(_score(query, name), _score(query, idx.unbranded(name)) - 0.5)  # "connect" finds Heroku Connect
                s += 1.0 if s and name == idx.label(iri) else 0.0  # the preferred name first
                if s > scored.get(iri, (0.0, ""))[0]:
                    scored[iri] = (s, name)
        if len(scored) < limit and len(query) >= 3:
            for iri, hit in _fuzzy(idx, query, [iri for iri in candidates if iri not in scored]).items():
                scored[iri] = hit
    else:
        scored = {iri: (0.0, idx.label(iri)) for iri in candidates}
    ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], -len(idx.by_entity.get(kv[0], [])),
                                                    idx.label(kv[0]).casefold()))
    return [summary(idx, iri) | {"score": round(score, 1), "matched": name}
            for iri, (score, name) in ranked[:limit]]


def _similarity(query: str, name: str) -> float:
    """How alike a misspelt query and a name are, 0..100. WRatio alone rates any name that merely contains
    one word of the query ("heroku ...") near a whole-name match; the plain ratio of the whole strings
    keeps "heroku conect" closest to "Heroku Connect" and not to "heroku spaces:create"."""
    return (fuzz.WRatio(query, name, processor=default_process)
            + fuzz.ratio(query, name, processor=default_process)) / 2


def _fuzzy(idx: QAIndex, query: str, candidates: list[str]) -> dict[str, tuple[float, str]]:
    """Candidates with a name (label, alias, or either without its brand word) close to the query, scored
    below every exact, prefix, word or substring match (at most 60)."""
    found: dict[str, tuple[float, str]] = {}
    for iri in candidates:
        names = {n for name in idx.names(iri) for n in (name, idx.unbranded(name)) if len(n) >= 3}
        best = max(((_similarity(query, n), n) for n in names), default=(0.0, ""))
        if best[0] >= FUZZY_CUTOFF:
            found[iri] = (best[0] * 0.6, idx.label(iri))
    return found


def resolve(idx: QAIndex, name: str) -> str:
    """The IRI of the entity named by an IRI, an id, a label or an alias; UnknownEntityError otherwise."""
    name = name.strip()
    if name in idx.labels:
        return name
    ids = _id_index(idx)
    if name in ids:
        return ids[name]
    folded = name.casefold()
    exact = [iri for iri in idx.labels if folded in {n.casefold() for n in idx.names(iri)}]
    if not exact:
        exact = sorted(idx.forms.get(idx.words.name_key(name), set()))
    if exact:
        return max(exact, key=lambda iri: (idx.label(iri).casefold() == folded, len(idx.by_entity.get(iri, []))))
    raise UnknownEntityError(name, [hit["label"] for hit in search_entities(idx, name, limit=5)])


def primary_class(idx: QAIndex, iri: str) -> str:
    """The most specific asserted class: one that is no other asserted class's ancestor."""
    classes = idx.classes.get(iri) or (idx.types.get(iri, set()) - {"Entity"})
    if not classes:
        return "Entity"
    ancestors = set().union(*(_ancestors(idx, c) for c in classes))
    specific = sorted(c for c in classes if c not in ancestors) or sorted(classes)
    return next((c for c in specific if c != "Phrase"), specific[0])


def ancestors(parents: Mapping[str, Iterable[str]], start: str) -> set[str]:
    """Everything above `start` along `parents` (a class's superclasses, a property's super-properties)."""
    seen: set[str] = set()
    todo = list(parents.get(start, ()))
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo.extend(parents.get(c, ()))
    return seen


def _ancestors(idx: QAIndex, cls: str) -> set[str]:
    return ancestors(idx.class_parents, cls)


def stated_classes(idx: QAIndex, iri: str) -> list[str]:
    """The classes the notes give (and their superclasses), without those guessed from property ranges."""
    asserted = idx.classes.get(iri, set())
    return sorted((asserted | set().union(*(_ancestors(idx, c) for c in asserted))) - {"Entity"}) if asserted else []


def summary(idx: QAIndex, iri: str) -> dict[str, Any]:
    return {"id": entity_id(iri), "iri": iri, "label": idx.label(iri), "type": primary_class(idx, iri),
            "types": sorted(idx.types.get(iri, set()) - {"Entity"})}


def _source(src: SourceLine | None) -> dict[str, object] | None:
    return src.as_dict() if src else None


def _fact(idx: QAIndex, st: Statement, other: str) -> dict[str, Any]:
    return {"predicate": st.p, "relation": relation_label(st.p, idx.prop_name(st.p), st.negated),
            "negated": st.negated, "wording": st.wording, "entity": summary(idx, other), "source": _source(st.source),
            "inferred": False}


def _in_order(idx: QAIndex, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts by relation (RELATION_ORDER, negated after plain), then by the other entity's name and line."""
    return sorted(facts, key=lambda f: (relation_order(f["predicate"], f["relation"]), f["negated"], f["relation"],
                                        f["entity"]["label"].casefold(), (f["source"] or {}).get("line", 0)))


def fact_groups(facts_out: list[dict[str, Any]], facts_in: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The facts (each list already in order) as one group per relation and direction, outgoing first."""
    groups: list[dict[str, Any]] = []
    for direction, facts in (("out", facts_out), ("in", facts_in)):
        for f in facts:
            if not groups or (groups[-1]["direction"], groups[-1]["relation"]) != (direction, f["relation"]):
                groups.append({"relation": f["relation"], "predicate": f["predicate"], "negated": f["negated"],
                               "direction": direction, "facts": []})
            groups[-1]["facts"].append(f)
    return groups


def limit_dict(lim: LimitRec, idx: QAIndex | None = None) -> dict[str, Any]:
    return {"iri": lim.iri, "label": lim.label, "value": lim.value, "low": lim.low, "high": lim.high,
            "unit": lim.unit, "kind": lim.kind, "limits": lim.limits,
            "appliesIn": [summary(idx, w) for w in lim.scope] if idx is not None else [],
            "source": _source(lim.source)}


def _in_notes_order(limits: list[LimitRec]) -> list[LimitRec]:
    """Limits in the order of their lines in the notes: the graph's own order is lost in a remote store."""
    def where(lim: LimitRec) -> tuple[str, int, str]:
        return (lim.source.file, lim.source.line, lim.iri) if lim.source else ("", 0, lim.iri)

    return sorted(limits, key=where)


def entity_card(idx: QAIndex, name: str) -> dict[str, Any]:
    """Everything the graph says about one entity, each fact with its source line; facts in a fixed order of
    relations, and also as `groups` (one per relation and direction)."""
    iri = resolve(idx, name)
    statements = [idx.statements[i] for i in idx.by_entity.get(iri, [])]
    out = _in_order(idx, [_fact(idx, st, st.o) for st in statements if st.s == iri])
    into = _in_order(idx, [_fact(idx, st, st.s) for st in statements if st.o == iri and st.s != iri])
    asserted = {(st.s, st.p, st.o) for st in statements}
    inferred = _in_order(idx, [{"predicate": p, "relation": relation_label(p, idx.prop_name(p)), "negated": False,
                                "wording": "", "entity": summary(idx, o), "source": None, "inferred": True}
                               for s, p, o in sorted(inferred_edges(idx, iri)) if (s, p, o) not in asserted])
    sources = sorted({(m.file, m.line): m for m in idx.mentions.get(iri, [])}.values(), key=lambda m: m.line)
    return summary(idx, iri) | {
        "altLabels": sorted(idx.alt.get(iri, set()) - {idx.label(iri)}),
        "classes": stated_classes(idx, iri),
        "classLabels": {c: idx.class_labels.get(c, c) for c in sorted(idx.types.get(iri, set()))},
        "attributes": [{"name": k, "value": v} for k, v in idx.literals.get(iri, [])],
        "facts_out": out, "facts_in": into, "groups": fact_groups(out, into), "inferred": inferred,
        "limits": [limit_dict(lim, idx)
                   for lim in _in_notes_order([idx.limits[i] for i in idx.limits_of.get(iri, [])])],
        "sources": [m.as_dict() for m in sources],
    }


def inferred_edges(idx: QAIndex, iri: str) -> set[tuple[str, str, str]]:
    """Inferred relations from one entity to another (types and provenance left out)."""
    if idx.inferred_out is None:
        idx.inferred_out = {}
        for t in idx.inferred:
            if t[0] in idx.labels and t[2] in idx.labels:
                idx.inferred_out.setdefault(t[0], set()).add(t)
    return idx.inferred_out.get(iri, set())
