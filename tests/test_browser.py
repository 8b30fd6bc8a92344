"""Every report in a real browser: headless Chromium (Debian's ``chromium``), no network.

For each ``reports/*.html``: no request leaves the file system and none fails, the console shows
no error, every ``<img>`` is decoded, and a full-page screenshot (JPEG: a page is up to 30,000 px
tall, and Chromium encodes a PNG of it in 0.7 s more) is saved under a temporary
directory. The index page's links all resolve (files and ``#fragments``), and a reader reaches an
inconsistency and its explanation from the index in one click.

Chromium is taken from ``$CHROMIUM``, the PATH (Debian's ``chromium``; ``.ci/run`` installs it with
apt if missing) or Playwright's own browser (``playwright install chromium``); where there is none,
the browser tests are skipped with one line saying how to run them. ``make test`` never installs
a system package.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import paths

pytestmark = pytest.mark.browser

REPORTS = sorted(paths.REPORTS.glob("*.html"))


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


class Visit:
    """A page opened with every request, failure and console error recorded."""

    def __init__(self, browser, url: str, width: int = 1200):
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []

        def route(route):
            if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort()

        self.page.route("**/*", route)
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url, wait_until="load")

    def undecoded_images(self) -> list[str]:
        return self.page.eval_on_selector_all(
            "img", "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src.slice(0, 80))"
        )

    def close(self):
        self.context.close()


def width_problems(visit: Visit, report: Path, width: int) -> list[str]:
    """Wide tables scroll inside their own box; the page itself never scrolls sideways. Each
    element's right edge is checked (the scroll boxes too, only their content may be wider), so
    hiding the page's overflow would not pass. The audit is read claim by claim: on a phone as
    cards, never scrolled sideways; on a laptop its reasons keep a readable width. The index's
    build facts keep their values at least half the page wide (not a column of a few letters)."""
    problems = []
    if visit.page.evaluate("document.documentElement.scrollWidth") > width:
        problems.append(f"{report.name} scrolls sideways at {width} px")
    sticking_out = visit.page.evaluate(
        """w => [...document.querySelectorAll('body *')]
        .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.right > w + 1
                       && !(e.parentElement
                            && e.parentElement.closest('.table-scroll, .figure-scroll, .jp-InputArea, pre, table')); })
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""",
        width,
    )
    problems += [f"{report.name} at {width} px: {e} sticks out" for e in sticking_out]
    audit = visit.page.evaluate(
        """() => [...document.querySelectorAll('table.claims')].map(t => [
            t.scrollWidth - t.closest('.table-scroll').clientWidth,
            Math.min(...[...t.querySelectorAll('td[data-col="reason"]')].map(td => td.getBoundingClientRect().width))])"""
    )
    if len(audit) != (report.stem not in {"00_primer", "index"}):
        problems.append(f"{report.name}: audit tables {audit}")
    for overflow, reason_width in audit:
        if width < 600 and overflow > 0:
            problems.append(f"{report.name}: the audit scrolls sideways at {width} px")
        if not 250 <= reason_width < float("inf"):
            problems.append(f"{report.name}: reasons squeezed to {reason_width:.0f} px at {width} px")
    facts = visit.page.eval_on_selector_all("dl.facts dd", "els => els.map(e => e.getBoundingClientRect().width)")
    if report.name == "index.html" and not facts:
        problems.append("index.html has no build facts")
    problems += [f"{report.name}: a build fact squeezed to {w:.0f} px at {width} px" for w in facts if w < width / 2]
    return problems


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name)
def test_report_in_a_laptop_window_and_on_a_phone(browser, screenshots, report):
    """At 1280 px: no request leaves the file system, no console error, every image decoded, the
    figures there, the page no wider than the window, and every link resolves: files (the index,
    the processed CSVs behind each table) exist and #fragments name an element. Then the same page
    at 390 px (the window narrowed, as a phone's: the pages' only script folds code, whatever the
    width): no wider than the window either."""
    visit = Visit(browser, report.as_uri(), 1280)
    try:
        assert visit.outside == [], f"{report.name} asked for the network"
        assert visit.failed == [], f"{report.name}: failed requests"
        assert visit.errors == [], f"{report.name}: console errors"
        assert visit.undecoded_images() == [], f"{report.name}: images not decoded"
        if report.name != "index.html":
            assert visit.page.eval_on_selector_all("figure.figure svg", "els => els.length") > 0, f"{report.name} has no figure"
        assert width_problems(visit, report, 1280) == []
        shot = screenshots / f"{report.stem}.jpg"
        visit.page.screenshot(path=str(shot), full_page=True, type="jpeg", quality=85)
        assert shot.stat().st_size > 10_000
        problems, linked = broken_links(report, hrefs(visit))
        visit.page.set_viewport_size({"width": 390, "height": 900})
        assert width_problems(visit, report, 390) == []
    finally:
        visit.close()
    assert problems == []
    if report.name == "index.html":
        assert {r.name for r in REPORTS if r.name != "index.html"} <= linked  # every report has a card
    else:
        assert any(name.endswith(".csv") for name in linked), f"{report.name} links no table's data"


def hrefs(visit: Visit) -> list[str]:
    """Every link of the page, as the browser resolves it."""
    return visit.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id" and value)


def element_ids(page: Path) -> set[str]:
    """The ids of a page's elements (the reports set none from script)."""
    parser = _Ids()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.ids


