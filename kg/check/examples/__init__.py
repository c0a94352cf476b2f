"""Example designs shipped with the package (the /check page's examples)."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def example_designs() -> list[dict[str, str]]:
    """Each example design's name and YAML text."""
    files = sorted(HERE.glob("*.yaml"))
    return [{"name": p.stem, "text": p.read_text(encoding="utf-8")} for p in files]
