"""Errors of guarded SPARQL execution, each with its HTTP status."""

from __future__ import annotations

from kg.errors import KGError, QueryError


class RefusedError(QueryError):
    """A query the endpoint will not run (SERVICE, LOAD, nesting too deep, ...)."""


class UpdateForbiddenError(KGError):
    status, exit_code = 403, 2


class NotAcceptableError(KGError):
    status = 406


class QueryTimeoutError(KGError):
    status = 503


class WorkerLostError(KGError):
    """The worker process running a query died (killed, or crashed inside pyoxigraph)."""

    status = 503


class GraphNotFoundError(KGError):
    """The Graph Store Protocol names a graph the store does not hold (or holds empty)."""

    status = 404
