"""heroku-kg: a knowledge graph of the Heroku platform, extracted from study notes.

The public API is imported lazily, so that light modules (kg.store, kg.sparql) load without spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "KGError": "kg.errors",
    "build_graph": "kg.build",
    "load_build": "kg.build",
    "read_notes": "kg.build",
    "write_build": "kg.build",
    "export_graph": "kg.export",
    "validate_build": "kg.export",
    "extract": "kg.extract.run",
    "search_entities": "kg.lookup",
    "entity_card": "kg.lookup",
    "to_networkx": "kg.visual",
    "View": "kg.visual",
    "execute": "kg.query",
    "run_query": "kg.query",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
