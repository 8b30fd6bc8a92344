"""The render pipeline (papermill + nbconvert in one process), on a notebook made here.

The notebook is created in a temporary directory, so no placeholder is committed. What can be
checked before the kernel starts (a typo in a parameter, a broken notebook, an output folder that
cannot be written) is refused at once, in one line.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile

import nbformat
import pytest

from helpers import paths
from helpers.build import render as render_module
from helpers.build.render import RenderError, render, resolve_value, strip_volatile
from helpers.export import links_to_index, to_html
from tests.html_checks import external_resources

pytestmark = pytest.mark.slow


def printed_by(nb, code: str) -> str:
    """What the one cell containing ``code`` printed to standard output."""
    (cell,) = [c for c in nb.cells if c.cell_type == "code" and code in c.source]
    return "".join(o["text"] for o in cell.outputs if o.get("output_type") == "stream" and o.get("name") == "stdout")


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
            "ax.set_title('demo')\nplt.show()\nprint(scale * 21)"
        ),
        nbformat.v4.new_code_cell(
            "import json, ipykernel.connect\nprint(json.load(open(ipykernel.connect.get_connection_file()))['transport'])"
        ),
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


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo notebook rendered once with scale=3: (source, ipynb, html, what the render printed
    on stderr). Tests that need a good previous render copy its folder."""
    folder = tmp_path_factory.mktemp("demo")
    source = _notebook(folder / "07_demo.ipynb")
    with tempfile.TemporaryFile("w+") as stderr:
        saved = os.dup(2)  # the file descriptor too: the kernel and C code write there, not to sys.stderr
        os.dup2(stderr.fileno(), 2)
        try:
            with contextlib.redirect_stderr(stderr):
                ipynb, html = render(source, folder / "reports", {"scale": 3})
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        stderr.seek(0)
        printed = stderr.read()
    return source, ipynb, html, printed


