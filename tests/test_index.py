"""The landing page: cards from the reports' key findings, the audit with links, build facts named
by content (a digest of the inputs, never the git commit)."""

from __future__ import annotations

import re
import shutil
import subprocess

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from helpers import digest, index, paths


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
    claims = pd.DataFrame(
        {
            "claim_id": ["batken.a", "batken.b", "batken.c", "diploma.d"],
            "source": ["batken", "batken", "batken", "diploma"],
            "reported": ["261", "5", "7", "44"],
            "reproduced": ["561", "5", "", ""],
            "verdict": ["inconsistent", "consistent", "not_verifiable", "consistent"],
            "reason": ["table 2 gives 561", "ok", "no data", "ok"],
        }
    )
    cards = {"batken": index.Card("01_batken", "Batken", "", ("x",))}
    html = index.audit_section(claims, cards)
    assert '<td class="n">1</td><td class="n">1</td><td class="n">1</td><td class="n">3</td>' in html
    assert re.search(
        r'<tr class="total"><td>All sources</td><td class="n">1</td><td class="n">1</td>'
        r'<td class="n">2</td><td class="n">4</td></tr>',
        html,
    )
    assert (
        '<a href="01_batken.html#claim-batken.a"><code>batken.a</code></a>: printed <b>261</b>, reproduced <b>561</b>. '
        "Table 2 gives 561</li>" in html
    )
    assert "<h3>The inconsistency</h3>" in html and "The 1 inconsistencies" not in html


def _project(root):
    """A small project tree: inputs of every kind, and files that are not inputs."""
    files = {
        "data/raw/a.csv": "x\n1\n",
        "data/raw/datapackage.json": "{}",
        "notebooks/01_a.ipynb": "{}",
        "src/helpers/trends.py": '"""t"""\n',
        "src/helpers/templates/t/index.html.j2": "j",
        "src/helpers/build/render.py": '"""r"""\n',
        "src/helpers/build/bench.py": '"""b"""\n',
        "src/helpers/__pycache__/trends.cpython-311.pyc": "c",
        "notebooks/.ipynb_checkpoints/01_a.ipynb": "{}",
        "data/raw/.a.csv.swp": "s",
        "reports/01_a.html": "r",
        "README.md": "m",
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return root


def test_inputs_are_raw_data_notebooks_helpers_and_the_lock_file(tmp_path):
    root = _project(tmp_path)
    assert digest.input_files(root) == [
        "data/raw/a.csv",
        "data/raw/datapackage.json",
        "notebooks/01_a.ipynb",
        "src/helpers/build/render.py",
        "src/helpers/templates/t/index.html.j2",
        "src/helpers/trends.py",
    ]
    (root / "requirements.lock").write_text("pandas==3.1.1\n")
    assert "requirements.lock" in digest.input_files(root)


def test_digest_follows_contents_not_times(tmp_path):
    root = _project(tmp_path)
    first, count = digest.inputs_digest(root)
    assert re.fullmatch(r"[0-9a-f]{12}", first) and count == 6
    (root / "data/raw/a.csv").touch()
    (root / "src/helpers/build/bench.py").write_text('"""changed, but builds no output"""\n')
    assert digest.inputs_digest(root)[0] == first
    (root / "data/raw/a.csv").write_text("x\n2\n")
    assert digest.inputs_digest(root)[0] != first


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_build_facts_are_the_same_with_or_without_git_and_across_commits(tmp_path):
    root = _project(tmp_path)
    without_git = digest.build_facts(root)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    first_commit = digest.build_facts(root)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "two"], check=True)
    assert without_git == first_commit == digest.build_facts(root)
    assert set(without_git) == {"Inputs (sha256 of contents)", "Python", "pandas", "statsmodels", "papermill", "nbconvert"}


def test_committed_index_names_the_digest_of_this_checkout():
    html = (paths.REPORTS / "index.html").read_text(encoding="utf-8")
    assert f"<dd>{digest.inputs_digest()[0]} (" in html, "reports/index.html is stale: run `make`"
    assert "commit" not in html.lower()


def test_index_has_a_card_per_notebook_and_is_deterministic(tmp_path):
    notebooks, reports = tmp_path / "notebooks", tmp_path / "reports"
    notebooks.mkdir()
    reports.mkdir()
    for name in ("01_batken", "03_diploma"):
        nbformat.write(_report(f"- Finding of {name}."), reports / f"{name}.ipynb")
        (notebooks / f"{name}.ipynb").write_text("{}")
    nbformat.write(_report("- Orphan."), reports / "02_kazakhstan.ipynb")  # its notebook was deleted
    first = index.build_index(reports, notebooks_dir=notebooks).read_bytes()
    assert index.build_index(reports, notebooks_dir=notebooks).read_bytes() == first
    html = first.decode()
    assert "Finding of 01_batken." in html and "Finding of 03_diploma." in html and "Orphan" not in html
    assert html.count('<section class="card"') == 2


def test_a_missing_or_corrupt_report_is_one_line_naming_it(tmp_path):
    notebooks, reports = tmp_path / "notebooks", tmp_path / "reports"
    notebooks.mkdir()
    reports.mkdir()
    (notebooks / "01_batken.ipynb").write_text("{}")
    with pytest.raises(index.IndexBuildError, match=r"01_batken\.ipynb: report not found; run `make`"):
        index.build_index(reports, notebooks_dir=notebooks)
    (reports / "01_batken.ipynb").write_text("{not json")
    with pytest.raises(index.IndexBuildError, match=r"01_batken\.ipynb: not a valid notebook file"):
        index.build_index(reports, notebooks_dir=notebooks)


def test_committed_index_links_every_inconsistency_of_claims_csv():
    html = (paths.REPORTS / "index.html").read_text(encoding="utf-8")
    claims = pd.read_csv(paths.PROCESSED / "claims.csv", keep_default_na=False)
    for claim_id in claims.loc[claims["verdict"] == "inconsistent", "claim_id"]:
        assert f'#claim-{claim_id}"' in html, claim_id


def test_a_finding_renders_its_markdown_but_never_raw_html():
    claims = pd.DataFrame(
        {
            "claim_id": ["batken.a"],
            "source": ["batken"],
            "reported": ["5"],
            "reproduced": ["5"],
            "verdict": ["consistent"],
            "reason": ["ok"],
        }
    )
    card = index.Card("01_batken", "Batken", "Reads *an article*.", ("**N = 5** in Almaty \\<b\\> <img src=x onerror=alert(1)>",))
    html = index.render_index([card], claims, {"Python": "3.11"})
    assert "<li><strong>N = 5</strong> in Almaty &lt;b&gt; &lt;img src=x onerror=alert(1)&gt;</li>" in html
    assert "<p>Reads <em>an article</em>.</p>" in html
    assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-" in html
    assert "<img" not in html and "script-src" not in html  # the index has no script: none may run
