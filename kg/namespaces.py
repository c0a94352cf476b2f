"""Namespaces and IRI minting."""

from __future__ import annotations

import re
from pathlib import Path

# Plain strings: importing rdflib for its Namespace class cost a seventh of a second of every command.
KG = "https://w3id.org/heroku-kg/ontology#"
REL = "https://w3id.org/heroku-kg/relation/"
QUDT = "http://qudt.org/schema/qudt/"
UNIT = "http://qudt.org/vocab/unit/"
DEFAULT_BASE = "https://w3id.org/heroku-kg/id/"
ASSERTED_GRAPH = "https://w3id.org/heroku-kg/graph/asserted"
INFERRED_GRAPH = "https://w3id.org/heroku-kg/graph/inferred"
ONTOLOGY_GRAPH = "https://w3id.org/heroku-kg/graph/ontology"


def slug(text: str, limit: int = 60) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (s[:limit].rstrip("-") or "x")


def ontology_dir() -> Path:
    """The ontology folder: beside the package in a checkout, or shipped inside it in a wheel."""
    here = Path(__file__).resolve().parent
    for cand in (here.parent / "ontology", here / "ontology"):
        if (cand / "kg.ttl").exists():
            return cand
    raise FileNotFoundError("ontology/kg.ttl not found beside the kg package")
