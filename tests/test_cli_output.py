"""How the CLI prints: lines cut at a word, never inside one."""

from __future__ import annotations

from kg.cli import shorten


def test_shorten_cuts_at_a_space() -> None:
    line = "Heroku Connect syncs Salesforce objects with Heroku Postgres tables in both directions, every ten minutes"
    cut = shorten(line, 60)
    assert len(cut) <= 60
    assert cut.endswith("...")
    assert line.startswith(cut[:-3])
    assert line[len(cut) - 3] == " "  # the next character of the line is a space: no word was split
    assert shorten("short line", 90) == "short line"
    assert shorten("x" * 100, 20) == "x" * 17 + "..."  # one long word: cut, as nothing else can be done
