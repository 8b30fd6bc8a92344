"""Outputs never reach a commit: the nbstripout git filter that make registers strips notebooks/
when git stages them, and leaves the executed reports/ alone."""

from __future__ import annotations

import shutil
import subprocess

import nbformat

from helpers import paths


def _notebook_with_outputs() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=3)
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=3)]
    nb.cells = [cell]
    return nb


def test_staging_strips_notebooks_but_not_reports(tmp_path):
    for name in (".gitattributes", ".pre-commit-config.yaml", "tools/install-git-filters"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(paths.ROOT / name, tmp_path / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([str(tmp_path / "tools/install-git-filters"), str(paths.ROOT / ".venv")], cwd=tmp_path, check=True)
    for folder in ("notebooks", "notebooks/chapter", "reports"):
        (tmp_path / folder).mkdir(exist_ok=True)
        nbformat.write(_notebook_with_outputs(), tmp_path / folder / "00_x.ipynb")
    subprocess.run([*git, "add", "-A"], cwd=tmp_path, check=True)

    def staged(path: str) -> nbformat.NotebookNode:
        blob = subprocess.run(["git", "show", f":{path}"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
        return nbformat.reads(blob, as_version=4)

    for path in ("notebooks/00_x.ipynb", "notebooks/chapter/00_x.ipynb"):
        cell = staged(path).cells[0]
        assert cell.outputs == [] and cell.execution_count is None, path
    assert staged("reports/00_x.ipynb").cells[0].outputs != []
    # the working copy keeps what the reader sees
    assert nbformat.read(tmp_path / "notebooks/00_x.ipynb", as_version=4).cells[0].outputs != []


def test_the_committed_notebooks_are_what_the_filter_makes(tmp_path):
    """Registering the filter must not show every notebook as modified."""
    copies = []
    for nb in paths.notebooks():
        copies.append(tmp_path / nb.name)
        shutil.copy(nb, copies[-1])
    subprocess.run([str(paths.ROOT / ".venv/bin/nbstripout"), "--keep-id", *map(str, copies)], check=True)
    for nb, copy in zip(paths.notebooks(), copies, strict=True):
        assert copy.read_bytes() == nb.read_bytes(), f"{nb.name}: not as nbstripout --keep-id writes it"


def test_the_scratch_folder_is_ignored():
    for path in ("notebooks/scratch/01_batken.ipynb", "scratch/try.ipynb"):
        result = subprocess.run(["git", "check-ignore", "-q", path], cwd=paths.ROOT)
        assert result.returncode == 0, f"{path} is not git-ignored"
