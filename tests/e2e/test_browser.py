"""The web UI in a real headless Chromium (Debian's package) against a real `kg serve`: ask, SPARQL,
graph view, entity page. Screenshots land in the test's temp folder. No request may leave the server, and the
pages' Content-Security-Policy refuses nothing they do."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import BuildResult, write_build
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


class Watch:
    """What a page did that it must not: ask beyond the server, throw, be refused by its CSP, or be served
    without the UI's policy."""

    def __init__(self, p: Page, base: str) -> None:
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.refused: list[str] = []
        self.pages: list[str] = []

        def record(request: Request) -> None:
            if not request.url.startswith((base, "data:", "blob:")):
                self.outside.append(request.url)

        def csp(message: ConsoleMessage) -> None:  # Chromium reports each refused script, style or request here
            if "Content Security Policy" in message.text:
                self.refused.append(message.text)

        def ui_page(response: Response) -> None:
            if response.request.resource_type == "document":
                self.pages.append(response.headers.get("content-security-policy", ""))

        p.on("request", record)
        p.on("pageerror", lambda exc: self.errors.append(str(exc)))
        p.on("console", csp)
        p.on("response", ui_page)

    def check(self) -> None:
        assert self.outside == [], f"the UI asked for something beyond the server: {self.outside}"
        assert self.errors == [], f"JavaScript errors: {self.errors}"
        assert self.refused == [], f"Content-Security-Policy violations: {self.refused}"
        assert self.pages, "no page was loaded"
        assert all("script-src 'self'" in c and "unsafe" not in c for c in self.pages), \
            f"a page without the UI's CSP: {self.pages}"


def watched_page(browser: Browser, base: str, width: int = 1366) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 600 else 844}, base_url=base)
    p = context.new_page()
    watch = Watch(p, base)
    yield p
    context.close()
    watch.check()


@pytest.fixture
def page(browser: Browser, ui_server: Server) -> Iterator[Page]:
    yield from watched_page(browser, ui_server.url)


