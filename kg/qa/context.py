"""One build's answering parts, passed to every reader: the index, its passages, the question parser
(also used on the few evidence lines a question needs), the calibration."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.qa.calibration import Calibration
from kg.qa.index import QAIndex
from kg.qa.search import Search


@dataclass
class QA:
    index: QAIndex
    search: Search
    nlp: Any
    calibration: Calibration = field(default_factory=Calibration.load)
    parses: dict[str, Any] = field(default_factory=dict)  # text -> parse, filled as questions need them

    def parse(self, text: str) -> Any:
        doc = self.parses.get(text)
        if doc is None:
            doc = self.parses[text] = self.nlp(text)
        return doc
