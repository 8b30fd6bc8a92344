"""Every sentence true under every valid parameter set: each notebook with its defaults (the
committed report) and rendered with the parameter sets of tests/support/renders.py, chosen to reach
its branches (other years, no level shift, too few years for a section, the raw transcription) and
every language of its report. A render that fails (an error in a cell, a missing translation)
fails its test; each render is checked for invariants a machine can check:

- the title names the year rendered (where a notebook has a ``year`` parameter);
- no text promises what is not there: every "section N" it cites exists, and a lead-in (text
  ending in ":" or saying "below") is followed by something displayed;
- every number of a key finding appears elsewhere in the same render;
- forecast bounds are never negative;
- every number in a table's cells is written the report language's way, and Kyrgyz case
  suffixes after a numeral take a hyphen;
- what is computed is in the report language: no English word or dotted key leaks into it, and
  nothing reaches stderr (a missing glyph would).

One test per parameter set; the classes let xdist (``--dist loadscope``) render the notebooks in
parallel.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers import paths
from helpers.labels import Labels
from tests.support.renders import LANGUAGES, PARAMETER_SETS, language, render_once

pytestmark = pytest.mark.slow

#: Numbers as the reports print them: digits, optionally grouped (no-break spaces or commas) and
#: with decimals; a plain space never joins two numbers.
NUMBER = re.compile(r"\d+(?:[\u00a0\u202f,.]\d+)*")
#: A table cell that is a number and nothing else (sign, grouping, decimals, an optional %).
NUMBER_CELL = re.compile(r"^[+\-−]?\d[\d\u00a0\u202f,.]*(?:\s?%)?$")
#: Text that points at what follows ("quoted below", "Below: ..."), not "never below 1".
PROMISE_BELOW = re.compile(
    r"\b(?:shown|computed|quoted|listed|given|follow|follows|table|tables|figure)\s+below\b|(?:^|\n)Below\b|\bbelow:", re.I
)
SECTION_REFERENCE = re.compile(r"\bsections? (\d+)\b")
#: A Kyrgyz case suffix glued to a numeral or a per-cent sign ("1ди", "50 %дан"): it needs a hyphen.
KY_BARE_SUFFIX = re.compile(r"(?:\d|%)(?:ы|дан|ден|тан|тен|га|ге|ка|ке|гө|го|ди|ты|ти|ду|дү|нын|нин)(?![\w-])")


class Tables(HTMLParser):
    """Every table of an HTML fragment: its header texts and, per row, (cell text, cell lang)."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._cell: list[str] | None = None
        self._lang: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"header": [], "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell, self._lang = [], dict(attrs).get("lang")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables:
            text = "".join(self._cell).strip()
            if tag == "th":
                self.tables[-1]["header"].append(text)
            else:
                self.tables[-1]["rows"][-1].append((text, self._lang))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


class Render:
    """The readable parts of an executed notebook, in order."""

    def __init__(self, ipynb: Path, html: Path, stem: str, parameters: dict):
        self.stem, self.parameters = stem, parameters
        self.lang = language(stem, parameters)
        nb = json.loads(ipynb.read_text(encoding="utf-8"))
        self.cells = nb["cells"]
        self.html = html.read_text(encoding="utf-8")
        match = re.search(r"<title>(.*?)</title>", self.html[:20000], re.S)
        self.page_title = match.group(1) if match else ""

    @staticmethod
    def outputs(cell) -> list[str]:
        """Each display of a code cell as text: its markdown twin if it has one, else its HTML."""
        shown = []
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "text/markdown" in data:
                shown.append("".join(data["text/markdown"]))
            elif "text/html" in data:
                shown.append("".join(data["text/html"]))
        return shown

    def findings(self) -> list[str]:
        cell = next(c for c in self.cells if "key-findings" in c.get("metadata", {}).get("tags", []))
        return [line[2:] for text in self.outputs(cell) for line in text.splitlines() if line.startswith("- ")]

    def text_without_findings(self) -> str:
        parts = []
        for cell in self.cells:
            if "key-findings" in cell.get("metadata", {}).get("tags", []):
                continue
            if cell["cell_type"] == "markdown":
                parts.append("".join(cell["source"]))
            else:
                parts += [strip_tags(text) if text.lstrip().startswith("<") else text for text in self.outputs(cell)]
        return "\n".join(parts)

    def own_text(self) -> str:
        """What the report writes itself: every display, without the source's quotes (kept as printed)."""
        parts = []
        for cell in self.cells:
            for output in self.outputs(cell):
                text = re.sub(r'<td[^>]*data-col="quote[^"]*"[^>]*>.*?</td>', " ", output, flags=re.S)
                parts.append(strip_tags(text))
        return "\n".join(parts)

    def tables(self) -> list[dict]:
        parser = Tables()
        for cell in self.cells:
            for text in self.outputs(cell):
                if "<table" in text:
                    parser.feed(text)
        return parser.tables

    def headings(self) -> set[int]:
        numbers = set()
        for cell in self.cells:
            if cell["cell_type"] == "markdown":
                numbers |= {int(n) for n in re.findall(r"^##\s+(\d+)\.", "".join(cell["source"]), re.M)}
        return numbers


# ---- the invariants: each returns a list of problems (empty when the render keeps it) ---------------
def title_names_year(render: Render) -> list[str]:
    year = render.parameters.get("year")
    if year is None:
        return []
    h1 = next(
        (
            line
            for cell in render.cells
            if cell["cell_type"] == "markdown"
            for line in "".join(cell["source"]).splitlines()
            if line.startswith("# ")
        ),
        "",
    )
    problems = [
        f"{where} does not name {year}: {text!r}"
        for where, text in (("title", h1), ("page title", render.page_title))
        if str(year) not in text
    ]
    return problems


