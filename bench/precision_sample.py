"""A fixed-seed random sample of the graph's statements, with their source lines, for a person to judge.

Usage: python bench/precision_sample.py GRAPH.nq [--n 100] [--seed 11] [--types 30] [--out sample.md]

Draws `n` statements at random from the facts (kg:Statement) and limits (kg:Limit) of the asserted
graph, then adds every negated fact, and `types` entity classes. Each row shows the statement as the graph
says it, the source line and its section, and an empty verdict column to fill with one of
right / partly / wrong / junk. Judged strictly, only "right" counts as right.

`--judged FILE` reads a filled-in table back and prints precision per group.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pyoxigraph as ox

KG = "https://w3id.org/heroku-kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
PROV = "http://www.w3.org/ns/prov#"
ASSERTED = "https://w3id.org/heroku-kg/graph/asserted"
VERDICTS = ("right", "partly", "wrong", "junk")


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


class Graph:
    def __init__(self, path: Path) -> None:
        self.out: dict[str, dict[str, list[ox.Term]]] = defaultdict(lambda: defaultdict(list))
        for q in ox.parse(path.read_bytes(), format=ox.RdfFormat.N_QUADS):
            if q.graph_name.value != ASSERTED:
                continue
            self.out[q.subject.value][q.predicate.value].append(q.object)

    def one(self, node: str, prop: str) -> str:
        vals = self.out.get(node, {}).get(prop, [])
        return vals[0].value if vals else ""

    def label(self, node: str) -> str:
        if node not in self.out and not node.startswith(("http://", "https://")):
            return node  # a literal object: its text, whole
        return self.one(node, RDFS + "label") or _local(node)

    def source(self, node: str) -> tuple[str, str, str]:
        src = self.one(node, PROV + "wasDerivedFrom") or self.one(node, KG + "mentionedIn")
        return self.one(src, KG + "line"), self.one(src, KG + "section"), self.one(src, KG + "sourceText")

    def nodes_of(self, cls: str) -> list[str]:
        return sorted(n for n, props in self.out.items() if any(t.value == cls for t in props.get(RDF + "type", [])))


def fact_row(g: Graph, st: str) -> dict[str, str]:
    negated = g.one(st, KG + "negated") == "true"
    prop = g.one(st, RDF + "predicate")
    line, section, text = g.source(st)
    how = g.one(st, KG + "mechanism")
    # what the graph says with the statement: its condition and "only"
    condition = g.one(st, KG + "condition")
    qualifier = g.one(st, KG + "qualifier")
    others = [g.label(o.value) for o in g.out.get(st, {}).get(KG + "onlyTogetherWith", [])]
    only = (f" (only, with {', '.join(sorted(others))})" if others else " (only)") \
        if g.one(st, KG + "only") == "true" else ""
    return {"kind": "negated" if negated else "fact",
            "statement": f"{g.label(g.one(st, RDF + 'subject'))} | {'NOT ' if negated else ''}"
                         f"{g.label(prop) if prop in g.out else _local(prop)} | {g.label(g.one(st, RDF + 'object'))}"
                         f"{only}" + (f" ({qualifier})" if qualifier else "") +
                         (f" [{condition}]" if condition else ""),
            "how": _local(how) if how else "", "line": line, "section": section, "text": text}


def limit_row(g: Graph, lim: str) -> dict[str, str]:
    value = g.one(lim, KG + "value") or f"{g.one(lim, KG + 'minValue')}..{g.one(lim, KG + 'maxValue')}"
    line, section, text = g.source(lim)
    what = g.one(lim, KG + "limits")
    return {"kind": "limit",
            "statement": f"{g.label(g.one(lim, KG + 'limitOf'))} | {_local(g.one(lim, KG + 'limitKind'))} "
                         f"{value} {g.one(lim, KG + 'unitText')}" + (f" ({what})" if what else "") +
                         "".join(f" in {g.label(w.value)}" for w in g.out.get(lim, {}).get(KG + "appliesIn", [])) +
                         (f" [{g.one(lim, KG + 'condition')}]" if g.one(lim, KG + "condition") else ""),
            "how": _local(g.one(lim, KG + "mechanism")), "line": line, "section": section, "text": text}


def type_rows(g: Graph, rng: random.Random, n: int) -> list[dict[str, str]]:
    rows = []
    typed = [(e, _local(t.value)) for e in g.nodes_of(KG + "Entity")
             for t in g.out[e].get(RDF + "type", []) if t.value != KG + "Entity"]
    for ent, cls in rng.sample(typed, min(n, len(typed))):
        line, section, text = g.source(ent)
        rows.append({"kind": "type", "statement": f"{g.label(ent)} | a | {cls}", "how": "", "line": line,
                     "section": section, "text": text})
    return rows


def sample(path: Path, n: int, seed: int, types: int) -> list[dict[str, str]]:
    g = Graph(path)
    rng = random.Random(seed)  # noqa: S311 - a repeatable sample, not a secret
    facts = g.nodes_of(KG + "Statement")
    limits = g.nodes_of(KG + "Limit")
    pool = [("fact", f) for f in facts] + [("limit", x) for x in limits]
    drawn = rng.sample(pool, min(n, len(pool)))
    rows = [fact_row(g, node) if kind == "fact" else limit_row(g, node) for kind, node in drawn]
    chosen = {node for _, node in drawn}
    rows += [fact_row(g, f) for f in facts if g.one(f, KG + "negated") == "true" and f not in chosen]
    return rows + type_rows(g, rng, types)


def _cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def to_markdown(rows: list[dict[str, str]]) -> str:
    out = ["| # | kind | statement | how | line | section | source text | verdict |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for i, r in enumerate(rows, 1):
        out.append(f"| {i} | {r['kind']} | {_cell(r['statement'])} | {r['how']} | {r['line']} | "
                   f"{_cell(r['section'])} | {_cell(r['text'])} | |")
    return "\n".join(out) + "\n"


def score(judged: Path) -> str:
    """Precision per kind from a filled-in table (the verdict is the last cell of each row)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for line in judged.read_text().splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) < 8 or not cells[0].isdigit():
            continue
        # the verdict word may carry a reason after it: "partly: subject is a fragment"
        verdict = cells[-1].split()[0].lower().strip(".,:;-") if cells[-1] else ""
        if verdict in VERDICTS:
            counts[cells[1]][verdict] += 1
            counts["all"][verdict] += 1
    lines = []
    for kind, c in sorted(counts.items()):
        total = sum(c.values())
        lines.append(f"{kind}: {c['right']}/{total} right = {c['right'] / total:.2f} "
                     f"(partly {c['partly']}, wrong {c['wrong']}, junk {c['junk']})")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("graph", type=Path, nargs="?", help="graph.nq of a build")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--types", type=int, default=30)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--judged", type=Path, help="score a filled-in table instead")
    args = ap.parse_args()
    if args.judged:
        print(score(args.judged))
        return
    if args.graph is None:
        ap.error("GRAPH.nq is needed")
    table = to_markdown(sample(args.graph, args.n, args.seed, args.types))
    if args.out:
        args.out.write_text(table)
    else:
        sys.stdout.write(table)


if __name__ == "__main__":
    main()
