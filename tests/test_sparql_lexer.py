"""The SPARQL lexer: the grammar's terminals, its errors, and its time on hostile text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import QueryError
from kg.sparql.lexer import tokenize


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("<http://x/a#b>", [("IRIREF", "<http://x/a#b>")]),
    ("<>", [("IRIREF", "<>")]),
    ("<http://x/\\u00e9>", [("IRIREF", "<http://x/\\u00e9>")]),
    ("1 < 2", [("NUMBER", "1"), ("PUNCT", "<"), ("NUMBER", "2")]),
    ("?a<?b", [("VAR", "?a"), ("PUNCT", "<"), ("VAR", "?b")]),  # '?' cannot be inside an IRIREF? it can: see below
    ("1 <= 2", [("NUMBER", "1"), ("PUNCT", "<="), ("NUMBER", "2")]),
    ("<a b>", [("PUNCT", "<"), ("WORD", "a"), ("WORD", "b"), ("PUNCT", ">")]),  # a space ends no IRI: it is none
    ("ex:a\\#b", [("PNAME", "ex:a\\#b")]),
    ("ex:a%20b:c", [("PNAME", "ex:a%20b:c")]),
    ("ex:", [("PNAME", "ex:")]),
    (":x", [("PNAME", ":x")]),
    ("ex:a.b.", [("PNAME", "ex:a.b"), ("PUNCT", ".")]),  # a local name never ends with '.'
    ("_:b1", [("BLANK_NODE_LABEL", "_:b1")]),
    ("?x $y", [("VAR", "?x"), ("VAR", "$y")]),
    ('"a\\"b"', [("STRING", '"a\\"b"')]),
    ("'a#b'", [("STRING", "'a#b'")]),
    ('"""a "" b\n"""', [("STRING", '"""a "" b\n"""')]),
    ("'''it's'''", [("STRING", "'''it's'''")]),
    ('"x"@en-GB', [("STRING", '"x"'), ("LANGTAG", "@en-GB")]),
    ('"1"^^xsd:int', [("STRING", '"1"'), ("PUNCT", "^^"), ("PNAME", "xsd:int")]),
    ("1 1.5 .5 1e3 1.e3 .5E-2", [("NUMBER", n) for n in ("1", "1.5", ".5", "1e3", "1.e3", ".5E-2")]),
    ("1SERVICE", [("NUMBER", "1"), ("WORD", "SERVICE")]),
    ("a || b && !c != d", [("WORD", "a"), ("PUNCT", "||"), ("WORD", "b"), ("PUNCT", "&&"), ("PUNCT", "!"),
                           ("WORD", "c"), ("PUNCT", "!="), ("WORD", "d")]),
    ("SELECT # SERVICE <x>\n?s", [("WORD", "SELECT"), ("VAR", "?s")]),
    ("<x#y> # c", [("IRIREF", "<x#y>")]),
    ("( ) [ ]", [("PUNCT", "("), ("PUNCT", ")"), ("PUNCT", "["), ("PUNCT", "]")]),
    ("<< <a> <b> <c> >>", [("PUNCT", "<<"), ("IRIREF", "<a>"), ("IRIREF", "<b>"), ("IRIREF", "<c>"), ("PUNCT", ">>")]),
    ("a.b.c", [("WORD", "a"), ("PUNCT", "."), ("WORD", "b"), ("PUNCT", "."), ("WORD", "c")]),
    ("a.b:c", [("PNAME", "a.b:c")]),
])
def test_terminals(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


def test_a_question_mark_is_an_iri_character() -> None:
    assert kinds("?a <?b> ?c") == [("VAR", "?a"), ("IRIREF", "<?b>"), ("VAR", "?c")]


@pytest.mark.parametrize("text", [
    '"abc', "'abc\n'", '"""abc', "'''abc", "ex:\\u0041", "SELECT \\u0053ERVICE", "@", "é", "\u00a0", "%",
    '"\\q"', '"\\u12"',
])
def test_malformed_text_is_a_query_error_with_its_position(text: str) -> None:
    with pytest.raises(QueryError, match=r"1:\d+"):
        list(tokenize(text))


def test_keywords_keep_their_case() -> None:
    assert [t.text for t in tokenize("select DISTINCT Where")] == ["select", "DISTINCT", "Where"]


def test_positions_are_offsets() -> None:
    assert [t.start for t in tokenize("SELECT  ?x\n{}")] == [0, 8, 11, 12]


HOSTILE = {
    "less-than signs": "SELECT * WHERE { ?s ?p ?o } " + "<" * 1_000_000,
    "open IRIs": "SELECT * WHERE { " + "<a" * 500_000,
    "braces": "{" * 1_000_000,
    "escapes": "PREFIX ex: <urn:x:> SELECT * { ?s ?p ex:a" + "\\#" * 500_000 + " }",
    "a long string": 'ASK { ?s ?p "' + "x" * 1_000_000 + '" }',
    "a long string that does not end": 'ASK { ?s ?p """' + 'x"' * 500_000,
    "dotted names": "a." * 500_000,
    "dotted prefixed name": "ex:" + "a." * 500_000,
    "comments": "#" * 1_000_000,
    "variables": "?a" * 333_000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_megabyte_is_lexed_in_linear_time(name: str) -> None:
    t0 = time.perf_counter()
    try:
        for _ in tokenize(HOSTILE[name]):
            pass
    except QueryError:
        pass
    assert time.perf_counter() - t0 < 4.0  # 1 M tokens take about 1-3 s; a quadratic lexer takes hours


FRAGMENTS = ["SELECT", "SERVICE", "LOAD", "<", ">", "<=", "<http://x/>", "\\#", "\\", "#", "\n", '"', "'", '"""',
             "'''", "ex:", ":", ".", "a", "1", "?x", "$y", "_:b", "{", "}", "(", ")", "[", "]", "^^", "@en", "%41",
             "\\u0041", " ", "é", "\u00b7", "-", "!", "|", "&&"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40) | st.text(max_size=200))
def test_anything_lexes_or_raises_a_query_error(parts: list[str] | str) -> None:
    text = parts if isinstance(parts, str) else "".join(parts)
    try:
        tokens = list(tokenize(text))
    except QueryError:
        return
    covered = "".join(t.text for t in tokens)
    assert len(covered) <= len(text)
    assert all(text.startswith(t.text, t.start) for t in tokens)  # each token is the text at its offset


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8))
def test_time_grows_linearly(parts: list[str]) -> None:
    unit = "".join(parts) + " "

    def seconds(n: int) -> float:
        t0 = time.perf_counter()
        try:
            for _ in tokenize(unit * n):
                pass
        except QueryError:
            pass
        return time.perf_counter() - t0

    small, big = seconds(2_000), seconds(20_000)
    assert big < 10 * small * 3 + 0.05  # ten times the text: about ten times the time, never a hundred
