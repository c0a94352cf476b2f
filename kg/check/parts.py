"""A design as the names and amounts it holds, each where it stands, every name linked to the graph by its
labels, aliases and close spellings (kg.lookup), or reported with the closest names."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.check.design import Component, Design, Process
from kg.check.graph import VAGUE_CLASSES, RuleGraph
from kg.check.match import class_of, is_subclass, unit_words, words
from kg.lookup import UnknownEntityError, entity_id, resolve, search_entities

TYPO_SCORE = 54.0  # kg.lookup's fuzzy score of a name at least 90% alike (fuzzy hits score similarity x 0.6)
TYPO_MARGIN = 3.0  # and clearly closer than the next name
MAX_SEARCHED = 50  # distinct unknown names given close names (each search is a fuzzy pass over the graph)


@dataclass(frozen=True)
class Part:
    path: str  # where in the design: "apps.0.processes.web.dyno"
    name: str  # as written
    iri: str | None  # the entity it is linked to
    kind: str | None  # the class its slot holds, from the key's head noun ("dyno" -> DynoType)
    scope: str  # the component or process it belongs to ("" for the design itself)
    linked_by: str = ""  # "name", "typo" or "" (not in the graph)


@dataclass(frozen=True)
class Amount:
    path: str
    key: str
    value: float
    scope: str
    units: frozenset[str]


@dataclass
class Unknown:
    path: str
    name: str
    suggestions: list[str]
    within: str | None = None  # the product whose plan it was looked for as, when the name is of another kind


@dataclass
class DesignParts:
    design: Design
    parts: list[Part] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    unknown: list[Unknown] = field(default_factory=list)
    scopes: dict[str, Part] = field(default_factory=dict)  # a component's path -> the part naming it
    space_settings: dict[str, bool] = field(default_factory=dict)

    def in_scope(self, scope: str) -> list[Part]:
        """The parts of a component or process; of the design itself (""): every part."""
        return [p for p in self.parts if not scope or p.scope == scope or p.path == scope]

    def runtime(self) -> Part | None:
        return next((p for p in self.parts if p.path == "runtime"), None)


@dataclass
class Linker:
    rg: RuleGraph
    seen: dict[tuple[str, str | None, str | None], tuple[str | None, str, list[str]]] = field(default_factory=dict)
    searched: int = 0

    def link(self, name: str, kind: str | None = None, within: str | None = None) -> tuple[str | None, str, list[str]]:
        """(entity, how, suggestions) for a name; a plan is looked for under its product's name first."""
        key = (name, kind, within)
        if key not in self.seen:
            self.seen[key] = self._link(name, kind, within)
        return self.seen[key]

    def _link(self, name: str, kind: str | None, within: str | None) -> tuple[str | None, str, list[str]]:
        idx = self.rg.index
        if not name.strip():
            return None, "", []
        tries = [f"{within} {name}", f"{name} {within}"] if within else []
        for attempt in [*tries, name]:
            if not self._may_resolve(attempt):
                continue  # resolve() would fail, after a costly search for suggestions
            try:
                iri = resolve(idx, attempt)
            except UnknownEntityError:
                continue
            if within and attempt == name and not self._fits(iri, kind):
                return None, "other", [idx.label(iri)]  # a thing of another kind, not a plan of the product
            return iri, "name", []
        if self.searched >= MAX_SEARCHED:
            return None, "", []
        self.searched += 1
        hits = search_entities(idx, name, limit=5)
        if hits and hits[0]["score"] >= TYPO_SCORE and hits[0]["score"] <= 60 and \
                (len(hits) == 1 or hits[0]["score"] - hits[1]["score"] >= TYPO_MARGIN):
            return str(hits[0]["iri"]), "typo", []
        return None, "", [str(h["label"]) for h in hits]

    def _may_resolve(self, name: str) -> bool:
        idx, known = self.rg.index, self.rg.known
        if not known:
            known |= {n.casefold() for iri in idx.labels for n in (iri, entity_id(iri), *idx.names(iri))}
        return name.strip().casefold() in known or idx.words.name_key(name) in idx.forms

    def _fits(self, iri: str, kind: str | None) -> bool:
        cls = class_of(self.rg, iri)
        return kind is None or cls is None or cls in VAGUE_CLASSES or is_subclass(self.rg, cls, kind) or \
            is_subclass(self.rg, kind, cls)


