"""check_design: a design against the graph, every rule run, findings in order of severity."""

from __future__ import annotations

from typing import Any

from kg.check.design import Design
from kg.check.figures import figures
from kg.check.findings import SEVERITIES, Finding
from kg.check.graph import RuleGraph
from kg.check.parts import DesignParts, design_parts
from kg.check.rules import RULES, Context


def check_design(rg: RuleGraph, design: Design) -> dict[str, Any]:
    """Findings (violations, warnings, notes), derived figures, the rules checked and how each name of the
    design was linked to the graph."""
    parts = design_parts(rg, design)
    ctx = Context(rg, parts)
    found: dict[tuple[Any, ...], Finding] = {}
    for rule in RULES:
        for finding in rule.run(ctx):
            seen = found.setdefault(finding.key(), finding)
            if seen is not finding:  # one rule broken through two parts ("autoscaling" wanted and set): one finding
                seen.parts.extend(p for p in finding.parts if p not in seen.parts)
    findings = sorted(found.values(), key=lambda f: (SEVERITIES.index(f.severity), f.rule, f.parts))
    counts: dict[str, int] = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    return {
        "design": design.name,
        "ok": counts["violation"] == 0,
        "counts": counts,
        "summary": _summary(counts),
        "findings": [f.as_dict() for f in findings],
        "figures": [fig.as_dict() for fig in figures(ctx)],
        "rules": [{"rule": r.name, "checks": r.sentence} for r in RULES],
        "links": _links(rg, parts),
    }


def _summary(counts: dict[str, int]) -> str:
    if not any(counts.values()):
        return "no findings"
    return ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n)


def _links(rg: RuleGraph, parts: DesignParts) -> list[dict[str, Any]]:
    from kg.lookup import entity_id

    return [{"path": p.path, "name": p.name, "iri": p.iri, "id": entity_id(p.iri) if p.iri else None,
             "label": rg.index.label(p.iri) if p.iri else None, "linked_by": p.linked_by or None}
            for p in parts.parts]
