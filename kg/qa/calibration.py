"""Confidence that means something: a logistic model over a reading's measurements, fitted by
`bench/fit_qa.py` on the dev question sets with k-fold cross-validation (its held-out figures are the ones
reported), and the threshold below which no answer is given."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

FEATURES = ("cosine", "bm25", "coverage", "overlap", "margin", "rank", "only", "clause_negated", "clause_words",
            "amounts", "derived", "items", "kind_boolean", "kind_value", "kind_entity", "kind_list", "kind_definition",
            "how_parts", "how_items", "how_names", "echo", "focus", "answers")
DEFAULT_FILE = Path(__file__).with_name("calibration.json")


@dataclass
class Calibration:
    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5
    means: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = DEFAULT_FILE) -> Calibration:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["threshold"], data.get("means", {}), data.get("scales", {}))

    def confidence(self, features: dict[str, float]) -> float:
        z = self.bias
        for name, w in self.weights.items():
            x = features.get(name, 0.0)
            z += w * (x - self.means.get(name, 0.0)) / (self.scales.get(name, 1.0) or 1.0)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def vector(features: dict[str, float], kind: str, how: str) -> dict[str, float]:
    """The features of a reading, with its kind and how it was read as 0/1 indicators."""
    out = {name: float(features.get(name, 0.0)) for name in FEATURES}
    out[f"kind_{kind}"] = 1.0
    if f"how_{how}" in out:
        out[f"how_{how}"] = 1.0
    return out
