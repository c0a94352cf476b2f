"""Extraction entry point: notes -> Extraction (entities, facts, limits, literals, warnings)."""

from __future__ import annotations

from kg.extract.entities import discover
from kg.extract.model import Extraction
from kg.extract.pipeline import build_nlp
from kg.extract.relations import RelationExtractor
from kg.extract.vocab import Vocabulary, load_vocabulary
from kg.notes import Note


def extract(notes: list[Note], vocab: Vocabulary | None = None) -> Extraction:
    vocab = vocab or load_vocabulary()
    index = discover(notes, vocab)
    nlp = build_nlp(index)
    out = RelationExtractor(nlp, index, vocab).run(notes)
    out.warnings.extend(w for n in notes for w in n.warnings)
    out.warnings.extend(silent_lines(notes, out))
    return out


def silent_lines(notes: list[Note], out: Extraction) -> list[str]:
    """Lines with text that yielded no fact, limit or entity: worth a look."""
    used = {(s.file, s.line) for e in out.entities.values() for s in e.sources}
    used |= {(f.source.file, f.source.line) for f in out.facts}
    used |= {(x.source.file, x.source.line) for x in out.limits}
    used |= {(x.source.file, x.source.line) for x in out.literals}
    return [f"{b.file}:{b.line}: nothing extracted from {b.text[:60]!r}" for n in notes for b in n.blocks
            if (b.file, b.line) not in used and b.kind != "code" and len(b.text.split()) > 2]
