"""The guard: what a query may do, decided on the tokens of kg.sparql.lexer before evaluation.

- nothing is fetched: SERVICE and LOAD are refused wherever they could be read as keywords (queries and
  updates, any case, any nesting, after ';'). FROM / FROM NAMED are let through: pyoxigraph reads them as
  graphs of the store (one it lacks is empty) and never fetches them;
- nesting deeper than MAX_DEPTH and queries longer than MAX_TOKENS are refused (pyoxigraph's recursive
  parser and evaluator overflow their stack on them and take the worker down);
- the kind of a query (select, ask, construct, describe, update), its final LIMIT, whether it names its own
  dataset (FROM, FROM NAMED; USING, WITH in updates) and where each WHERE of an update's DELETE/INSERT is, so
  that a protocol dataset can be written in before it (kg.sparql.update).

pyoxigraph 0.5's parser is a PEG: a keyword is any run of its letters, whatever follows ("trueSERVICE",
"SERVICESILENT", "1SERVICE" are SERVICE to it), and a prefixed name whose IRI does not parse is read again
as its prefix followed by code ("p:SERVICE" with p: <http://h:80> is p: then SERVICE). So SERVICE or LOAD
inside a word or a prefix is refused, and a prefixed name with them in its local part is written out as
the IRI it stands for (after checking that it is one) before the query is sent, so that nothing can read
it as anything else. Strings, IRIs, variables and comments hold no keywords.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field

from kg.errors import QueryError
from kg.sparql.errors import RefusedError, UpdateForbiddenError
from kg.sparql.formats import negotiate
from kg.sparql.lexer import PN_LOCAL_OXIGRAPH, Token, position, tokenize
from kg.sparql.results import PREFIXES, Job

# pyoxigraph's parser overflows an 8 MB stack at about 2,200 nested braces, 3,400 brackets, 4,600
# parentheses or 830 nested FILTER EXISTS; its workers run with 64 MB stacks. A real query nests a few levels.
MAX_DEPTH = 200
# Long flat chains recurse as well: at 64 MB, 70,000 triple patterns or 55,000 UNIONs crash a worker.
MAX_TOKENS = 50_000

_NETWORK = re.compile("service|load", re.IGNORECASE)  # the keywords that make pyoxigraph open a connection
_OPEN, _CLOSE = frozenset({"{", "(", "[", "<<"}), frozenset({"}", ")", "]", ">>"})
_KINDS = (("SELECT", "select"), ("ASK", "ask"), ("CONSTRUCT", "construct"), ("DESCRIBE", "describe"),
          *((word, "update") for word in ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE",
                                          "ADD", "WITH")))


@dataclass(frozen=True)
class Checked:
    kind: str  # select | ask | construct | describe | update
    query: str  # the text to evaluate (prefixed names holding SERVICE or LOAD written out as IRIs)
    limit: int | None = None  # the n of a final `LIMIT n [OFFSET m]` (or `OFFSET m LIMIT n`)
    dataset: bool = False  # the text names its dataset: FROM / FROM NAMED, or USING / WITH in an update
    wheres: tuple[int, ...] = ()  # offsets of the WHERE of each DELETE/INSERT ... WHERE (not DELETE WHERE)


def _network_refusal(word: str, where: str = "") -> RefusedError:
    if "SERVICE" in word.upper():
        return RefusedError(f"SERVICE is refused{where}: this endpoint never fetches data from other endpoints")
    return RefusedError(f"LOAD is refused{where}: this endpoint never fetches data from the network")


def _kind_of(word: str) -> str | None:
    upper = word.upper()
    return next((kind for keyword, kind in _KINDS if upper.startswith(keyword)), None)


def _is_iri(text: str) -> bool:
    """Whether pyoxigraph takes `text` as an absolute IRI (the same parser checks prefixed names)."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


