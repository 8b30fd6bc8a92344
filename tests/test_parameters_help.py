"""`papermill --help-notebook` documents every parameter: a type and a one-line description.

The command is papermill's own (the click command its console script runs), invoked in this
process: a new process would only add 1.5 s of imports per notebook."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner
from papermill.cli import papermill

from helpers import paths

NOTEBOOKS = paths.notebooks()


def _parameter_names(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    return [node.target.id for node in ast.parse(cell.source).body if isinstance(node, ast.AnnAssign)]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_help_notebook_describes_every_parameter(notebook):
    names = _parameter_names(notebook)
    assert names, f"{notebook.name}: parameters must be annotated (name: type = value  # description)"
    result = CliRunner().invoke(papermill, ["--help-notebook", str(notebook)])
    assert result.exit_code == 0, result.output
    out = result.output
    listed = re.findall(r"^  (\w+): (\S+) \(default (.+?)\)\s*(.*)\n(?:\s{20,}(.+)\n)?", out, flags=re.MULTILINE)
    assert [m[0] for m in listed] == names, out
    for name, kind, _default, inline, wrapped in listed:
        description = (inline or wrapped).strip()
        assert kind != "Unknown", f"{notebook.name}: {name} has no type annotation"
        assert len(description.split()) >= 3, f"{notebook.name}: {name} has no one-line description"
