"""Figures worked out from the design's amounts and the graph's exact values: a rate per item times the
design's count ("1 connection per mapping" x 20 mappings), a per-dyno amount times the dynos running, and
an amount of money in the credits an entity of the credit class is worth."""

from __future__ import annotations

from collections.abc import Iterator

from kg.check.findings import Figure, limit_fact
from kg.check.match import class_of, kind_of_name, unit_words
from kg.check.parts import Part, part_words
from kg.check.rules import Context
from kg.qa.index import LimitRec

PER = " per "


def _exact(ctx: Context, entity: str) -> list[LimitRec]:
    found = [ctx.idx.limits[i] for i in ctx.idx.limits_of.get(entity, [])]
    return [lim for lim in found if lim.kind == "Exact" and lim.value is not None and not lim.scope]


def rates(ctx: Context) -> Iterator[Figure]:
    """An exact amount per item of the design's component, times the design's number of those items."""
    for amount in ctx.dp.amounts:
        head = ctx.dp.scopes.get(amount.scope)
        if head is None or head.iri is None:
            continue
        for lim in _exact(ctx, head.iri):
            what, sep, per = lim.unit.partition(PER)
            if sep and unit_words(ctx.rg, per) == amount.units and lim.value is not None:
                total = lim.value * amount.value
                yield Figure(f"{ctx.idx.label(head.iri)}: {what}s", total, what,
                             f"{lim.label} x {amount.value:g} ({amount.path}) = {total:g} {what}s",
                             [head.path, amount.path], [limit_fact(ctx.idx, lim)])


def per_dyno(ctx: Context) -> Iterator[Figure]:
    """An exact amount a dyno type is worth, times the dynos of that type the design runs."""
    for amount in ctx.dp.amounts:
        dyno = ctx.dp.scopes.get(amount.scope)
        if dyno is None or dyno.iri is None or not amount.path.endswith(".count"):
            continue
        for lim in _exact(ctx, dyno.iri):
            if PER not in f" {lim.unit} " and lim.value is not None:
                total = lim.value * amount.value
                yield Figure(f"{amount.scope}: {lim.unit}s", total, lim.unit,
                             f"{lim.label} per {ctx.idx.label(dyno.iri)} x {amount.value:g} = {total:g} {lim.unit}s",
                             [dyno.path, amount.path], [limit_fact(ctx.idx, lim)])


def credits(ctx: Context) -> Iterator[Figure]:
    """What a thing of the design costs, in the credits an entity of the credit class is worth."""
    credit_class = ctx.rg.vocab.head_nouns.get("credit")
    worth = [lim for iri in ctx.idx.labels if credit_class and class_of(ctx.rg, iri) == credit_class
             for lim in _exact(ctx, iri)]
    for part in _priced_parts(ctx):
        for lim in ctx.idx.limits:
            if lim.kind != "Exact" or lim.value is None or lim.scope or \
                    not kind_of_name(ctx.rg, ctx.idx.label(lim.subject), part_words(ctx.rg, part)):
                continue
            for rate in worth:
                if rate.unit == lim.unit and rate.value:
                    total = lim.value / rate.value
                    facts = [limit_fact(ctx.idx, lim), limit_fact(ctx.idx, rate)]
                    facts += [ctx.fact(ctx.idx.statements[i]) for i in ctx.idx.by_entity.get(lim.subject, [])
                              if ctx.idx.statements[i].source == lim.source]
                    yield Figure(f"{part.name}: {ctx.idx.label(rate.subject)}s", total, ctx.idx.label(rate.subject),
                                 f"{lim.label} {lim.unit} ({ctx.idx.label(lim.subject)}) / {rate.label} {rate.unit} "
                                 f"per {ctx.idx.label(rate.subject)} = {total:g}", [part.path], facts)


def _priced_parts(ctx: Context) -> list[Part]:
    runtime = ctx.dp.runtime()
    return [runtime] if runtime is not None and runtime.iri else []


def figures(ctx: Context) -> list[Figure]:
    seen: set[tuple[str, float]] = set()
    out: list[Figure] = []
    for fig in [*rates(ctx), *per_dyno(ctx), *credits(ctx)]:
        if (fig.name, fig.value) not in seen:
            seen.add((fig.name, fig.value))
            out.append(fig)
    return out