@dataclass
class _Scan:
    """The guard's state while it reads the tokens of one query, in order."""

    text: str
    prefixes: dict[str, str | None] = field(default_factory=lambda: dict(PREFIXES))  # None: not usable here
    kind: str | None = None
    depth: int = 0
    bangs: int = 0  # '!' in a row: each one nests the expression after it
    tokens: int = 0
    base: bool = False  # a BASE was declared: relative IRIs resolve against it
    declaring: str | None = None  # after `PREFIX p:`, the prefix waiting for its IRI
    dataset: bool = False
    wheres: list[int] = field(default_factory=list)
    rewrites: list[tuple[int, int, str]] = field(default_factory=list)
    tail: deque[Token] = field(default_factory=lambda: deque(maxlen=4))
    previous: Token | None = None

    def feed(self, tok: Token) -> None:
        self.tokens += 1
        if self.tokens > MAX_TOKENS:
            raise QueryError(f"the query is longer than {MAX_TOKENS:,} tokens: this endpoint refuses longer ones "
                             "(pyoxigraph's evaluator would run out of stack)")
        handler = _HANDLERS.get(tok.kind)
        if handler is not None:
            getattr(self, handler)(tok)
        if tok.kind != "PNAME" or self.previous is None or self.previous.text.upper() != "PREFIX":
            self.declaring = None
        if tok.text != "!":
            self.bangs = 0
        self.tail.append(tok)
        self.previous = tok

    def _word(self, tok: Token) -> None:
        if _NETWORK.search(tok.text):
            raise _network_refusal(tok.text)
        upper = tok.text.upper()
        if self.kind is None:
            self.kind = _kind_of(upper)
        self.base = self.base or upper == "BASE"
        # pyoxigraph reads "FROMNAMED" as FROM NAMED, and so, it may be, "USINGNAMED"
        self.dataset = self.dataset or upper.startswith(("FROM", "USING")) or upper == "WITH"
        if upper == "WHERE" and self.depth == 0 and not (self.previous and self.previous.text.upper() == "DELETE"):
            self.wheres.append(tok.start)

    def _pname(self, tok: Token) -> None:
        prefix, _, local = tok.text.partition(":")
        if _NETWORK.search(prefix):
            raise _network_refusal(prefix, f" (in the prefixed name {tok.text!r})")
        if "." in local:
            read = PN_LOCAL_OXIGRAPH.match(local)
            if read is None or read.end() != len(local):
                raise QueryError(f"the prefixed name {tok.text!r} at {position(self.text, tok.start)} is refused: "
                                 "pyoxigraph reads it as a shorter name followed by the rest; write it as an IRI <...>")
        if self.previous is not None and self.previous.text.upper() == "PREFIX" and not local:
            self.declaring = prefix
        if _NETWORK.search(local):
            self._write_out(tok, prefix, local)

    def _expand(self, prefix: str, local: str) -> str | None:
        base = self.prefixes.get(prefix)
        return None if base is None else base + local.replace("\\", "")

    def _write_out(self, tok: Token, prefix: str, local: str) -> None:
        iri = self._expand(prefix, local)
        if iri is None or self.base or not _is_iri(iri):
            keyword = "SERVICE" if "SERVICE" in local.upper() else "LOAD"
            raise RefusedError(f"the prefixed name {tok.text!r} holds {keyword}, and its prefix is not declared with "
                               "an absolute IRI that it extends to an IRI: pyoxigraph could read it as that "
                               "keyword, which is refused; write it as an IRI <...>")
        self.rewrites.append((tok.start, tok.start + len(tok.text), f"<{iri}>"))

    def _iriref(self, tok: Token) -> None:
        iri = tok.text[1:-1]
        if self.declaring is not None:
            usable = "\\" not in iri and not self.base and _is_iri(iri)
            self.prefixes[self.declaring] = iri if usable else None
            self.declaring = None

    def _punct(self, tok: Token) -> None:
        if tok.text in _OPEN:
            self.depth += 1
        elif tok.text in _CLOSE:
            self.depth = max(0, self.depth - 1)
        elif tok.text == "!":
            self.bangs += 1
        if self.depth + self.bangs > MAX_DEPTH:
            raise QueryError(f"the query nests deeper than {MAX_DEPTH} levels at {position(self.text, tok.start)} "
                             "(brackets, braces, parentheses, << >> and '!' together): refused before evaluation")

    def final_limit(self) -> int | None:
        toks = list(self.tail)
        words = [t.text.upper() if t.kind == "WORD" else ("<int>" if t.text.isdigit() else t.text) for t in toks]
        for i in (len(toks) - 2, len(toks) - 4):
            if i >= 0 and words[i:i + 2] == ["LIMIT", "<int>"] and words[i + 2:] in ([], ["OFFSET", "<int>"]):
                return int(toks[i + 1].text)
        return None

    def rewritten_offsets(self, offsets: list[int]) -> tuple[int, ...]:
        """Offsets of the text as written, moved to where they fall in rewritten()."""
        moved = []
        for at in offsets:
            shift = sum(len(iri) - (end - start) for start, end, iri in self.rewrites if end <= at)
            moved.append(at + shift)
        return tuple(moved)

    def rewritten(self) -> str:
        parts, last = [], 0
        for start, end, iri in self.rewrites:
            parts += [self.text[last:start], iri]
            last = end
        return "".join([*parts, self.text[last:]])


