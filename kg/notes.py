"""Markdown notes -> blocks (headings, list items, paragraphs, table rows, code), each with its line.

No NLP here: this module only knows markdown structure. Every block keeps the file, the 1-based line,
the heading path it sits under, its parent list item and the inline spans (bold, code, link, emphasis)
as character offsets into its plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kg.errors import NoteParseError
from kg.files import MAX_NOTE_BYTES, read_limited

MAX_LINE_CHARS = 20_000


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # bold | code | link | em


@dataclass
class Block:
    kind: str  # heading | item | para | row | header | code
    text: str
    file: str
    line: int
    section: tuple[str, ...]
    spans: list[Span] = field(default_factory=list)
    level: int = 0  # heading level, list depth or 0
    ordered: bool = False
    parent: Block | None = None
    cells: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    cell_spans: list[list[Span]] = field(default_factory=list)
    children: list[Block] = field(default_factory=list)
    previous: Block | None = None  # the block just before, in reading order

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def spans_of(self, kind: str) -> list[str]:
        return [self.span_text(s) for s in self.spans if s.kind == kind]

    @property
    def section_path(self) -> str:
        return " > ".join(self.section)


@dataclass
class Note:
    file: str
    blocks: list[Block]
    title: str
    warnings: list[str] = field(default_factory=list)


def read_note(path: Path, name: str | None = None, max_bytes: int = MAX_NOTE_BYTES) -> Note:
    """Read one markdown file; raise NoteParseError for missing, binary, huge or empty input, and for
    anything but a regular file (checked before reading)."""
    label = name or path.name
    raw = read_limited(path, max_bytes)
    if b"\x00" in raw[:8192]:
        raise NoteParseError(label, "looks binary (NUL bytes), not markdown text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as ex:
        line = raw[: ex.start].count(b"\n") + 1
        raise NoteParseError(label, f"line {line}: not valid UTF-8 ({ex.reason})") from ex
    if not text.strip():
        raise NoteParseError(label, "file is empty")
    return parse_markdown(text, label)


def parse_markdown(text: str, file: str = "<text>") -> Note:
    warnings = [f"{file}:{n}: line of {len(ln):,} characters cut to {MAX_LINE_CHARS:,}"
                for n, ln in enumerate(text.splitlines(), 1) if len(ln) > MAX_LINE_CHARS]
    lines = [ln if len(ln) <= MAX_LINE_CHARS else ln[:MAX_LINE_CHARS] for ln in text.splitlines()]
    tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(lines))
    blocks = list(_Walker(file).walk(tokens))
    previous: Block | None = None
    for b in blocks:
        b.previous = previous
        if b.parent is not None:
            b.parent.children.append(b)
        previous = b
    title = next((b.text for b in blocks if b.kind == "heading"), Path(file).stem)
    return Note(file=file, blocks=blocks, title=title, warnings=warnings)


class _Walker:
    def __init__(self, file: str) -> None:
        self.file = file
        self.headings: list[tuple[int, str]] = []
        self.items: list[Block | None] = []  # open list items (None until their first paragraph)
        self.ordered: list[bool] = []

    @property
    def section(self) -> tuple[str, ...]:
        return tuple(h for _, h in self.headings)

    def walk(self, tokens: list[Token]) -> Iterator[Block]:
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if tok.type == "heading_open":
                yield from self._heading(tok, tokens[i + 1])
                i += 3
                continue
            if tok.type in ("bullet_list_open", "ordered_list_open"):
                self.ordered.append(tok.type == "ordered_list_open")
            elif tok.type in ("bullet_list_close", "ordered_list_close"):
                self.ordered.pop()
            elif tok.type == "list_item_open":
                self.items.append(None)
            elif tok.type == "list_item_close":
                self.items.pop()
            elif tok.type == "paragraph_open":
                yield from self._paragraph(tok, tokens[i + 1])
                i += 3
                continue
            elif tok.type in ("fence", "code_block"):
                yield self._code(tok)
            elif tok.type == "table_open":
                j = next(k for k in range(i, len(tokens)) if tokens[k].type == "table_close")
                yield from self._table(tokens[i : j + 1])
                i = j + 1
                continue
            i += 1

    def _line(self, tok: Token) -> int:
        return (tok.map[0] + 1) if tok.map else 0

    def _parent(self) -> Block | None:
        return next((b for b in reversed(self.items) if b is not None), None)

    def _heading(self, open_tok: Token, inline: Token) -> Iterator[Block]:
        level = int(open_tok.tag[1:])
        text, spans = _inline_text(inline.children or [])
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, text.strip()))
        # a heading written inside a list item closes nothing: its items stay the parents
        yield Block("heading", text.strip(), self.file, self._line(open_tok), self.section[:-1],
                    spans, level=level)

    def _paragraph(self, open_tok: Token, inline: Token) -> Iterator[Block]:
        in_item = bool(self.items) and self.items[-1] is None
        parent = self._parent()
        first = True
        for offset, (text, spans) in _split_softbreaks(inline.children or []):
            if not text.strip():
                continue
            kind = "item" if (in_item and first) else "para"
            block = Block(kind, text, self.file, self._line(open_tok) + offset, self.section, spans,
                          level=len(self.items), ordered=bool(self.ordered and self.ordered[-1]),
                          parent=parent if kind == "item" else (self.items[-1] if in_item else parent))
            if kind == "item":
                self.items[-1] = block
                parent = block
            first = False
            yield block

    def _code(self, tok: Token) -> Block:
        return Block("code", tok.content.rstrip("\n"), self.file, self._line(tok), self.section,
                     parent=self._parent(), level=len(self.items))

    def _table(self, tokens: list[Token]) -> Iterator[Block]:
        header: list[str] = []
        row: list[tuple[str, list[Span]]] = []
        line = 0
        for tok in tokens:
            if tok.type == "tr_open":
                row, line = [], self._line(tok)
            elif tok.type == "inline":
                row.append(_inline_text(tok.children or []))
            elif tok.type == "tr_close":
                cells = [c.strip() for c, _ in row]
                if not header:
                    header = cells
                    yield Block("header", " | ".join(cells), self.file, line, self.section,
                                cells=cells, header=cells)
                    continue
                yield Block("row", " | ".join(cells), self.file, line, self.section,
                            cells=cells, header=header, cell_spans=[_strip_spans(c, s) for c, s in row],
                            parent=self._parent())


def _strip_spans(text: str, spans: list[Span]) -> list[Span]:
    lead = len(text) - len(text.lstrip())
    return [Span(s.start - lead, s.end - lead, s.kind) for s in spans]


def _split_softbreaks(children: list[Token]) -> Iterable[tuple[int, tuple[str, list[Span]]]]:
    """A paragraph's lines, each a statement of its own as notes are written, except a line wrapped in the
    middle of a sentence: one that does not end a sentence, followed by one that opens in lower case
    ("Secrets are" / "rotated every 30 days"), reads on as one line."""
    pieces: list[tuple[int, list[Token], bool]] = [(0, [], False)]  # line offset, tokens, after a softbreak
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            pieces.append((pieces[-1][0] + 1, [], child.type == "softbreak"))
        else:
            pieces[-1][1].append(child)
    joined: list[tuple[int, list[Token]]] = []
    for offset, chunk, soft in pieces:
        if joined and soft and _wraps(joined[-1][1], chunk):
            joined[-1][1].extend([Token("text", "", 0, content=" "), *chunk])
        else:
            joined.append((offset, chunk))
    for offset, chunk in joined:
        yield offset, _inline_text(chunk)


def _wraps(before: list[Token], after: list[Token]) -> bool:
    text, spans = _inline_text(before)
    text, rest = text.rstrip(), _inline_text(after)[0].lstrip()
    whole_bold = any(s.start == 0 and s.end >= len(text) for s in spans)  # "**Pros**" heads what follows
    return bool(text and rest) and text[-1] not in ".:;!?" and rest[0].islower() and not whole_bold


_OPEN = {"strong_open": "bold", "em_open": "em", "link_open": "link"}
_CLOSE = {"strong_close": "bold", "em_close": "em", "link_close": "link"}


def _inline_text(children: list[Token]) -> tuple[str, list[Span]]:
    parts: list[str] = []
    spans: list[Span] = []
    opened: dict[str, list[int]] = {}
    pos = 0
    for child in children:
        if child.type in _OPEN:
            opened.setdefault(_OPEN[child.type], []).append(pos)
        elif child.type in _CLOSE:
            starts = opened.get(_CLOSE[child.type])
            if starts:
                spans.append(Span(starts.pop(), pos, _CLOSE[child.type]))
        elif child.type in ("text", "code_inline", "html_inline"):
            content = child.content
            if child.type == "code_inline":
                spans.append(Span(pos, pos + len(content), "code"))
            parts.append(content)
            pos += len(content)
        elif child.type == "image":
            continue
    text = "".join(parts)
    lead = len(text) - len(text.lstrip())
    return text.strip(), [Span(s.start - lead, s.end - lead, s.kind) for s in spans if s.end > s.start]
