"""The landing page ``reports/index.html``: one card per report with its key findings, the audit
summary with every inconsistency linked to its row in the report, build facts and how to rerun.

Everything on the page is read from the built reports (``reports/NN_name.ipynb``: title, first
paragraph, the output of the cell tagged ``key-findings``) and from ``data/processed/claims.csv``;
nothing is typed in. One card per notebook in ``notebooks/`` (a deleted notebook loses its card).
The build facts name what determines the outputs by content (:mod:`helpers.digest`), never
the git commit, which a committed page cannot contain. The page is self-contained (inline CSS, no
script) and deterministic: the same inputs give the same bytes, with or without ``.git``.

Command line: ``python -m helpers.index [--reports-dir reports] [--debug]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from html import escape
from pathlib import Path

from helpers import paths
from helpers.build import cli
from helpers.build.atomic import write_text_atomic
from helpers.digest import build_facts

FINDINGS_TAG = "key-findings"


class IndexBuildError(RuntimeError):
    """A report lacks what the index needs (its key findings); the message names the file."""


@dataclass(frozen=True)
class Card:
    stem: str
    title: str
    summary: str
    findings: tuple[str, ...]

    @property
    def href(self) -> str:
        return f"{self.stem}.html"

    @property
    def source(self) -> str:
        """``01_batken`` -> ``batken``: the claims source a report audits."""
        return self.stem.split("_", 1)[1]


def key_findings(nb, name: str) -> tuple[str, ...]:
    """The ``- `` lines of the markdown output of the cell tagged ``key-findings``."""
    for cell in nb.cells:
        if FINDINGS_TAG in cell.metadata.get("tags", []):
            texts = [o["data"]["text/markdown"] for o in cell.get("outputs", []) if "text/markdown" in o.get("data", {})]
            lines = tuple(line[2:].strip() for text in texts for line in text.splitlines() if line.startswith("- "))
            if lines:
                return lines
            raise IndexBuildError(f"{name}: the cell tagged {FINDINGS_TAG!r} printed no '- ' lines; re-run `make`")
    raise IndexBuildError(f"{name}: no cell tagged {FINDINGS_TAG!r}")


def first_paragraph(nb) -> str:
    """The paragraph after the title in the notebook's first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            paragraphs = [p.strip() for p in cell.source.split("\n\n") if p.strip() and not p.startswith("#")]
            return " ".join(paragraphs[0].split()) if paragraphs else ""
    return ""


def read_card(ipynb: Path) -> Card:
    """A report's card, from its executed notebook."""
    import nbformat

    if not ipynb.is_file():
        raise IndexBuildError(f"{paths.shown(ipynb)}: report not found; run `make`")
    try:
        nb = nbformat.read(ipynb, as_version=4)
    except ValueError as exc:  # not JSON, or not a notebook
        raise IndexBuildError(f"{paths.shown(ipynb)}: not a valid notebook file ({' '.join(str(exc).split())[:200]})") from None
    return Card(ipynb.stem, nb.metadata.get("title", ipynb.stem), first_paragraph(nb), key_findings(nb, ipynb.name))


def _markdown(text: str) -> str:
    """A key finding or summary as inline HTML: raw HTML in it is escaped, never passed through
    (the values in a finding were escaped for Markdown when the report wrote it)."""
    from helpers.presentation import render_markdown

    return render_markdown(text, inline=True)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


#: Kinds of evidence as the index names them, in the order of the evidence rule (helpers.claims.provenance).
EVIDENCE_HEADINGS = {
    "internal_arithmetic": "source's own arithmetic",
    "same_producer": "same producer's other table or revision",
    "independent_producer": "independent producer",
    "same_release": "republication of the same release (not evidence)",
    "none": "nothing to check against",
}


