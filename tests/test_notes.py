from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import NoteParseError
from kg.notes import parse_markdown, read_note

MD = """# Title

## Section

- **Term** - a definition with `code`
  - nested item
- plain item
  `$ cli run` **view**
  `$ cli stop` **stop**

| Name | Value |
| ---- | ----- |
| one  | the first, the second |
"""


def test_blocks_keep_lines_sections_and_spans() -> None:
    note = parse_markdown(MD, "x.md")
    by_line = {b.line: b for b in note.blocks}
    assert note.title == "Title"
    assert by_line[5].kind == "item"
    assert by_line[5].section == ("Title", "Section")
    assert by_line[5].spans_of("bold") == ["Term"]
    assert by_line[5].spans_of("code") == ["code"]
    assert by_line[6].parent is by_line[5]
    # lines of one paragraph split at soft breaks keep their own line numbers
    assert by_line[8].text == "$ cli run view"
    assert by_line[9].spans_of("code") == ["$ cli stop"]
    row = by_line[13]
    assert row.kind == "row"
    assert row.cells == ["one", "the first, the second"]
    assert row.header == ["Name", "Value"]


@pytest.mark.parametrize(("content", "message"), [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01binary", "binary"),
    (b"caf\xe9 au lait\n", "UTF-8"),
])
def test_bad_files_raise_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "bad.md"
    f.write_bytes(content)
    with pytest.raises(NoteParseError, match=message):
        read_note(f)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NoteParseError, match="cannot read"):
        read_note(tmp_path / "nope.md")


def test_a_one_megabyte_line_is_cut_not_fatal() -> None:
    note = parse_markdown("# T\n\n- " + "word " * 220_000 + "\n", "big.md")
    assert note.warnings == ["big.md:3: line of 1,100,002 characters cut to 20,000"]
    assert note.blocks[-1].kind == "item"
    assert len(note.blocks[-1].text) <= 20_000


def test_a_huge_file_is_refused_with_its_name(tmp_path: Path) -> None:
    f = tmp_path / "huge.md"
    f.write_bytes(b"# T\n\n" + b"- item\n" * 3_200_000)  # about 22 MB
    with pytest.raises(NoteParseError, match=r"huge\.md: file is .* over the .* byte limit"):
        read_note(f)


def test_a_sentence_wrapped_over_lines_reads_as_one() -> None:
    """Lines of a paragraph are statements of their own, except where a sentence runs on to a line that opens
    in lower case; a bold line stays the lead of what follows."""
    note = parse_markdown("""# Vault

Secrets are
rotated every 30 days. A vault holds 50 secrets.
Vaults are regional
**Limits**
each key is 4 KB at most
""", "v.md")
    texts = [b.text for b in note.blocks if b.kind == "para"]
    assert texts == ["Secrets are rotated every 30 days. A vault holds 50 secrets.", "Vaults are regional",
                     "Limits", "each key is 4 KB at most"]
    assert [b.line for b in note.blocks if b.kind == "para"] == [3, 5, 6, 7]
