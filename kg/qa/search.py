"""Evidence by meaning: every line of the notes as a passage (its headings, the lines it sits under, the
names the graph found on it with their other names), ranked for a question by an even mix of BM25 over
normalised words and the cosine of static sentence embeddings (wordllama)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from kg.qa.index import QAIndex

# BM25 and the embeddings count the same: the mix the baseline measured, not fitted here
BM25_SHARE = 0.5
ANCESTORS = 2  # lines above a line that say what it is about ("Plans" > "`demo` 10k rows" > "min polling ...")


@cache
def embedder() -> Any:
    """wordllama's 256-dimension model, shipped in its wheel: loaded from there, never from the network."""
    import wordllama

    return wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


@dataclass(frozen=True)
class Hit:
    line: int
    score: float  # the mix, 0..1 relative to the best line of this question
    bm25: float  # raw BM25
    cosine: float  # raw cosine


class Search:
    """The passages of one index, with their BM25 index and embeddings (built once, at load)."""

    def __init__(self, idx: QAIndex) -> None:
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.idx = idx
        self.passages = [passage(idx, i) for i in range(len(idx.lines))]
        self.tokens = [idx.words.terms(p) for p in self.passages]
        self.vocab = {t for toks in self.tokens for t in toks}
        self.bm25 = bm25s.BM25()
        if self.passages:
            self.bm25.index([toks or ["\x00"] for toks in self.tokens], show_progress=False)
            self.vectors = np.asarray(embedder().embed(self.passages, norm=True))
        else:
            self.vectors = np.zeros((0, 256))

    def rank(self, terms: list[str], text: str, limit: int | None = None) -> list[Hit]:
        """Lines best first (the best `limit`, or all) for a question's terms (BM25) and its text (embedding)."""
        if not self.passages:
            return []
        known = [t for t in terms if t in self.vocab]
        bm25 = np.asarray(self.bm25.get_scores(known)) if known else np.zeros(len(self.passages))
        cos = self.vectors @ np.asarray(embedder().embed([text], norm=True))[0]
        mixed = BM25_SHARE * _scaled(bm25) + (1 - BM25_SHARE) * _scaled(cos)
        order = np.argsort(-mixed, kind="stable")[:limit]
        top = float(mixed[order[0]]) or 1.0
        return [Hit(int(i), float(mixed[i]) / top, float(bm25[i]), float(cos[i])) for i in order]

    def cosine(self, a: str, b: str) -> float:
        va, vb = np.asarray(embedder().embed([a, b], norm=True))
        return float(va @ vb)


def _scaled(x: Any) -> Any:
    low, high = float(x.min()), float(x.max())
    return (x - low) / (high - low) if high > low else np.zeros_like(x)


def passage(idx: QAIndex, i: int) -> str:
    """A line with what it sits under and the names on it: "Heroku Connect > Plans | `demo` 10k rows |
    min polling interval 10 mins | Heroku Connect demo (Connect demo plan)"."""
    line = idx.lines[i]
    section = line.source.section.split(" > ")[-2:]
    above: list[str] = []
    parent = line.parent
    while parent is not None and len(above) < ANCESTORS:
        above.insert(0, idx.lines[parent].text)
        parent = idx.lines[parent].parent
    names = sorted({n for iri in line.entities for n in idx.names(iri)} - {line.text})
    return " | ".join([" > ".join(section), *above, line.text, " ".join(names)])
