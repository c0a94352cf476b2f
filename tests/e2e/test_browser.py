"""The web UI in a real headless Chromium (Debian's package) against a real `kg serve`: ask, SPARQL,
graph view, entity page. Screenshots land in the test's temp folder. No request may leave the server, and the
pages' Content-Security-Policy refuses nothing they do."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import Server, start_server, stop_server
from tests.test_qa import line_of

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response, expect, sync_playwright

# As the machine's own probe starts it: no sandbox as root, and none of Chromium's calls home.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def wait_until(page: Page, condition: str, timeout: float = 15.0) -> None:
    """Poll a JavaScript function until it returns true. Playwright's own wait_for_function evaluates its
    predicate with eval() while it polls, which the pages' CSP (no 'unsafe-eval') rightly refuses."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(condition):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout:g} s: {condition}")
        page.wait_for_timeout(100)


def chromium_path() -> str | None:
    candidates = [os.environ.get("KG_CHROMIUM", ""), "/usr/bin/chromium", shutil.which("chromium") or "",
                  shutil.which("chromium-browser") or "", shutil.which("google-chrome") or ""]
    return next((c for c in candidates if c and Path(c).exists()), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        if os.environ.get("KG_REQUIRE_BROWSER"):
            pytest.fail("KG_REQUIRE_BROWSER is set but no Chromium was found (install Debian's chromium)")
        pytest.skip("no Chromium on this machine (scripts/test installs Debian's chromium)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def ui_server(built: Path) -> Iterator[Server]:
    s = start_server(built)
    yield s
    stop_server(s)


@pytest.fixture
def page(browser: Browser, ui_server: Server) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=ui_server.url)
    p = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def record(request: Request) -> None:
        if not request.url.startswith((ui_server.url, "data:", "blob:")):
            outside.append(request.url)

    def csp(message: ConsoleMessage) -> None:  # Chromium reports each refused script, style or request here
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    def ui_page(response: Response) -> None:
        if response.request.resource_type == "document":
            pages.append(response.headers.get("content-security-policy", ""))

    refused: list[str] = []
    pages: list[str] = []
    p.on("request", record)
    p.on("pageerror", lambda exc: errors.append(str(exc)))
    p.on("console", csp)
    p.on("response", ui_page)
    yield p
    context.close()
    assert outside == [], f"the UI asked for something beyond the server: {outside}"
    assert errors == [], f"JavaScript errors: {errors}"
    assert refused == [], f"Content-Security-Policy violations: {refused}"
    assert pages, "no page was loaded"
    assert all("script-src 'self'" in c for c in pages), f"a page without the UI's CSP: {pages}"


def shot(page: Page, path: Path, full: bool = False) -> None:
    """A screenshot for a person to look at (pytest --basetemp=DIR keeps them in DIR)."""
    page.screenshot(path=str(path), full_page=full)
    assert path.stat().st_size > 10_000  # a blank page compresses to almost nothing


def test_ask_shows_an_answer_with_its_source_line(page: Page, tmp_path: Path) -> None:
    page.goto("/")
    page.fill("#question", "How many objects can a snapshot hold?")
    page.click("button[type=submit]")
    answer = page.locator("ul.answers li.answer").first
    expect(answer).to_contain_text("250,000")
    expect(answer.locator(".source .where").first).to_have_text(f"nimbus-notes.md:{line_of('250,000 objects')}")
    page.locator("details.sparql summary").click()
    expect(page.locator("details.sparql pre")).to_contain_text("SELECT")
    shot(page, tmp_path / "ask.png", full=True)
    page.click("#open-in-editor")  # the SPARQL behind the answer opens in the editor and runs
    expect(page.locator(".yasr table tbody tr").first).to_be_visible(timeout=15_000)


def test_no_answer_shows_the_closest_lines_and_examples_answer(page: Page, tmp_path: Path) -> None:
    page.goto("/")
    page.fill("#question", "How many shards does Nimbus Graphite have?")
    page.click("button[type=submit]")
    expect(page.locator(".evidence")).to_contain_text("The notes come closest here")
    expect(page.locator(".evidence .source").first).to_be_visible()
    assert page.locator("ul.answers li.answer").count() == 0
    example = page.locator("#examples button").first  # asked by the server, answered with confidence >= 0.8
    expect(example).to_be_visible(timeout=15_000)
    example.click()
    expect(page.locator("ul.answers li.answer").first).to_be_visible()
    shot(page, tmp_path / "no-answer.png", full=True)


def test_sparql_editor_runs_a_query_and_shows_rows(page: Page, tmp_path: Path) -> None:
    page.goto("/query")
    page.get_by_role("button", name="Limits with units and lines").click()
    rows = page.locator(".yasr table tbody tr")
    expect(rows.first).to_be_visible(timeout=15_000)
    assert rows.count() >= 3
    expect(page.locator(".yasr table")).to_contain_text("connection")
    shot(page, tmp_path / "sparql.png", full=True)
    grip = page.locator(".grip-handle .grip-resizable").nth(1).bounding_box()  # the column resizer adds a style
    assert grip is not None
    page.mouse.move(grip["x"] + 2, grip["y"] + 5)
    page.mouse.down()
    page.mouse.move(grip["x"] + 60, grip["y"] + 5, steps=4)
    page.mouse.up()


def test_graph_view_draws_nodes_and_shows_facts(page: Page, tmp_path: Path) -> None:
    page.goto("/graph?focus=Nimbus%20Queue&depth=1")
    wait_until(page, "() => !!(window.kgCy && window.kgCy.nodes().length > 3)")
    wait_until(page, "() => document.getElementById('status').textContent.includes('nodes')")
    drawn = page.evaluate("""() => {
        const box = document.getElementById('cy').getBoundingClientRect();
        return window.kgCy.nodes().filter(n => { const p = n.renderedPosition();
            return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }).length;
    }""")
    assert drawn > 3
    expect(page.locator("#panel h3")).to_have_text("Nimbus Queue")  # the focus's card
    expect(page.locator("#panel .source").first).to_contain_text("line")
    shot(page, tmp_path / "graph.png")
    page.fill("#search", "nimbus store")
    page.locator("#suggest li").first.click()
    expect(page.locator("#focus-label")).to_have_text("Nimbus Store")
    wait_until(page, "() => window.kgCy.nodes().some(n => n.data('label') === 'Nimbus Store')")


def test_entity_page_lists_facts_limits_and_sources(page: Page, tmp_path: Path) -> None:
    page.goto("/entity/Nimbus%20Queue")
    expect(page.locator("h1")).to_have_text("Nimbus Queue")
    expect(page.locator("table.facts").first).to_be_visible()
    expect(page.locator("body")).to_contain_text("64 connections")
    expect(page.locator("body")).to_contain_text(f"nimbus-notes.md:{line_of('syncs Nimbus Store <=> Ledger')}")
    for fmt in ("graphml", "gexf", "cytoscape", "d3", "dot", "ttl"):
        assert page.locator(f".downloads a[data-format={fmt}]").count() == 1
    shot(page, tmp_path / "entity.png", full=True)
    page.goto("/entity/Quantum%20Router")
    expect(page.locator("h1")).to_have_text("Not found")
