"""Guarded SPARQL execution, shared by the HTTP endpoint and `kg query`.

- read-only: updates are refused unless the caller is allowed to update;
- nothing is fetched from the network: SERVICE and LOAD are refused before evaluation, on the tokens of a
  SPARQL lexer (kg.sparql.lexer, kg.sparql.guard); graphs named in FROM or by the protocol that the store
  does not hold are empty (pyoxigraph never fetches them);
- datasets as SPARQL 1.1 defines them (kg.sparql.results, kg.sparql.update): the union of every graph is
  the default graph only when neither the query nor the protocol names one;
- nesting deeper than MAX_DEPTH, or queries longer than MAX_TOKENS, are refused before evaluation;
- a time limit: queries run in worker processes (kg.sparql.workers); a worker past the limit is killed and
  replaced, and so is a worker that dies;
- a row cap: results beyond it are cut, and the response says so (kg.sparql.results).
"""

from kg.sparql.errors import (
    NotAcceptableError,
    QueryTimeoutError,
    RefusedError,
    UpdateForbiddenError,
    WorkerLostError,
)
from kg.sparql.formats import ALIASES, GRAPH_FORMATS, SELECT_FORMATS, media_type, negotiate
from kg.sparql.guard import MAX_DEPTH, MAX_TOKENS, Checked, check_query, classify, inspect, prepare
from kg.sparql.results import (
    PREFIXES,
    Delta,
    Job,
    SparqlResult,
    evaluate,
    serialize_boolean,
    serialize_solutions,
)
from kg.sparql.workers import AsyncQueryPool, QueryPool, Worker

__all__ = [
    "ALIASES", "GRAPH_FORMATS", "MAX_DEPTH", "MAX_TOKENS", "PREFIXES", "SELECT_FORMATS", "AsyncQueryPool", "Checked",
    "Delta", "Job", "NotAcceptableError", "QueryPool", "QueryTimeoutError", "RefusedError", "SparqlResult",
    "UpdateForbiddenError", "Worker", "WorkerLostError", "check_query", "classify", "evaluate", "inspect",
    "media_type", "negotiate", "prepare", "serialize_boolean", "serialize_solutions",
]
