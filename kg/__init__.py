"""heroku-kg: a knowledge graph of the Heroku platform, extracted from study notes."""

from kg.build import build_graph, load_build, read_notes, write_build
from kg.errors import KGError
from kg.export import export_graph, validate_build
from kg.extract.run import extract
from kg.query import run_query

__all__ = ["KGError", "build_graph", "export_graph", "extract", "load_build", "read_notes", "run_query",
           "validate_build", "write_build"]