def test_render_writes_executed_notebook_and_self_contained_html(demo):
    _, ipynb, html, printed = demo
    assert printed == ""  # no kernel chatter (TCP warning, KeyboardInterrupt at shutdown)
    executed = nbformat.read(ipynb, as_version=4)
    assert executed.cells[-1].outputs[0]["text"] == "ipc\n"  # the kernel listens on local sockets only
    text = json.dumps(executed)
    for volatile in ("start_time", "end_time", "duration", "iopub.status"):
        assert volatile not in text
    assert executed.metadata["kernelspec"] == {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    assert printed_by(executed, "print(scale * 21)") == "63\n"  # the parameter reached the code
    page = html.read_text(encoding="utf-8")
    assert "data:image/png;base64," in page
    assert external_resources(page) == []
    assert 'href="index.html"' not in page  # no landing page in this folder: no link to one


def test_two_renders_with_parameters_are_byte_identical(demo, tmp_path):
    """papermill's injected cell gets a random id; strip_volatile fixes it."""
    source, *first, _ = demo
    second = render(source, tmp_path / "b", {"scale": 3})
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def previous_reports(demo, tmp_path):
    """A copy of the demo notebook and of its good render, to fail on."""
    source, ipynb, _, _ = demo
    shutil.copytree(ipynb.parent, tmp_path / "reports")
    return shutil.copy(source, tmp_path / source.name), tmp_path / "reports"


def test_failed_render_names_the_cell_and_keeps_previous_outputs(demo, tmp_path):
    source, out = previous_reports(demo, tmp_path)
    before = {p.name: _sha(p) for p in out.iterdir()}
    with pytest.raises(RenderError, match=r"07_demo\.ipynb: cell \d+ .*ValueError: parameter fail"):
        render(source, out, {"fail": True})
    assert {p.name: _sha(p) for p in out.iterdir()} == before
    assert sorted(before) == ["07_demo.html", "07_demo.ipynb"]


def test_missing_notebook_is_a_clear_error(tmp_path):
    with pytest.raises(RenderError, match="notebook not found"):
        render(tmp_path / "nope.ipynb", tmp_path)


def _must_not_run(*_args, **_kwargs):
    raise AssertionError("the kernel was started although the render could be refused before")


@pytest.fixture
def no_kernel(monkeypatch):
    monkeypatch.setattr(render_module, "execute", _must_not_run)


def test_a_misspelled_parameter_is_refused_with_the_nearest_name(tmp_path, no_kernel):
    source = _notebook(tmp_path / "07_demo.ipynb")
    with pytest.raises(
        RenderError,
        match=r"07_demo\.ipynb: unknown parameter 'scal'; did you mean 'scale'\? "
        r"declared: scale, fail$",
    ):
        render(source, tmp_path, {"scal": 3})
    with pytest.raises(RenderError, match=r"unknown parameter 'forcast_years'; did you mean 'forecast_years'\?"):
        render(paths.NOTEBOOKS / "01_batken.ipynb", tmp_path, {"forcast_years": 5})
    with pytest.raises(RenderError, match=r"unknown parameter 'zzz'; declared: scale, fail$"):
        render(source, tmp_path, {"zzz": 1})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["07_demo.ipynb"]


def test_a_notebook_that_is_not_json_is_one_line(tmp_path, no_kernel):
    broken = tmp_path / "07_demo.ipynb"
    broken.write_text('{"cells": [', encoding="utf-8")
    with pytest.raises(RenderError, match=r"07_demo\.ipynb: not a valid notebook file \(") as info:
        render(broken, tmp_path / "reports")
    assert "\n" not in str(info.value)


def test_an_out_dir_under_a_file_is_refused_before_the_run(tmp_path, no_kernel):
    source = _notebook(tmp_path / "07_demo.ipynb")
    (tmp_path / "notes.txt").write_text("a file")
    with pytest.raises(RenderError, match=r"cannot write to .*notes\.txt/reports: .*notes\.txt is a file, not a folder"):
        render(source, tmp_path / "notes.txt" / "reports")


def test_reports_link_to_the_landing_page_only_where_there_is_one(tmp_path):
    assert links_to_index(paths.REPORTS)  # make builds index.html there
    assert not links_to_index(tmp_path)
    (tmp_path / "index.html").write_text("<html></html>")
    assert links_to_index(tmp_path)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Demo")])
    assert '<nav class="compendium"><a href="index.html">' in to_html(nb, "Demo")
    assert "Compendium index" not in to_html(nb, "Demo", index_href=None)


def test_command_line_failure_is_one_line(tmp_path, capsys, monkeypatch, no_kernel):
    monkeypatch.delenv("VERBOSE", raising=False)
    source = _notebook(tmp_path / "07_demo.ipynb")
    assert render_module.main([str(source), "-p", "scael", "2", "--out-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("render: ") and "did you mean 'scale'?" in err


def test_table_data_links_point_from_the_report_to_the_csv_or_are_plain_text(tmp_path):
    from helpers.export import link_data

    root = tmp_path / "project"
    (root / "data" / "processed").mkdir(parents=True)
    (root / "data" / "processed" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    html = '<a data-csv="data/processed/a.csv">a.csv</a> <a data-csv="data/processed/gone.csv">gone.csv</a>'
    # in reports/: one folder up; in an outside folder: the relative path from there
    assert link_data(html, root / "reports", root) == (
        '<a href="../data/processed/a.csv">a.csv</a> <span class="data-file">gone.csv</span>'
    )
    elsewhere = tmp_path / "out" / "deep"
    assert link_data(html, elsewhere, root).startswith('<a href="../../project/data/processed/a.csv">')


def test_a_notebook_that_is_an_empty_json_object_is_one_line(tmp_path, no_kernel):
    empty = tmp_path / "07_demo.ipynb"
    empty.write_text("{}", encoding="utf-8")
    with pytest.raises(RenderError, match=r"^.*07_demo\.ipynb: not a valid notebook file \(.*cells") as info:
        render(empty, tmp_path / "reports")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "notebook, parameters, message",
    [
        (
            "03_diploma",
            {"n_respondents": 50},
            r"03_diploma\.ipynb: parameter n_respondents=50: data/processed/diploma_\w+\.csv, line \d+: the printed [\d.]+ % "
            r"is no whole count out of 50 \(GRIM\)",
        ),
        (
            "01_batken",
            {"forecast_years": 10**22},
            r"parameter forecast_years=10000000000000000000000: expected an integer from 1 to 10$",
        ),
        ("02_kazakhstan", {"year": 2030}, r"parameter year=2030: expected an integer from 2022 to 2023$"),
    ],
)
def test_a_bad_value_is_refused_before_a_kernel_starts(notebook, parameters, message, tmp_path, no_kernel):
    with pytest.raises(RenderError, match=message):
        render(paths.NOTEBOOKS / f"{notebook}.ipynb", tmp_path, parameters)
    assert list(tmp_path.iterdir()) == []


def test_params_reach_the_renderer_as_data_never_through_a_shell(tmp_path, monkeypatch):
    marker = tmp_path / "ran"
    monkeypatch.setenv("PARAMS", f"-p lang 'ru' -p alpha \"0.1\"; touch {marker}")
    with pytest.raises(RenderError, match=r"^PARAMS='.*': expected -p NAME VALUE pairs"):
        render_module.params_from_env()
    monkeypatch.setenv("PARAMS", "-p lang 'ru' -p title 'two words; touch x'")
    assert render_module.params_from_env() == [("lang", "ru"), ("title", "two words; touch x")]
    monkeypatch.setenv("PARAMS", "-p lang 'ru")
    with pytest.raises(RenderError, match=r"^PARAMS=.*: No closing quotation; expected -p NAME VALUE pairs"):
        render_module.params_from_env()
    assert not marker.exists()


def test_a_kernel_that_dies_mid_render_is_one_line_and_keeps_the_previous_reports(demo, tmp_path):
    source, _ = previous_reports(demo, tmp_path)
    before = {p.name: _sha(p) for p in (tmp_path / "reports").iterdir()}
    nb = nbformat.read(source, as_version=4)
    nb.cells.insert(
        2, nbformat.v4.new_code_cell("import os, sys\nprint('out of luck', file=sys.stderr, flush=True)\nos._exit(3)")
    )
    nbformat.write(nb, source)
    with pytest.raises(RenderError, match=r"^07_demo\.ipynb: the kernel died while the notebook ran: ") as info:
        render(source, tmp_path / "reports")
    assert "\n" not in str(info.value)
    assert {p.name: _sha(p) for p in (tmp_path / "reports").iterdir()} == before


def test_the_kernel_is_stopped_at_once_when_the_last_cell_has_run(tmp_path):
    """Not asked to shut down (ipykernel 7.4 can deadlock in that request for seconds): stopped at
    once, so an exit handler registered in the kernel never runs."""
    from helpers.build.kernel import run_notebook

    marker = tmp_path / "exit-handler-ran"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f"import atexit, pathlib\n_ = atexit.register(pathlib.Path({str(marker)!r}).touch)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "exit.ipynb")
    executed = run_notebook(tmp_path / "exit.ipynb", {})
    assert executed.cells[0].outputs == []
    assert not marker.exists()
