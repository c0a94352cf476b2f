from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.quantities import find_quantities


@pytest.mark.parametrize(("text", "value", "unit", "kind"), [
    ("demo 10k rows", 10000, "row", "Exact"),
    ("A dataclip can return up to 100,000 rows.", 100000, "row", "Maximum"),
    ("results can be at most 104,857,600 bytes in size", 104857600, "byte", "Maximum"),
    ("Dataclip queries time out after ten minutes.", 10, "minute", "Exact"),
    ("min polling interval 10 mins", 10, "minute", "Minimum"),
    ("has a 1 hr timeout", 1, "hour", "Exact"),
    ("limited to 30 requests per minute per IP.", 30, "request per minute per ip", "Maximum"),
    ("API version is set to v39 or higher", 39, "version", "Minimum"),
    ("One Credit = $1 worth of add-on services", 1, "usd", "Exact"),
    ("at least 2 web dynos", 2, "web dyno", "Minimum"),
])
def test_single_values(text: str, value: float, unit: str, kind: str) -> None:
    found = {(q.value, q.unit, q.kind) for q in find_quantities(text)}
    assert (value, unit, kind) in found


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("during last 4-7 days", 4, 7, "day"),
    ("batches of 2,000 to 10,000 records", 2000, 10000, "record"),
    ("between 5 and 9 minutes", 5, 9, "minute"),
])
def test_ranges(text: str, low: float, high: float, unit: str) -> None:
    (q,) = find_quantities(text)
    assert (q.low, q.high, q.unit, q.kind) == (low, high, unit, "Range")


def test_instead_of_keeps_the_other_value() -> None:
    (q,) = find_quantities("trigger log archived 7 days instead of 31")
    assert (q.value, q.unit, q.compared_to) == (7, "day", 31)


@pytest.mark.parametrize("text", ["TLS 1.0 cannot be used", "heroku-24 stack", "remove 0.0.0.0/0 now",
                                  "web=3:performance-l", "one of the apps"])
def test_not_amounts(text: str) -> None:
    assert find_quantities(text) == []


def test_a_hyphen_between_two_numbers_is_a_range(parse_cache: Path) -> None:
    # written for this test; made on the shipped notes' "rollback ... during last 4-7 days" (read Exact 7)
    from kg.extract.run import extract
    from kg.notes import parse_markdown

    md = "# Ferry Queue\n\n## Archives\n\n- **Ferry Archive** - keeps replays for 10-20 days\n"
    ex = extract([parse_markdown(md, "ferry.md")], cache_dir=parse_cache)
    assert [(x.quantity.kind, x.quantity.low, x.quantity.high, x.quantity.unit) for x in ex.limits] == \
        [("Range", 10.0, 20.0, "day")]