_HANDLERS = {"WORD": "_word", "PNAME": "_pname", "IRIREF": "_iriref", "PUNCT": "_punct"}


def inspect(query: str) -> Checked:
    """Refuse what could reach the network or crash a worker; the query's kind, text to run, LIMIT and dataset."""
    scan = _Scan(query)
    for tok in tokenize(query):
        scan.feed(tok)
    kind = scan.kind or "select"
    wheres = scan.rewritten_offsets(scan.wheres) if kind == "update" else ()
    return Checked(kind, scan.rewritten(), scan.final_limit(), scan.dataset, wheres)


def classify(query: str) -> str:
    """select, ask, construct, describe or update: the first keyword that names a form."""
    for tok in tokenize(query):
        kind = _kind_of(tok.text) if tok.kind == "WORD" else None
        if kind is not None:
            return kind
    return "select"


def check_query(query: str) -> str:
    """Refuse what would reach the network; return the query kind."""
    return inspect(query).kind


def _check_iris(iris: list[str], parameter: str) -> None:
    for iri in iris:
        if not _is_iri(iri):
            raise QueryError(f"{parameter} {iri!r} is not an absolute IRI")


def _check_operation(kind: str, operation: str | None, allow_update: bool) -> None:
    """A query sent as an update, or an update as a query, is refused: the sender meant something else."""
    if operation == "query" and kind == "update":
        raise QueryError("this is a SPARQL update, sent as a query: send it as `update=` (a form) or as "
                         "application/sparql-update, with the update token")
    if operation == "update" and kind != "update":
        raise QueryError(f"this is a SPARQL {kind.upper()} query, sent as an update: send it as `query=` or as "
                         "application/sparql-query")
    if kind == "update" and not allow_update:
        raise UpdateForbiddenError("SPARQL Update is refused: this endpoint is read-only "
                                   "(set KG_UPDATE_TOKEN and send it as a Bearer token to allow updates)")


def prepare(query: str, fmt: str | None, accept: str | None, max_rows: int,
            default_graphs: list[str] | None = None, named_graphs: list[str] | None = None, *,
            operation: str | None = None, allow_update: bool = False, base_iri: str | None = None) -> Job:
    """Check a query or update and pick its result format: the part of execution that needs no store. Linear in
    the query's length (a 1 MB query takes well under a second); callers on an event loop run it in a thread.

    `operation` is what the request says it sends ("query" or "update"; None: either). For an update,
    `default_graphs` and `named_graphs` are the protocol's using-graph-uri and using-named-graph-uri."""
    if not query or not query.strip():
        raise QueryError(f"empty {operation or 'query'}: pass a SPARQL {operation or 'query'}")
    checked = inspect(query)
    _check_operation(checked.kind, operation, allow_update)
    update = checked.kind == "update"
    default_graphs, named_graphs = default_graphs or [], named_graphs or []
    names = ("using-graph-uri", "using-named-graph-uri") if update else ("default-graph-uri", "named-graph-uri")
    _check_iris(default_graphs, names[0])
    _check_iris(named_graphs, names[1])
    if update and (default_graphs or named_graphs) and checked.dataset:
        raise QueryError("using-graph-uri / using-named-graph-uri cannot be given for an update that has its own "
                         "USING or WITH: say the dataset once")
    if base_iri is not None and not _is_iri(base_iri):
        base_iri = None  # a Host header that makes no IRI: relative IRIs then stay unresolved (and fail)
    name = negotiate(checked.kind, accept, fmt) if not update else "json"
    return Job(checked.query, name, checked.kind, max_rows, default_graphs, named_graphs, update=update,
               limit=checked.limit, dataset=checked.dataset, wheres=checked.wheres, base_iri=base_iri)