def design_parts(rg: RuleGraph, design: Design) -> DesignParts:
    out = DesignParts(design)
    linker = Linker(rg)
    kind = rg.vocab.head_nouns.get
    if design.runtime:
        _add(out, linker, "runtime", design.runtime, kind("runtime"), "")
    for i, name in enumerate(design.data):
        _add(out, linker, f"data.{i}", name, None, "")
    for i, name in enumerate(design.wants):
        _add(out, linker, f"wants.{i}", name, None, "")
    if design.space is not None:
        for i, name in enumerate(design.space.created_with):
            _add(out, linker, f"space.created_with.{i}", name, None, "space")
        out.space_settings = {k: bool(v) for k, v in (design.space.model_extra or {}).items()}
    for group, items in (("addons", design.addons), ("uses", design.uses)):
        for i, comp in enumerate(items):
            _component(out, linker, f"{group}.{i}", comp)
    for i, app in enumerate(design.apps):
        for pname, proc in app.processes.items():
            _process(out, linker, f"apps.{i}.processes.{pname}", pname, proc)
    return out


def _add(out: DesignParts, linker: Linker, path: str, name: str, kind: str | None, scope: str,
         within: str | None = None) -> Part:
    iri, how, suggestions = linker.link(name, kind, within)
    part = Part(path, name, iri, kind, scope, how if iri else "")
    out.parts.append(part)
    if how in ("", "other"):
        out.unknown.append(Unknown(path, name, suggestions, within if how == "other" else None))
    return part


def _component(out: DesignParts, linker: Linker, path: str, comp: Component) -> None:
    head = _add(out, linker, f"{path}.name", comp.name, None, path)
    out.scopes[path] = head
    product = linker.rg.index.label(head.iri) if head.iri else comp.name
    if comp.plan:
        _add(out, linker, f"{path}.plan", comp.plan, linker.rg.vocab.head_nouns.get("plan"), path, product)
    _settings(out, linker, path, comp.model_extra or {}, product)


def _process(out: DesignParts, linker: Linker, path: str, pname: str, proc: Process) -> None:
    rg = linker.rg
    dyno_kind = rg.vocab.head_nouns.get("dyno")
    if proc.dyno:
        out.scopes[path] = _add(out, linker, f"{path}.dyno", proc.dyno, dyno_kind, path)
    # the count is of dynos running the process: "2 web dynos" in the notes' words
    out.amounts.append(Amount(f"{path}.count", f"{pname} dyno", float(proc.count), path,
                              unit_words(rg, f"{pname} dyno")))
    if proc.autoscaling:
        _add(out, linker, f"{path}.autoscaling", "autoscaling", None, path)
    _settings(out, linker, path, proc.model_extra or {}, None)


def _settings(out: DesignParts, linker: Linker, path: str, settings: dict[str, object], product: str | None) -> None:
    rg = linker.rg
    for key, value in settings.items():
        where, name = f"{path}.{key}", key.replace("_", " ")
        kind = rg.vocab.head_nouns.get(rg.index.words.norm(name.split()[-1])) if name.split() else None
        if isinstance(value, bool):
            if value:
                _add(out, linker, where, name, None, path)
        elif isinstance(value, int | float):
            out.amounts.append(Amount(where, name, float(value), path, unit_words(rg, name)))
        elif isinstance(value, str):
            _add(out, linker, where, value, kind, path, product if kind else None)
        elif isinstance(value, list):
            for j, item in enumerate(value):
                _add(out, linker, f"{where}.{j}", str(item), kind, path)


def part_words(rg: RuleGraph, part: Part) -> frozenset[str]:
    """A part's words, with those of the entity it is linked to."""
    own = words(rg, part.name)
    return own | words(rg, rg.index.label(part.iri)) if part.iri else own
