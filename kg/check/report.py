"""Reading a design file for `kg check`, and the result as text for a person."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kg.check.design import MAX_DESIGN_BYTES, DesignError

MAX_LINE = 110


def design_text(path: Path) -> tuple[bytes, str]:
    """The bytes of a design file (or of stdin for "-") and whether to read them as json or yaml; at most
    MAX_DESIGN_BYTES are read, so a huge or endless file is refused, not swallowed."""
    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_DESIGN_BYTES + 1)
    else:
        if not path.is_file():
            raise DesignError(f"{path} is not a regular file")
        with path.open("rb") as fh:
            data = fh.read(MAX_DESIGN_BYTES + 1)
    if len(data) > MAX_DESIGN_BYTES:
        raise DesignError(f"{path} is over {MAX_DESIGN_BYTES:,} bytes")
    return data, "json" if path.suffix.lower() == ".json" else "yaml"


def _cut(text: str, width: int = MAX_LINE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3].rsplit(" ", 1)[0] + "..."


def print_report(result: dict[str, Any], echo: Callable[[str], Any]) -> None:
    echo(f"{result['design']}: {result['summary']}")
    for f in result["findings"]:
        echo(f"{f['severity'].upper():9} [{f['rule']}] {f['message']}")
        for fact in f["facts"]:
            src = fact["source"]
            if src:
                echo(f"          {src['file']}:{src['line']} ({src['section']}) {_cut(src['text'], 90)}")
    for fig in result["figures"]:
        echo(f"FIGURE    {fig['name']}: {fig['value']:g}  ({fig['formula']})")
    if not result["findings"]:
        echo("rules checked: " + ", ".join(r["rule"] for r in result["rules"]))
