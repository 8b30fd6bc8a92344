"""`papermill --help-notebook` documents every parameter: a type and a one-line description."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
PAPERMILL = Path(sys.executable).with_name("papermill")


def _parameter_names(notebook: Path) -> list[str]:
    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    return [node.target.id for node in ast.parse(cell.source).body if isinstance(node, ast.AnnAssign)]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_help_notebook_describes_every_parameter(notebook):
    names = _parameter_names(notebook)
    assert names, f"{notebook.name}: parameters must be annotated (name: type = value  # description)"
    out = subprocess.run(
        [str(PAPERMILL), "--help-notebook", str(notebook)], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    listed = re.findall(r"^  (\w+): (\S+) \(default (.+?)\)\s*(.*)\n(?:\s{20,}(.+)\n)?", out, flags=re.MULTILINE)
    assert [m[0] for m in listed] == names, out
    for name, kind, _default, inline, wrapped in listed:
        description = (inline or wrapped).strip()
        assert kind != "Unknown", f"{notebook.name}: {name} has no type annotation"
        assert len(description.split()) >= 3, f"{notebook.name}: {name} has no one-line description"