def promises_kept(render: Render) -> list[str]:
    problems = []
    headings = render.headings()
    text = render.text_without_findings()
    problems += [
        f"cites section {n}, which the report does not have"
        for n in sorted({int(n) for n in SECTION_REFERENCE.findall(text)})
        if int(n) not in headings
    ]
    for i, cell in enumerate(render.cells[:-1]):
        if cell["cell_type"] != "markdown":
            continue
        lead = "".join(cell["source"]).strip()
        if not (lead.endswith(":") or PROMISE_BELOW.search(lead)):
            continue
        following = render.cells[i + 1]
        if following["cell_type"] != "code" or not render.outputs(following):
            problems.append(f"promises what follows, but nothing is displayed after: {lead[-120:]!r}")
    return problems


def findings_in_report(render: Render) -> list[str]:
    shown = set(NUMBER.findall(render.text_without_findings()))
    return [
        f"key finding number {number} appears nowhere else: {finding!r}"
        for finding in render.findings()
        for number in NUMBER.findall(finding)
        if number not in shown
    ]


def forecast_bounds_not_negative(render: Render) -> list[str]:
    if render.stem != "01_batken":
        return []
    _ = Labels(render.lang)
    level = f"{round(100 * (1 - render.parameters.get('alpha', 0.05)), 6):g}"  # 95, 99, 97.5
    level = level if render.lang == "en" else level.replace(".", ",")
    headers = {
        _("Lower bound of the {level} % prediction interval", level=level),
        _("Upper bound of the {level} % prediction interval", level=level),
    }
    problems, seen = [], 0
    for table in render.tables():
        columns = [i for i, head in enumerate(table["header"]) if any(head.startswith(h) for h in headers)]
        for row in table["rows"]:
            for i in columns:
                if i < len(row) and row[i][0] not in ("", "–"):
                    seen += 1
                    if row[i][0].startswith(("-", "−")):
                        problems.append(f"negative forecast bound {row[i][0]} in a table headed {table['header'][i]!r}")
    return problems + ([] if seen else ["no forecast bound found: the check would pass on nothing"])


def one_number_format(render: Render) -> list[str]:
    problems = []
    for table in render.tables():
        for row in table["rows"]:
            for text, lang in row:
                if lang not in (None, render.lang) or not NUMBER_CELL.match(text):
                    continue
                # English groups by commas and has a decimal point; the others group by no-break spaces
                # and have a decimal comma, so a point is English there.
                english = render.lang == "en"
                wrong = re.search(r"[\u00a0\u202f]\d|,(?!\d{3}(?!\d))" if english else r"\.\d", text)
                if wrong:
                    problems.append(f"{render.lang} table cell {text!r} is written another language's way")
    if render.lang == "ky":
        problems += [f"Kyrgyz suffix without a hyphen: {m!r}" for m in KY_BARE_SUFFIX.findall(render.own_text())]
    return problems


def language_kept(render: Render) -> list[str]:
    """What is computed is in the report language: no English word or dotted key leaks into it (a
    missing translation stops the notebook with MissingTranslation, so the render fails), the
    narrative stays English (``<html lang="en">``), and nothing is printed on stderr (a missing
    glyph is matplotlib's warning there)."""
    from helpers.presentation import LATIN_SYMBOLS
    from tests.html_checks import untranslated

    problems = [] if '<html lang="en">' in render.html else ['the page is not <html lang="en">']
    if f'lang="{render.lang}"' not in render.html:
        problems.append(f"nothing on the page is marked lang={render.lang!r}")
    problems += [f"untranslated: {leak}" for leak in untranslated(render.html, render.lang, LATIN_SYMBOLS)]
    stderr = [o["text"] for c in render.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    return problems + [f"stderr: {''.join(text)[:200]!r}" for text in stderr]


INVARIANTS = (title_names_year, promises_kept, findings_in_report, forecast_bounds_not_negative, one_number_format, language_kept)


def check(stem: str, parameters: dict, folder: Path) -> None:
    ipynb, html = render_once(stem, parameters, folder)
    report = Render(ipynb, html, stem, parameters)
    problems = [f"{invariant.__name__}: {p}" for invariant in INVARIANTS for p in invariant(report)]
    assert not problems, f"{stem} with {parameters}:\n" + "\n".join(problems)


# One class per notebook: xdist (--dist loadscope) renders the notebooks in parallel.
class TestPrimer:
    @pytest.mark.parametrize("parameters", PARAMETER_SETS["00_primer"], ids=str)
    def test_invariants(self, parameters, tmp_path):
        check("00_primer", parameters, tmp_path)


class TestBatken:
    @pytest.mark.parametrize("parameters", PARAMETER_SETS["01_batken"], ids=str)
    def test_invariants(self, parameters, tmp_path):
        check("01_batken", parameters, tmp_path)


class TestKazakhstan:
    @pytest.mark.parametrize("parameters", PARAMETER_SETS["02_kazakhstan"], ids=str)
    def test_invariants(self, parameters, tmp_path):
        check("02_kazakhstan", parameters, tmp_path)


class TestDiploma:
    @pytest.mark.parametrize("parameters", PARAMETER_SETS["03_diploma"], ids=str)
    def test_invariants(self, parameters, tmp_path):
        check("03_diploma", parameters, tmp_path)


def test_every_notebook_is_checked_in_every_language_of_its_report():
    assert set(PARAMETER_SETS) == {p.stem for p in paths.notebooks()}
    for stem, sets in PARAMETER_SETS.items():
        assert {} in sets, f"{stem}: its defaults (the committed report) are not checked"
        assert {language(stem, p) for p in sets} == set(LANGUAGES[stem]), stem