def broken_links(page: Path, links: list[str]) -> tuple[list[str], set[str]]:
    """Follow every link of ``page``: each must stay in the compendium (a file), the file must
    exist, and a ``#fragment`` must name an element of its target. Returns (problems, the files
    linked)."""
    problems, by_file = [], {}
    for href in links:
        parts = urlsplit(href)
        if parts.scheme != "file":
            problems.append(f"{page.name} links outside the compendium: {href}")
            continue
        path = Path(unquote(parts.path))
        if not path.is_file():
            problems.append(f"{page.name} links to a missing file: {href}")
            continue
        by_file.setdefault(path, set()).add(unquote(parts.fragment))
    for path, fragments in by_file.items():
        wanted = sorted(f for f in fragments if f)
        if not wanted or path.suffix != ".html":
            continue
        ids = element_ids(path)
        problems += [f"{page.name} links to {path.name}#{m}, which has no such element" for m in wanted if m not in ids]
    return problems, {p.name for p in by_file}


def test_the_link_check_finds_missing_files_fragments_and_outside_links(browser, tmp_path):
    (tmp_path / "other.html").write_text('<p id="here">x</p>', encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        '<a href="other.html#here">ok</a><a href="other.html#gone">f</a><a href="nope.csv">m</a>'
        '<a href="https://example.org/">o</a>',
        encoding="utf-8",
    )
    visit = Visit(browser, page.as_uri())
    try:
        problems, linked = broken_links(page, hrefs(visit))
    finally:
        visit.close()
    assert linked == {"other.html"}
    assert [p.split(":")[0] for p in problems] == [
        "page.html links to a missing file",
        "page.html links outside the compendium",
        "page.html links to other.html#gone, which has no such element",
    ]


def test_an_inconsistency_and_its_explanation_are_one_click_from_the_index(browser):
    visit = Visit(browser, (paths.REPORTS / "index.html").as_uri())
    try:
        link = visit.page.locator("ol.inconsistencies ul.claims a").first
        claim_id = link.inner_text()
        link.click()
        visit.page.wait_for_load_state("load")
        assert visit.page.url.endswith(f"#claim-{claim_id}")
        row = visit.page.locator(f"tr[id='claim-{claim_id}']")
        assert row.is_visible()
        assert "verdict-inconsistent" in row.get_attribute("class")
        # highlighted, not overridden by the notebook theme's striped rows (#fde8e4)
        assert row.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(253, 232, 228)"
        cells = row.locator("td").all_inner_texts()
        headers = visit.page.locator("table.claims thead th").all_inner_texts()
        assert cells[0] == claim_id and len(cells[headers.index("Reason (English)")]) > 10  # the reason explains the verdict
        visit.page.locator("nav.compendium a").click()  # and back to the index
        visit.page.wait_for_load_state("load")
        assert visit.page.url.endswith("/index.html")
    finally:
        visit.close()


def test_the_checks_catch_network_requests_console_errors_and_broken_images(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="https://cdn.example/x.png"><img src="missing.png">'
        '<script>console.error("boom")</script></body></html>',
        encoding="utf-8",
    )
    visit = Visit(browser, page.as_uri())
    try:
        assert visit.outside == ["https://cdn.example/x.png"]
        assert any("missing.png" in f for f in visit.failed)
        assert "boom" in visit.errors
        assert len(visit.undecoded_images()) == 2
    finally:
        visit.close()
