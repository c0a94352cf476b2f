"""Errors of the library. Each carries an HTTP status (for the API) and an exit code (for the CLI)."""

from __future__ import annotations


class KGError(Exception):
    status = 500
    exit_code = 2


class NoteParseError(KGError):
    """A notes file that cannot be read as markdown text."""

    status = 422

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


class NoNotesError(KGError):
    status = 404


class GraphNotBuiltError(KGError):
    status = 503


class ShapeViolationError(KGError):
    status, exit_code = 422, 1

    def __init__(self, report: str) -> None:
        super().__init__(report)
        self.report = report


class QueryError(KGError):
    """Malformed or refused SPARQL."""

    status = 400
