"""Plain records passed between the extraction stages and the graph writer."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.extract.quantities import Quantity


@dataclass(frozen=True)
class Source:
    file: str
    line: int
    section: str
    text: str


@dataclass
class Entity:
    key: str
    label: str
    aliases: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    sources: list[Source] = field(default_factory=list)
    concept: bool = False  # named by a phrase of the notes, not a proper name
    weight: int = 0  # how strongly the structure marks it as a name (heading, bold, code...)

    def add_source(self, source: Source) -> None:
        if source not in self.sources:
            self.sources.append(source)


@dataclass
class Fact:
    subject: str
    prop: str  # ontology local name ("requires") or a minted verb relation ("rel:result_in")
    obj: str
    source: Source
    negated: bool = False
    wording: str = ""
    mechanism: str = "clause"  # heading | list | term | table | clause | code: how the fact was read
    confidence: float = 0.5
    condition: str = ""  # "when PR closes": the fact holds under it
    only: bool = False  # "only": the objects stated with it are the only ones
    qualifier: str = ""  # "on the connected app": the notes' words that narrow the object
    things: tuple[str, ...] = ()  # the things the qualifier names ("one-off processes")
    condition_things: tuple[str, ...] = ()  # the named things the condition names ("CR" of "in CR")


@dataclass
class LimitFact:
    subject: str
    quantity: Quantity
    limits: str
    source: Source
    mechanism: str = "quantity"
    confidence: float = 0.6
    measure: str | None = None  # the thing the amount measures, when not the limited thing itself
    scope: tuple[str, ...] = ()  # "50 in Enterprise": the plans, editions or spaces the amount holds in
    condition: str = ""  # "without an add-on license", "for unauthenticated users": when the amount holds


@dataclass
class LiteralFact:
    subject: str
    prop: str
    value: str
    source: Source
    mechanism: str = "term"
    confidence: float = 0.8


@dataclass
class Extraction:
    entities: dict[str, Entity]
    facts: list[Fact] = field(default_factory=list)
    limits: list[LimitFact] = field(default_factory=list)
    literals: list[LiteralFact] = field(default_factory=list)
    # (phrase, named thing): "legacy named credentials" is a narrower concept of "Named Credential", known from
    # the phrase's own words, no statement of the notes
    broader: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def used_keys(self) -> set[str]:
        """The entities a fact, limit or literal names: a phrase node lives only as one of these."""
        return {k for f in self.facts for k in (f.subject, f.obj, *f.things)} | \
            {k for x in self.limits for k in (x.subject, x.measure) if k} | {x.subject for x in self.literals}
