from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import BuildResult, build_graph, read_notes, write_build
from kg.namespaces import DEFAULT_BASE
from kg.qa.index import QAIndex, load_index

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHIPPED_NOTES = ROOT / "data" / "notes"


@pytest.fixture(scope="session")
def parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One parse cache for the session's builds (the notes are parsed once, however many tests build)."""
    return tmp_path_factory.mktemp("parse-cache")


@pytest.fixture(scope="session")
def nimbus(parse_cache: Path) -> BuildResult:
    """The graph of tests/fixtures/notes: a paraphrase of the shipped notes with other names and numbers,
    once edited in step with the rules of the old extractor. It shows that no name is hard-coded, not that
    the extractor generalizes: tests/fixtures/independent holds notes written independently."""
    return build_graph(read_notes([FIXTURES / "notes"]), DEFAULT_BASE, cache_dir=parse_cache)


@pytest.fixture(scope="session")
def shipped(parse_cache: Path) -> BuildResult:
    return build_graph(read_notes([SHIPPED_NOTES]), DEFAULT_BASE, cache_dir=parse_cache)


@pytest.fixture(scope="session")
def shipped_build(shipped: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped notes' graph written to a build folder once, for the tests that only read it."""
    d = tmp_path_factory.mktemp("shipped-build")
    write_build(shipped, d)
    return d


@pytest.fixture(scope="session")
def built(nimbus: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test notes' graph written to a build folder, as `kg build` leaves it."""
    d = tmp_path_factory.mktemp("build")
    write_build(nimbus, d)
    return d


@pytest.fixture(scope="session")
def index(built: Path) -> QAIndex:
    return load_index(built)
