"""The render pipeline (papermill + nbconvert in one process), on a notebook made here.

The notebook is created in a temporary directory, so no placeholder is committed.
"""

from __future__ import annotations

import hashlib
import json

import nbformat
import pytest

from helpers.build.render import RenderError, render, resolve_value, strip_volatile
from tests.html_checks import external_resources

pytestmark = pytest.mark.slow


def _notebook(path):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell("scale = 2  # multiplier for the demo series\nfail = False")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Demo\nA notebook made by the test suite."),
        params,
        nbformat.v4.new_code_cell("if fail:\n    raise ValueError('parameter fail: expected False')"),
        nbformat.v4.new_code_cell(
            "import matplotlib\nimport matplotlib.pyplot as plt\n"
            "fig, ax = plt.subplots(figsize=(3, 2))\nax.plot([1, 2, 3], [scale, 2 * scale, 3 * scale])\n"
            "ax.set_title('demo')\nplt.show()\nprint(scale * 21)"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_resolve_value_types_like_papermill():
    assert resolve_value("2017") == 2017
    assert resolve_value("0.01") == 0.01
    assert resolve_value("None") is None
    assert resolve_value("True") is True
    assert resolve_value("ru") == "ru"


def test_strip_volatile_removes_timings():
    nb = nbformat.v4.new_notebook()
    nb.metadata["papermill"] = {"start_time": "x", "end_time": "y", "duration": 1.0, "parameters": {"a": 1}}
    cell = nbformat.v4.new_code_cell("1")
    cell.metadata["papermill"] = {"duration": 0.1}
    cell.metadata["execution"] = {"iopub.status.busy": "t"}
    nb.cells = [cell]
    strip_volatile(nb)
    assert nb.metadata["papermill"] == {"parameters": {"a": 1}}
    assert "papermill" not in cell.metadata and "execution" not in cell.metadata


def test_render_writes_executed_notebook_and_self_contained_html(tmp_path):
    source = _notebook(tmp_path / "07_demo.ipynb")
    out = tmp_path / "reports"
    ipynb, html = render(source, out, {"scale": 3})
    executed = nbformat.read(ipynb, as_version=4)
    text = json.dumps(executed)
    for volatile in ("start_time", "end_time", "duration", "iopub.status"):
        assert volatile not in text
    assert executed.metadata["kernelspec"]["name"] == "migration-ca"
    assert any("63" in o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    page = html.read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    assert external_resources(page) == []


def test_two_renders_are_byte_identical(tmp_path):
    source = _notebook(tmp_path / "07_demo.ipynb")
    first = [_sha(p) for p in render(source, tmp_path / "a")]
    second = [_sha(p) for p in render(source, tmp_path / "b")]
    assert first == second


def test_failed_render_names_the_cell_and_keeps_previous_outputs(tmp_path):
    source = _notebook(tmp_path / "07_demo.ipynb")
    out = tmp_path / "reports"
    good = render(source, out)
    before = [_sha(p) for p in good]
    with pytest.raises(RenderError, match=r"07_demo\.ipynb: cell \d+ .*ValueError: parameter fail"):
        render(source, out, {"fail": True})
    assert [_sha(p) for p in good] == before
    assert sorted(p.name for p in out.iterdir()) == ["07_demo.html", "07_demo.ipynb"]


def test_missing_notebook_is_a_clear_error(tmp_path):
    with pytest.raises(RenderError, match="notebook not found"):
        render(tmp_path / "nope.ipynb", tmp_path)