@pytest.fixture(scope="module")
def shipped_server(shipped: BuildResult, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The shipped notes served: the names a newcomer types ("heroku conect")."""
    d = tmp_path_factory.mktemp("shipped-build")
    write_build(shipped, d)
    s = start_server(d)
    yield s
    stop_server(s)


@pytest.fixture
def shipped_page(browser: Browser, shipped_server: Server) -> Iterator[Page]:
    yield from watched_page(browser, shipped_server.url)


def nodes_drawn(page: Page) -> int:
    """Nodes of the graph view drawn inside its box (a box of width 0 draws none)."""
    return int(page.evaluate("""() => {
        const box = document.getElementById('cy').getBoundingClientRect();
        if (box.width < 50 || box.height < 50) return 0;
        return window.kgCy.nodes().filter(n => { const p = n.renderedPosition();
            return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }).length;
    }"""))


def graph_drawn(page: Page) -> None:
    wait_until(page, "() => !!(window.kgCy && window.kgCy.nodes().length > 3)")
    wait_until(page, "() => document.getElementById('status').textContent.includes('nodes')")


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
    expect(page.locator("#result")).to_contain_text(re.compile(r"Read as (a [^aeiou ]|an [aeiou])\w* question"))
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
    gaps = page.evaluate("""() => [...document.querySelectorAll('.yasr table tbody td.dt-type-numeric')].map(td => {
        const next = td.nextElementSibling, own = td.querySelector('span'); if (!next || !own) return 99;
        const a = own.getBoundingClientRect(), b = next.querySelector('span');
        return b ? b.getBoundingClientRect().left - a.right : 99; })""")
    assert gaps
    assert min(gaps) >= 8, f"a number touches the next column: {gaps}"  # not "64connection"
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
    assert nodes_drawn(page) > 3
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


def test_api_docs_draw_from_the_server_alone(page: Page, tmp_path: Path) -> None:
    """/docs (Swagger UI) and /redoc (ReDoc) from the package: drawn, with no request beyond the server and
    nothing refused by their Content-Security-Policy (the fixture checks both)."""
    page.goto("/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible(timeout=15_000)
    assert page.locator(".swagger-ui .opblock").count() >= 8
    expect(page.locator(".swagger-ui")).to_contain_text("/sparql")
    page.locator(".swagger-ui .opblock-summary").first.click()  # an operation opens
    expect(page.locator(".swagger-ui .opblock-body").first).to_be_visible()
    shot(page, tmp_path / "docs.png")
    page.goto("/redoc")
    wait_until(page, "() => window.kgRedocReady === true")
    expect(page.locator("#redoc h2").first).to_be_visible()
    expect(page.locator("#redoc")).to_contain_text("/sparql")
    assert page.evaluate("() => getComputedStyle(document.querySelector('#redoc .menu-content')).position") \
        in ("sticky", "fixed")  # ReDoc's styled-components styles applied (allowed by the nonce)
    shot(page, tmp_path / "redoc.png")


PHONE_PAGES = ("/", "/query", "/graph", "/check", "/entity/Nimbus%20Queue", "/docs", "/redoc")


@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_fits_the_screen_with_the_graph_drawn(browser: Browser, ui_server: Server, width: int,
                                                          tmp_path: Path) -> None:
    for p in watched_page(browser, ui_server.url, width):
        for path in PHONE_PAGES:
            p.goto(path)
            p.wait_for_load_state("networkidle")
            if path == "/graph":
                graph_drawn(p)
                box = p.locator("#cy").bounding_box()
                assert box is not None
                assert box["width"] >= (width - 2 if width < 600 else 500), box  # the screen's width on a phone
                assert box["height"] >= 300, box
                assert nodes_drawn(p) > 3, "the graph is not drawn in its box"
            if path == "/redoc":
                wait_until(p, "() => window.kgRedocReady === true")
            wide = p.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= width, f"{path} is {wide} px wide on a {width} px screen"
            shot(p, tmp_path / f"{path.strip('/').split('/')[0] or 'home'}-{width}.png")


def test_check_page_shows_the_examples_findings_linked_to_entities(shipped_page: Page, tmp_path: Path) -> None:
    """/check: an example design, checked, gives its violations with their lines; a fact's name opens its entity."""
    page = shipped_page
    page.goto("/check")
    page.click("button[data-example=patient-portal]")
    page.wait_for_selector("#findings")
    assert page.locator("li.finding.violation").count() == 6
    assert "heroku-architect-notes.md:126" in page.locator("#findings").inner_text()
    shot(page, tmp_path / "check.png")
    page.locator("li.finding.violation li.fact a").first.click()
    page.wait_for_url("**/entity/**")


def test_typo_search_focuses_heroku_connect(shipped_page: Page, tmp_path: Path) -> None:
    """The graph view ranks names as `kg entities` does: a misspelt name finds the entity, and Enter focuses
    it even before the suggestions are shown. "All" then leaves nothing of it."""
    page = shipped_page
    page.goto("/graph")
    graph_drawn(page)
    expect(page.locator("#focus-label")).not_to_have_text("whole graph")  # starts on the best-connected entity
    page.fill("#search", "heroku conect")
    expect(page.locator("#suggest li").first).to_contain_text("Heroku Connect")
    page.fill("#search", "")
    page.locator("#search").press_sequentially("heroku conect")
    page.locator("#search").press("Enter")  # at once: no waiting for the suggestions
    expect(page.locator("#focus-label")).to_have_text("Heroku Connect")
    expect(page.locator("#panel h3")).to_have_text("Heroku Connect")
    wait_until(page, "() => window.kgCy.nodes('.focus').some(n => n.data('label') === 'Heroku Connect')")
    shot(page, tmp_path / "graph-connect.png")
    page.click("#clear-focus")
    expect(page.locator("#focus-label")).to_have_text("whole graph")
    expect(page.locator("#search")).to_have_value("")
    expect(page.locator("#panel .panel-empty")).to_be_visible()
    expect(page.locator("#suggest")).to_be_hidden()


def test_graph_view_has_a_legend(page: Page) -> None:
    page.goto("/graph?focus=Nimbus%20Queue&depth=1")
    graph_drawn(page)
    legend = page.locator("#legend")
    expect(legend).to_be_visible()
    for said in ("entity", "limit", "focus", "negated", "inferred"):
        expect(legend).to_contain_text(said)
    swatch = page.evaluate("""() => [...document.querySelectorAll('#legend .edge')].map(e => {
        const s = getComputedStyle(e); return [s.borderTopColor, s.borderTopStyle]; })""")
    assert ["rgb(229, 115, 115)", "solid"] in swatch
    assert any(style == "dashed" for _, style in swatch)
    negated = page.evaluate("() => window.kgCy.style().json().find(r => r.selector.includes('negated')).style")
    assert negated["line-color"] == "rgb(229,115,115)"  # the legend's red is the graph's


def test_entity_page_groups_facts_by_relation(page: Page, tmp_path: Path) -> None:
    page.goto("/entity/Nimbus%20Queue")
    groups = page.locator("#fact-groups .group")
    expect(groups.first).to_be_visible()
    shown = [(g.get_attribute("data-direction"), g.get_attribute("data-relation")) for g in groups.all()]
    assert len(shown) == len(set(shown)) >= 2  # one block per relation and direction
    card = page.evaluate("async () => (await (await fetch('/entities/Nimbus%20Queue')).json()).groups")
    assert shown == [(g["direction"], g["relation"]) for g in card]  # in the card's fixed order
    syncs = page.locator("#fact-groups .group[data-relation='syncs with'][data-direction='out']")
    expect(syncs).to_contain_text("Nimbus Store")
    source = syncs.locator("details").first
    expect(source.locator(".text")).to_be_hidden()  # folded
    source.locator("summary").click()
    expect(source.locator(".text")).to_be_visible()
    expect(page.locator("details.fold").first).not_to_have_attribute("open", "")
    shot(page, tmp_path / "entity-groups.png", full=True)
