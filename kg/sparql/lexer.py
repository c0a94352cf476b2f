"""A SPARQL 1.1 lexer: the terminals of the grammar (https://www.w3.org/TR/sparql11-query/#sparqlGrammar),
for the guard to decide on tokens instead of on text.

Linear time: one compiled pattern applied with `match(text, pos)`, every repetition possessive, so no
token is scanned twice, except where noted. Whitespace and comments are skipped; anything that is no
terminal raises QueryError with its line and column. Keywords, `a`, `true`/`false` and function names
are WORD tokens (case as written); the grammar's `NIL` and `ANON` come out as their two brackets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from kg.errors import QueryError

# ------------------------------------------------------------------ character classes of the grammar

_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f"
         "\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")  # PN_CHARS_BASE
_U = _BASE + "_"  # PN_CHARS_U
_CHARS = _U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"  # PN_CHARS
_VARNAME = f"[{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*+"
_HEX = "[0-9A-Fa-f]"
_PLX = f"(?:%{_HEX}{_HEX}|\\\\[_~.\\-!$&'()*+,;=/?#@%])"  # PERCENT | PN_LOCAL_ESC
_UCHAR = f"\\\\u{_HEX}{{4}}|\\\\U{_HEX}{{8}}"
_ECHAR = "\\\\[tbnrf\\\\\"']"
_LOCAL_CHAR = f"(?:[{_CHARS}:]|{_PLX})"

PN_PREFIX = f"[{_BASE}](?:[{_CHARS}]|\\.++(?=[{_CHARS}]))*+"
# PN_LOCAL as the grammar has it: dots inside, never last
PN_LOCAL = f"(?:[{_U}:0-9]|{_PLX})(?:{_LOCAL_CHAR}|\\.++(?={_LOCAL_CHAR}))*+"
# PN_LOCAL as pyoxigraph 0.5 reads it: at most one run of dots ("ex:a.b.c" is "ex:a.b" then ".c")
PN_LOCAL_OXIGRAPH = re.compile(f"(?:[{_U}:0-9]|{_PLX}){_LOCAL_CHAR}*+(?:\\.++{_LOCAL_CHAR}++)?+")

_EXPONENT = "[eE][+-]?[0-9]++"
_TERMINALS = [
    ("SKIP", "(?:[ \t\r\n]++|#[^\r\n]*+)++"),  # WS and comments: '#' to the end of the line
    # IRIREF: '<' ([^<>"{}|^`\]-[#x00-#x20])* '>' (with the \u escapes pyoxigraph reads inside IRIs)
    ("IRIREF", f"<(?:[^<>\"{{}}|^`\\\\\x00-\x20]|{_UCHAR})*+>"),
    ("STRING", f'"""(?:(?:""|")?+(?:[^"\\\\]|{_ECHAR}|{_UCHAR}))*+"""'),  # STRING_LITERAL_LONG2
    ("STRING", f"'''(?:(?:''|')?+(?:[^'\\\\]|{_ECHAR}|{_UCHAR}))*+'''"),  # STRING_LITERAL_LONG1
    ("BAD_STRING", "\"\"\"|'''"),  # a long string that does not end
    ("STRING", f'"(?:[^"\\\\\n\r]|{_ECHAR}|{_UCHAR})*+"'),  # STRING_LITERAL2
    ("STRING", f"'(?:[^'\\\\\n\r]|{_ECHAR}|{_UCHAR})*+'"),  # STRING_LITERAL1
    ("VAR", f"[?$]{_VARNAME}"),  # VAR1, VAR2
    ("BLANK_NODE_LABEL", f"_:[{_U}0-9](?:[{_CHARS}]|\\.++(?=[{_CHARS}]))*+"),
    ("PNAME", f"(?:{PN_PREFIX})?+:(?:{PN_LOCAL})?+"),  # PNAME_NS, PNAME_LN
    ("LANGTAG", "@[a-zA-Z]++(?:-[a-zA-Z0-9]++)*+(?:--[a-zA-Z]++)?+"),  # with the base direction of RDF 1.2
    ("NUMBER", f"[0-9]++(?:\\.[0-9]*+)?+{_EXPONENT}|\\.[0-9]++{_EXPONENT}|[0-9]*+\\.[0-9]++|[0-9]++"),
    ("WORD", "[A-Za-z_][A-Za-z0-9_]*+"),  # keywords, 'a', true/false, function names
    ("PUNCT", r"\^\^|<=|>=|!=|&&|\|\||<<|>>|[{}()\[\];,.*/|^?!=<>+\-~]"),
]
_MASTER = re.compile("|".join(f"(?P<{kind}{i}>{pattern})" for i, (kind, pattern) in enumerate(_TERMINALS)))
_KINDS = {f"{kind}{i}": kind for i, (kind, _) in enumerate(_TERMINALS)}
# A name with no ':' after it ("a.b.c"): where it ends, so that the names inside it are not tried again
# as prefixed names (which would scan to its end from each of them); inside it only words, numbers and
# dots can start
_PREFIX_RUN = re.compile(PN_PREFIX)
_INSIDE_RUN = re.compile("(?P<WORD>[A-Za-z_][A-Za-z0-9_]*+)|(?P<NUMBER>[0-9]++)|(?P<PUNCT>-)")
_KINDS.update(WORD="WORD", NUMBER="NUMBER", PUNCT="PUNCT")


class Token(NamedTuple):
    kind: str  # IRIREF STRING VAR BLANK_NODE_LABEL PNAME LANGTAG NUMBER WORD PUNCT
    text: str
    start: int


def position(text: str, pos: int) -> str:
    """line:column (from 1) of an offset, as pyoxigraph reports them."""
    line = text.count("\n", 0, pos) + 1
    return f"{line}:{pos - text.rfind(chr(10), 0, pos)}"


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of a query or update, lazily (the guard may stop early). QueryError on a character
    that starts no terminal, or a string that does not end."""
    pos, end, no_prefix_until = 0, len(text), 0
    match = _MASTER.match
    while pos < end:
        inside_run = pos < no_prefix_until and text[pos] != "."
        m = _INSIDE_RUN.match(text, pos) if inside_run else match(text, pos)
        if m is None:
            raise QueryError(f"malformed SPARQL at {position(text, pos)}: unexpected {text[pos]!r}")
        kind = _KINDS.get(m.lastgroup or "", "WORD")
        if kind == "BAD_STRING":
            raise QueryError(f"malformed SPARQL at {position(text, pos)}: a {m.group()} string that does not end")
        if kind == "WORD" and pos >= no_prefix_until:
            run = _PREFIX_RUN.match(text, pos)
            no_prefix_until = run.end() if run else pos
        if kind != "SKIP":
            yield Token(kind, m.group(), pos)
        pos = m.end()