def evidence_table(claims, name) -> str:
    """Claims per source and kind of evidence (``name`` renders a source's cell)."""

    def cells(frame) -> str:
        n = frame["evidence_kind"].value_counts()
        return "".join(f'<td class="n">{int(n.get(kind, 0))}</td>' for kind in EVIDENCE_HEADINGS)

    head = "".join(f"<th>{escape(h)}</th>" for h in EVIDENCE_HEADINGS.values())
    rows = [f"<tr><td>{name(source)}</td>{cells(group)}</tr>" for source, group in claims.groupby("source", sort=False)]
    rows.append(f'<tr class="total"><td>All sources</td>{cells(claims)}</tr>')
    return (
        f'<table class="counts evidence"><caption>Claims by kind of evidence</caption><thead><tr><th>Source</th>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )


def audit_section(claims, cards: dict[str, Card]) -> str:
    """Counts per source and verdict beside rows (and distinct tests and distinct problems, when the
    claims carry what they need: :data:`helpers.audit.TEST_COLUMNS`, problem ids),
    then every inconsistency linked to its row in its report: grouped under the one-sentence
    explanation of its problem (``data/raw/problems.csv``) when there are problem ids."""
    from helpers.audit import TEST_COLUMNS, claim_anchor, distinct_test_counts, problem_counts, problems, verdict_counts

    has_problems = "problem_id" in claims.columns
    n_problems = problem_counts(claims) if has_problems else None
    # Rows beside distinct tests: an identity printed as three numbers is three rows, one test.
    has_tests = set(TEST_COLUMNS) <= set(claims.columns)
    n_tests = distinct_test_counts(claims) if has_tests else None

    def count_cells(frame) -> str:
        return "".join(f'<td class="n">{int(n)}</td>' for n in verdict_counts(frame))

    def link(source: str, claim_id: str) -> str:
        card = cards.get(source)
        code = f"<code>{escape(claim_id)}</code>"
        return f'<a href="{escape(card.href)}#{escape(claim_anchor(claim_id))}">{code}</a>' if card else code

    def printed(row) -> str:
        return (
            f"{link(row.source, row.claim_id)}: printed <b>{escape(str(row.reported))}</b>, reproduced "
            f"<b>{escape(str(row.reproduced))}</b>"
        )

    def name(source) -> str:
        card = cards.get(source)
        return f'<a href="{card.href}">{escape(card.title)}</a>' if card else escape(source)

    head = "".join(f"<th>{v.replace('_', ' ')}</th>" for v in verdict_counts(claims).index)
    extra_head = ("<th>distinct tests</th>" if has_tests else "") + ("<th>distinct problems</th>" if has_problems else "")
    rows = []
    for source, group in claims.groupby("source", sort=False):
        extra = f'<td class="n">{int(n_tests.get(source, 0))}</td>' if has_tests else ""
        extra += f'<td class="n">{int(n_problems.get(source, 0))}</td>' if has_problems else ""
        rows.append(f'<tr><td>{name(source)}</td>{count_cells(group)}<td class="n">{len(group)}</td>{extra}</tr>')
    total_extra = f'<td class="n">{int(n_tests.sum())}</td>' if has_tests else ""
    total_extra += f'<td class="n">{int(n_problems.sum())}</td>' if has_problems else ""
    rows.append(f'<tr class="total"><td>All sources</td>{count_cells(claims)}<td class="n">{len(claims)}</td>{total_extra}</tr>')
    table = (
        f'<table class="counts"><thead><tr><th>Source</th>{head}<th>rows (claims)</th>{extra_head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )

    if "evidence_kind" in claims.columns:
        table += "\n" + evidence_table(claims, name)

    bad = claims[claims["verdict"] == "inconsistent"]
    if bad.empty:
        return table + "\n<p>No inconsistencies.</p>"
    if not has_problems:
        heading = "The inconsistency" if len(bad) == 1 else f"The {len(bad)} inconsistencies"
        items = [f"<li>{printed(row)}. {escape(_sentence(str(row.reason)))}</li>" for row in bad.itertuples()]
        return (
            table + f"\n<h3>{heading}</h3>\n<p>Each link opens the report at the claim's row, "
            'with its check, its explanation and any correction adopted.</p>\n<ol class="inconsistencies">\n'
            + "\n".join(items)
            + "\n</ol>"
        )
    rows_by_id = {row.claim_id: row for row in bad.itertuples()}
    items = []
    for problem in problems(bad).itertuples():
        claims_html = "".join(f"<li>{printed(rows_by_id[cid])}</li>" for cid in problem.claim_ids)
        items.append(f'<li><b>{name(problem.source)}</b>: {escape(problem.summary)} <ul class="claims">{claims_html}</ul></li>')
    return (
        table + f"\n<h3>{len(items)} distinct problems behind the {len(bad)} inconsistent claims</h3>\n"
        "<p>Each problem is one sentence a reviewer can check against the source; each link opens the report at "
        "a claim it covers, with its check, its explanation and any correction adopted.</p>\n"
        '<ol class="inconsistencies">\n' + "\n".join(items) + "\n</ol>"
    )


STYLE = """
body { font-family: "DejaVu Sans", sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem;
       line-height: 1.45; color: #222; }
h1 { margin-bottom: 0.2rem; } .lead { color: #444; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.card { border: 1px solid #ccc; border-radius: 6px; padding: 0.8rem 1rem; }
.card h2 { font-size: 1.1rem; margin: 0 0 0.4rem; } .card p { font-size: 0.9rem; color: #444; }
.card ul { padding-left: 1.1rem; font-size: 0.92rem; }
table { border-collapse: collapse; margin: 0.5rem 0; display: block; max-width: 100%; overflow-x: auto; }
code, dd { overflow-wrap: anywhere; } dl.facts { max-width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; }
td.n { text-align: right; } tr.total td { font-weight: bold; }
ol.inconsistencies li { margin-bottom: 0.5rem; font-size: 0.92rem; }
dl.facts { display: grid; grid-template-columns: fit-content(40%) 1fr; gap: 0.2rem 1rem; } dl.facts dd { margin: 0; }
@media (max-width: 36rem) { dl.facts { grid-template-columns: 1fr; gap: 0; } dl.facts dd { margin-bottom: 0.5rem; } }
dl.facts dt { font-weight: bold; } pre { background: #f4f4f4; padding: 0.6rem; overflow-x: auto; }
"""


def render_index(cards: list[Card], claims, facts: dict[str, str]) -> str:
    """The whole page as one HTML string, with its Content-Security-Policy."""
    from helpers.csp import with_content_security_policy

    by_source = {c.source: c for c in cards}
    card_html = []
    for card in cards:
        findings = "".join(f"<li>{_markdown(f)}</li>" for f in card.findings)
        card_html.append(
            f'<section class="card" id="report-{escape(card.stem)}"><h2><a href="{card.href}">'
            f"{escape(card.title)}</a></h2><p>{_markdown(card.summary)}</p><ul>{findings}</ul></section>"
        )
    fact_html = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts.items())
    return with_content_security_policy(f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Migration in Central Asia: a research compendium</title>
<style>{STYLE}</style>
</head>
<body>
<h1>Migration in Central Asia: a research compendium</h1>
<p class="lead">Reproducible analyses of three sources on migration in Kyrgyzstan and Kazakhstan, with a
primer for students. Every statistical number the sources print is a claim the compendium recomputes
from the transcribed data, with a verdict (consistent, inconsistent or not verifiable) and its reason.
Every verdict follows one evidence rule: a republication of the same release is not evidence (not
verifiable); agreement with the same producer's other table or a later revision is a consistency check
within one producer, and its reason says so; only the source's own arithmetic and independent
producers' figures give verdicts without that qualification.</p>

<h2>Reports</h2>
<div class="cards">
{chr(10).join(card_html)}
</div>

<h2 id="audit">Audit summary</h2>
{audit_section(claims, by_source)}

<h2 id="build">Build facts</h2>
<dl class="facts">{fact_html}</dl>

<h2 id="rerun">How to rerun</h2>
<p>On a machine with Python 3.11 and make (no other setup):</p>
<pre>make          # create .venv, build data/processed, render every report and this page
make test     # every test: helpers, data checks, notebooks, reports (nbval) and a real browser
make reports/01_batken.html PARAMS="-p lang ru -p start_year 2017"   # one report, other parameters</pre>
<p>Parameters of a notebook: <code>.venv/bin/papermill --help-notebook notebooks/01_batken.ipynb</code>.
Raw data, with sources: <code>data/raw/datapackage.json</code>; the claims table: <code>data/processed/claims.csv</code>.</p>
</body>
</html>
""")


def build_index(
    reports_dir: Path = paths.REPORTS,
    processed_dir: Path = paths.PROCESSED,
    root: Path = paths.ROOT,
    notebooks_dir: Path = paths.NOTEBOOKS,
) -> Path:
    """Write ``reports_dir/index.html`` (atomically) from the report of each notebook of
    ``notebooks_dir`` and the claims; return its path."""
    from helpers.data import load_processed

    stems = [nb.stem for nb in sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))]
    if not stems:
        raise IndexBuildError(f"{paths.shown(notebooks_dir)}: no notebooks to index")
    cards = [read_card(Path(reports_dir) / f"{stem}.ipynb") for stem in stems]
    html = render_index(cards, load_processed("claims", processed_dir), build_facts(root))
    target = Path(reports_dir) / paths.INDEX_PAGE
    write_text_atomic(target, html)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = cli.parser("index", __doc__)
    parser.add_argument("--reports-dir", type=Path, default=paths.REPORTS)
    args = parser.parse_args(argv)
    return cli.run("index", lambda: f"wrote {paths.shown(build_index(args.reports_dir))}", args.debug)


if __name__ == "__main__":
    sys.exit(main())
