"""The rules a design is checked by, each read from the graph's relations generically: no product, plan or
number of the notes is named here. A rule that needs a fact the graph lacks finds nothing (precision first:
a wrong violation is worse than none)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kg.check.findings import Fact, Finding, limit_fact, restriction_fact, statement_fact
from kg.check.graph import RuleGraph
from kg.check.match import class_of, distinctive, kind_of_name, same_thing, unit_words, words
from kg.check.parts import DesignParts, Part, part_words
from kg.lookup import UnknownEntityError, resolve
from kg.namespaces import KG
from kg.phrasing import relation_label
from kg.qa.index import LimitRec, QAIndex, SourceLine, Statement

# "cannot be enabled after a Private Space has been created": what may not be done once something happened
AFTER = re.compile(r"\b(?:cannot|can't|can not) be (?P<done>\w+) after (?P<thing>.+?) (?:has|have|is|was) "
                   r"(?:been )?(?P<event>\w+)", re.IGNORECASE)
BARE_NUMBER = "count"  # the extractor's unit text for a number of the limited thing itself ("100 SOQL queries")
TIES = frozenset({KG + p for p in ("isA", "partOf", "planOf", "variantOf", "includes", "hasPlan", "hasType")})


@dataclass
class Context:
    rg: RuleGraph
    dp: DesignParts
    related_cache: dict[str, set[str]] = field(default_factory=dict)

    @property
    def idx(self) -> QAIndex:
        return self.rg.index

    def fact(self, st: Statement) -> Fact:
        return statement_fact(self.rg.index, st, relation_label(st.p, self.rg.index.prop_name(st.p), st.negated))

    def denoting(self, entity: str, line: str = "") -> list[Part]:
        """The parts that stand for the entity; each distinct name is matched once (designs repeat names)."""
        verdict: dict[tuple[str, str | None], bool] = {}
        for p in self.dp.parts:
            if (p.name, p.iri) not in verdict:
                verdict[(p.name, p.iri)] = same_thing(self.rg, p.name, p.iri, entity, line)
        return [p for p in self.dp.parts if verdict[(p.name, p.iri)] and self._own_plan(p, entity)]

    def _own_plan(self, part: Part, entity: str) -> bool:
        """A plan of the design stands only for a plan of its own product ("shield" of one add-on is not
        another's "Shield")."""
        head = self.dp.scopes.get(part.scope)
        if not part.path.endswith(".plan") or part.iri == entity or head is None or head.iri is None:
            return True
        return _plan_of(self, entity, head.iri)

    def related(self, a: str) -> set[str]:
        """Entities one statement (asserted or inferred) away from `a`."""
        if a not in self.related_cache:
            idx = self.rg.index
            near = {idx.statements[i].o for i in idx.by_entity.get(a, [])} | \
                {idx.statements[i].s for i in idx.by_entity.get(a, [])}
            near |= {o for s, _, o in idx.inferred if s == a} | {s for s, _, o in idx.inferred if o == a}
            self.related_cache[a] = near - {a}
        return self.related_cache[a]


def _text(src: SourceLine | None) -> str:
    return src.text if src else ""


def shown(ctx: Context, iri: str) -> str:
    """An entity's label, or for a one-word label ("shield") its longest name that holds it ("Heroku Connect
    shield plan"): two plans of one name are told apart."""
    label = ctx.idx.label(iri)
    if " " in label:
        return label
    longer = [n for n in ctx.idx.names(iri) if label.casefold() in n.casefold().split() and len(n.split()) <= 6]
    return max(longer, key=lambda n: (len(n.split()), n)) if longer else label


def _name(ctx: Context, part: Part) -> str:
    label = shown(ctx, part.iri) if part.iri else part.name
    return f"{part.name} ({label})" if label != part.name else part.name


def _scope_parts(ctx: Context, holder: Part) -> list[Part]:
    return ctx.dp.in_scope(holder.scope if holder.scope not in ("", "space") else "")


# ------------------------------------------------------------------ only X (exclusive relations)

def exclusive(ctx: Context) -> Iterator[Finding]:
    """Things said to go only with certain others: the design's things of that kind must be among them."""
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for st in ctx.idx.statements:
        line = st.source.line if st.source else 0
        if not st.negated and (st.p in ctx.rg.vocab.exclusive or (st.s, st.p, st.o, line) in ctx.rg.only):
            groups[(st.s, st.p)].append(st)
    for (subject, _), sts in groups.items():
        texts = " ".join(dict.fromkeys(_text(st.source) for st in sts))
        for holder in ctx.denoting(subject, texts):
            for target in _targets(ctx, subject, sts, holder):
                if target.path == holder.path or any(_member(ctx, target, st.o, texts) for st in sts):
                    continue
                if _on_line(ctx, target, texts):
                    continue  # the line may list it among the allowed ones: the graph's list can be short
                allowed = ", ".join(shown(ctx, st.o) for st in sts)
                yield Finding("violation", "exclusive",
                              f"{shown(ctx, subject)} goes only with {allowed}; {target.path} is "
                              f"{_name(ctx, target)}, which the notes do not name among them",
                              [holder.path, target.path], [ctx.fact(st) for st in sts])


def _targets(ctx: Context, subject: str, sts: list[Statement], holder: Part) -> list[Part]:
    """The parts an exclusive statement constrains: the plans of a product when the allowed things are its
    plans; otherwise the parts whose slot holds the allowed things' class, or the class of what the subject
    is part of ("Autoscaling" of "Dynos": the process's dyno)."""
    objects = [st.o for st in sts]
    plans = [p for o in objects for p in _plans_for(ctx, subject, o)]
    if plans or any(_is_a_plan(ctx, o) for o in objects):
        return plans
    kind = next((k for k in (class_of(ctx.rg, o) for o in objects) if k), None) or _container_class(ctx, subject)
    if kind is None:
        return []
    return [p for p in _scope_parts(ctx, holder) if p.kind == kind]


def _is_a_plan(ctx: Context, o: str) -> bool:
    return any(ctx.idx.statements[i].p == KG + "hasPlan" and ctx.idx.statements[i].o == o
               for i in ctx.idx.by_entity.get(o, []))


def _plans_for(ctx: Context, subject: str, plan: str) -> list[Part]:
    """The design's plan parts of the product `plan` is a plan of, when that product is tied to the
    subject (or to the product the subject is a plan of) in the graph."""
    found: list[Part] = []
    owners = {subject} | {ctx.idx.statements[i].s for i in ctx.idx.by_entity.get(subject, [])
                          if ctx.idx.statements[i].p == KG + "hasPlan" and ctx.idx.statements[i].o == subject}
    for scope, head in ctx.dp.scopes.items():
        if head.iri is None or not _plan_of(ctx, plan, head.iri):
            continue
        if not any(head.iri in ctx.related(owner) for owner in owners):
            continue
        found += [p for p in ctx.dp.parts if p.scope == scope and p.path.endswith(".plan")]
    return found


def _plan_of(ctx: Context, plan: str, product: str) -> bool:
    if any(ctx.idx.statements[i].p == KG + "hasPlan" and ctx.idx.statements[i].s == product
           for i in ctx.idx.by_entity.get(plan, [])):
        return True
    label = ctx.idx.label(product).casefold()
    return any(n.casefold().startswith(label + " ") for n in ctx.idx.names(plan))


def _container_class(ctx: Context, subject: str) -> str | None:
    for i in ctx.idx.by_entity.get(subject, []):
        st = ctx.idx.statements[i]
        whole = st.s if (st.p == KG + "includes" and st.o == subject) else \
            st.o if (st.p == KG + "partOf" and st.s == subject) else None
        if whole and not st.negated:
            cls = class_of(ctx.rg, whole)
            if cls:
                return cls
    return None


def _member(ctx: Context, part: Part, allowed: str, text: str) -> bool:
    if same_thing(ctx.rg, part.name, part.iri, allowed, text):
        return True
    if part.iri and any((part.iri, p, allowed) in ctx.idx.inferred for p in TIES):
        return True
    mine = part_words(ctx.rg, part)
    return any(kind_of_name(ctx.rg, name, mine) for name in ctx.idx.names(allowed))


def _on_line(ctx: Context, part: Part, text: str) -> bool:
    """Whether the line names the part by a word of its own (not of its product's name)."""
    head = ctx.dp.scopes.get(part.scope)
    product = words(ctx.rg, head.name) | (words(ctx.rg, ctx.idx.label(head.iri)) if head and head.iri else set()) \
        if head and head is not part else frozenset()
    return bool((distinctive(ctx.rg, part.name) - product) & words(ctx.rg, text))


# ------------------------------------------------------------------ not available, disabled, negated

def not_available(ctx: Context) -> Iterator[Finding]:
    """What the notes say is not available for, or disabled in, something is not to be expected with it."""
    for st in ctx.idx.statements:
        if st.negated or not ctx.rg.vocab.is_sub_property(st.p, KG + "notAvailableFor"):
            continue
        text = _text(st.source)
        for a in ctx.denoting(st.s, text):
            for b in ctx.denoting(st.o, text):
                if a.path != b.path:
                    yield Finding("violation", "not-available",
                                  f"{_name(ctx, a)} {ctx.fact(st).relation} {_name(ctx, b)}, per the notes",
                                  [a.path, b.path], [ctx.fact(st)])


def negated(ctx: Context) -> Iterator[Finding]:
    """What the notes say does not go with something (a negated statement), when the design has both."""
    for st in ctx.idx.statements:
        if not st.negated or ctx.rg.vocab.is_sub_property(st.p, KG + "notAvailableFor"):
            continue
        text = _text(st.source)
        for a in ctx.denoting(st.s, text):
            for b in ctx.denoting(st.o, text):
                if a.path != b.path and (a.scope == b.scope or "" in (a.scope, b.scope)):
                    yield Finding("warning", "negated", f"the notes say {ctx.idx.label(st.s)} "
                                  f"{ctx.fact(st).relation} {ctx.idx.label(st.o)}: the design has "
                                  f"{_name(ctx, a)} and {_name(ctx, b)}", [a.path, b.path], [ctx.fact(st)])


# ------------------------------------------------------------------ cannot ... after ...

def restrictions(ctx: Context) -> Iterator[Finding]:
    """What cannot be done once something has been created is not to be wanted of a space that exists."""
    space = ctx.dp.design.space
    runtime = ctx.dp.runtime()
    if space is None or not space.exists or runtime is None:
        return
    for r in ctx.rg.restrictions:
        m = AFTER.search(r.text)
        if not m or ctx.idx.words.norm(m["event"].lower()) not in {"create", "created"}:
            continue  # the design says only whether the space has been created (space.exists)
        if not _is_thing(ctx, m["thing"], runtime):
            continue
        fact = restriction_fact(ctx.idx, r.subject, r.text, r.source, KG + "restriction")
        wanted = ctx.denoting(r.subject, _text(r.source))
        if any(p.scope == "space" for p in wanted) or _created_with(ctx, r.subject):
            continue  # the space was created with it
        for want in wanted:
            yield Finding("violation", "restrictions",
                          f"{ctx.idx.label(r.subject)} {r.text}; the design's space exists and was not created "
                          f"with it", [want.path, "space.exists"], [fact])


def _is_thing(ctx: Context, thing: str, part: Part) -> bool:
    try:
        iri = resolve(ctx.idx, " ".join(w for w in thing.split() if w.lower() not in {"a", "an", "the"}))
    except UnknownEntityError:
        iri = None
    return (iri is not None and part.iri == iri) or kind_of_name(ctx.rg, thing, part_words(ctx.rg, part))


def _created_with(ctx: Context, subject: str) -> bool:
    """Whether a setting the space was created with is named on a line with the subject ("specify a log
    drain URL when creating the space" on the line that names Private Space Logging)."""
    on = [k for k, v in ctx.dp.space_settings.items() if v]
    lines = [m.text for m in ctx.idx.mentions.get(subject, [])]
    return any(unit_words(ctx.rg, k) <= unit_words(ctx.rg, line) for k in on for line in lines)


# ------------------------------------------------------------------ requires

def requires(ctx: Context) -> Iterator[Finding]:
    """What a thing of the design requires is in it; a different choice in the same slot breaks it."""
    for st in ctx.idx.statements:
        if st.negated:
            continue
        if ctx.rg.vocab.is_sub_property(st.p, KG + "requires"):
            needer, needed = st.s, st.o
        elif ctx.rg.vocab.is_sub_property(st.p, KG + "requiredBy"):
            needer, needed = st.o, st.s
        else:
            continue
        text = _text(st.source)
        for holder in ctx.denoting(needer, text):
            if ctx.denoting(needed, text):
                continue
            yield from _unmet(ctx, st, holder, needer, needed)


def _unmet(ctx: Context, st: Statement, holder: Part, needer: str, needed: str) -> Iterator[Finding]:
    kind = class_of(ctx.rg, needed)
    rivals = [p for p in _scope_parts(ctx, holder) if kind and p.kind == kind and p.path != holder.path
              and (not p.path.endswith(".plan") or _plan_of(ctx, needed, ctx.dp.scopes[p.scope].iri or ""))]
    label = f"{ctx.idx.label(needer)} requires {ctx.idx.label(needed)}"
    for rival in rivals:
        yield Finding("violation", "requires", f"{label}; {rival.path} is {_name(ctx, rival)}",
                      [holder.path, rival.path], [ctx.fact(st)])
    if not rivals:
        yield Finding("note", "requires", f"{label}; the design does not show it", [holder.path], [ctx.fact(st)])


# ------------------------------------------------------------------ kinds of data

def data(ctx: Context) -> Iterator[Finding]:
    """For each kind of data the design holds, what the notes say meets it is in the design, or a note says so."""
    holders = [p for p in ctx.dp.parts if p.path.startswith("data.")]
    for st in ctx.idx.statements:
        if st.negated or not ctx.rg.vocab.is_sub_property(st.p, KG + "meets"):
            continue
        for holder in holders:
            if not same_thing(ctx.rg, holder.name, holder.iri, st.o, _text(st.source)):
                continue
            if ctx.denoting(st.s, _text(st.source)) or _in_a_component(ctx, st.s):
                continue
            yield Finding("note", "data", f"{holder.path} is {holder.name}: the notes say {ctx.idx.label(st.s)} "
                          f"{ctx.fact(st).relation} {ctx.idx.label(st.o)}; the design does not show it",
                          [holder.path], [ctx.fact(st)])


def _in_a_component(ctx: Context, entity: str) -> bool:
    """Whether a component of the design, its name and plan together, is a kind of the entity ("Heroku
    Connect" on its "shield" plan is a "Shield Connect")."""
    for scope in ctx.dp.scopes:
        together = frozenset().union(*(part_words(ctx.rg, p) for p in ctx.dp.parts if p.scope == scope))
        if kind_of_name(ctx.rg, ctx.idx.label(entity), together):
            return True
    return False


# ------------------------------------------------------------------ limits and recommendations

def limits(ctx: Context) -> Iterator[Finding]:
    """Amounts of the design within the maxima, minima and ranges the notes give for what they count."""
    for lim in ctx.idx.limits:
        if lim.kind not in ("Maximum", "Minimum", "Range") or not _scope_holds(ctx, lim):
            continue
        for holder in ctx.denoting(lim.subject, _text(lim.source)):
            for amount in ctx.dp.amounts:
                if amount.scope != holder.scope or amount.units != _units(ctx, lim):
                    continue
                broken = _outside(lim, amount.value)
                if broken:
                    yield Finding("violation" if lim.kind != "Range" else "warning", "limits",
                                  f"{amount.path} is {amount.value:g}; {ctx.idx.label(lim.subject)}: {broken}",
                                  [holder.path, amount.path], [limit_fact(ctx.idx, lim)])


def _scope_holds(ctx: Context, lim: LimitRec) -> bool:
    """An amount given for some editions or plans ("50 in Enterprise") holds when the design names one."""
    return not lim.scope or any(
        kind_of_name(ctx.rg, ctx.idx.label(s), part_words(ctx.rg, p)) or p.iri == s
        for s in lim.scope for p in ctx.dp.parts)


def _units(ctx: Context, lim: LimitRec) -> frozenset[str]:
    """What a limit counts, in words a design's key must match: its unit and what qualifies it in the
    notes' words ("in batches of up to 2000 records": records per batch)."""
    unit = frozenset() if lim.unit == BARE_NUMBER else unit_words(ctx.rg, lim.unit)
    subject = unit_words(ctx.rg, ctx.idx.label(lim.subject))
    qualifier = unit_words(ctx.rg, lim.limits) - unit - subject
    return unit | qualifier


def _outside(lim: LimitRec, value: float) -> str:
    if lim.kind == "Maximum" and lim.value is not None and value > lim.value:
        return f"at most {lim.label}"
    if lim.kind == "Minimum" and lim.value is not None and value < lim.value:
        return f"at least {lim.label}"
    if lim.kind == "Range" and lim.low is not None and lim.high is not None and not lim.low <= value <= lim.high:
        return f"{lim.label} (a range)"
    return ""


def recommendations(ctx: Context) -> Iterator[Finding]:
    """Amounts the notes recommend: a design below one gets a warning."""
    cues = ctx.rg.vocab.recommend_cues
    for lim in ctx.idx.limits:
        if lim.kind not in ("Exact", "Minimum") or lim.value is None or not (words(ctx.rg, lim.limits) & cues):
            continue
        wanted = unit_words(ctx.rg, lim.unit)
        for amount in ctx.dp.amounts:
            if amount.units == wanted and amount.value < lim.value:
                facts = [limit_fact(ctx.idx, lim)] + [ctx.fact(ctx.idx.statements[i])
                                                       for i in ctx.idx.by_entity.get(lim.subject, [])
                                                       if ctx.idx.statements[i].o == lim.subject]
                yield Finding("warning", "recommendations",
                              f"{amount.path} is {amount.value:g}; the notes recommend {lim.label}: "
                              f"\"{_text(lim.source)}\"", [amount.path], facts)


# ------------------------------------------------------------------ names

def unknown_names(ctx: Context) -> Iterator[Finding]:
    """Every name of the design is one of the graph's; the others are reported with the closest names."""
    for u in ctx.dp.unknown:
        hint = f"; did you mean: {', '.join(u.suggestions)}?" if u.suggestions else ""
        what = f"names no plan of {u.within} in the graph (it names {', '.join(u.suggestions)})" if u.within \
            else f"is not in the graph{hint}"
        yield Finding("note", "unknown-names", f"{u.path}: {u.name!r} {what}", [u.path], suggestions=u.suggestions)
    for p in ctx.dp.parts:
        if p.linked_by == "typo":
            yield Finding("note", "unknown-names", f"{p.path}: {p.name!r} read as {ctx.idx.label(p.iri or '')}",
                          [p.path], suggestions=[ctx.idx.label(p.iri or "")])


@dataclass(frozen=True)
class Rule:
    name: str
    sentence: str
    run: Callable[[Context], Iterator[Finding]]


RULES: tuple[Rule, ...] = tuple(Rule(fn.__name__.replace("_", "-"), (fn.__doc__ or "").strip(), fn) for fn in (
    exclusive, not_available, restrictions, requires, limits, recommendations, negated, data, unknown_names))
