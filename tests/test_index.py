"""The landing page: cards from the reports' key findings, the audit with links, build facts."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import paths
from helpers.build import index


def _report(findings_md: str | None, title: str = "Batken") -> nbformat.NotebookNode:
    cells = [new_markdown_cell("# Batken\n\nThis report reproduces *an article*.\n\nMore.")]
    if findings_md is not None:
        cell = new_code_cell("findings", metadata={"tags": ["key-findings"]})
        cell.outputs = [new_output("display_data", data={"text/markdown": findings_md, "text/plain": "<Markdown>"})]
        cells.append(cell)
    nb = new_notebook(cells=cells)
    nb.metadata["title"] = title
    return nb


def test_key_findings_are_the_bullet_lines_of_the_tagged_cell():
    nb = _report("- First, 1 %.\n- Second.\nnot a bullet")
    assert index.key_findings(nb, "01_batken.ipynb") == ("First, 1 %.", "Second.")


def test_a_report_without_findings_is_refused_naming_the_file():
    with pytest.raises(index.IndexBuildError, match=r"01_batken.ipynb: no cell tagged 'key-findings'"):
        index.key_findings(_report(None), "01_batken.ipynb")
    with pytest.raises(index.IndexBuildError, match=r"printed no '- ' lines"):
        index.key_findings(_report("just text"), "01_batken.ipynb")


def test_first_paragraph_skips_the_title():
    assert index.first_paragraph(_report("- x")) == "This report reproduces *an article*."


def test_audit_section_counts_and_links_every_inconsistency():
    claims = pd.DataFrame({
        "claim_id": ["batken.a", "batken.b", "batken.c", "diploma.d"],
        "source": ["batken", "batken", "batken", "diploma"],
        "reported": ["261", "5", "7", "44"], "reproduced": ["561", "5", "", ""],
        "verdict": ["inconsistent", "consistent", "not_verifiable", "consistent"],
        "reason": ["table 2 gives 561", "ok", "no data", "ok"]})
    cards = {"batken": index.Card("01_batken", "Batken", "", ("x",))}
    html = index.audit_section(claims, cards)
    assert '<td class="n">1</td><td class="n">1</td><td class="n">1</td><td class="n">3</td>' in html
    assert re.search(r'<tr class="total"><td>All sources</td><td class="n">1</td><td class="n">1</td>'
                     r'<td class="n">2</td><td class="n">4</td></tr>', html)
    assert '<a href="01_batken.html#claim-batken.a"><code>batken.a</code></a>: printed <b>261</b>, reproduced <b>561</b>. ' \
           "Table 2 gives 561</li>" in html
    assert "The 1 inconsistencies" in html


def test_build_facts_name_commit_data_date_and_versions(tmp_path):
    facts = index.build_facts(tmp_path)  # not a git checkout
    assert facts["Git commit"] == "not a git checkout"
    assert set(facts) == {"Git commit", "Raw data last changed", "Python", "pandas", "statsmodels", "papermill"}
    assert re.fullmatch(r"[0-9a-f]{12}", index.build_facts(paths.ROOT)["Git commit"])


def test_index_is_built_from_reports_and_is_deterministic(tmp_path):
    for name in ("01_batken", "03_diploma"):
        nbformat.write(_report(f"- Finding of {name}."), tmp_path / f"{name}.ipynb")
    first = index.build_index(tmp_path).read_bytes()
    assert index.build_index(tmp_path).read_bytes() == first
    html = first.decode()
    assert "Finding of 01_batken." in html and "Finding of 03_diploma." in html
    assert html.count('<section class="card"') == 2


def test_committed_index_links_every_inconsistency_of_claims_csv():
    html = (paths.REPORTS / "index.html").read_text(encoding="utf-8")
    claims = pd.read_csv(paths.PROCESSED / "claims.csv", keep_default_na=False)
    for claim_id in claims.loc[claims["verdict"] == "inconsistent", "claim_id"]:
        assert f"#claim-{claim_id}\"" in html, claim_id
