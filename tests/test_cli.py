"""The build tools' command line: one line per outcome, the traceback on request, and never
acting on another checkout than the current folder's."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import paths
from helpers.build import cli
from helpers.validate import RawDataError


def _fail(exc: BaseException):
    def action() -> str:
        raise exc

    return action


def test_success_is_one_line(capsys):
    assert cli.run("index", lambda: "wrote reports/index.html") == 0
    assert capsys.readouterr().out == "index: wrote reports/index.html\n"


@pytest.mark.parametrize(
    "exc, line",
    [
        (
            RawDataError("data/raw/a.csv, line 2, column 'v': 'x' is not an integer"),
            "make data: data/raw/a.csv, line 2, column 'v': 'x' is not an integer",
        ),
        (KeyError("regions"), "make data: KeyError: 'regions'"),
        (FileNotFoundError(2, "No such file or directory"), "make data: FileNotFoundError: [Errno 2] No such file or directory"),
    ],
)
def test_a_failure_is_one_line_without_traceback(exc, line, capsys, monkeypatch):
    monkeypatch.delenv("VERBOSE", raising=False)
    assert cli.run("make data", _fail(exc)) == 1
    captured = capsys.readouterr()
    assert captured.err == line + "\n" and captured.out == ""


@pytest.mark.parametrize("debug, verbose", [(True, ""), (False, "1")])
def test_the_traceback_comes_with_debug_or_verbose(debug, verbose, capsys, monkeypatch):
    monkeypatch.setenv("VERBOSE", verbose)
    assert cli.run("render", _fail(KeyError("lang")), debug) == 1
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and err.endswith("render: KeyError: 'lang'\n")


def test_an_error_of_a_tool_run_with_dash_m_is_its_message(capsys):
    error = type("RenderError", (RuntimeError,), {"__module__": "__main__"})
    assert cli.run("render", _fail(error("notebooks/01_batken.ipynb: unknown parameter 'x'"))) == 1
    assert capsys.readouterr().err == "render: notebooks/01_batken.ipynb: unknown parameter 'x'\n"


def test_ctrl_c_is_one_line(capsys):
    assert cli.run("render", _fail(KeyboardInterrupt())) == 130
    assert capsys.readouterr().err == "render: interrupted; no file was left half-written\n"


def test_project_root_is_the_checkout_holding_a_folder(tmp_path):
    (tmp_path / "src" / "helpers").mkdir(parents=True)
    (tmp_path / "src" / "helpers" / "__init__.py").write_text("")
    (tmp_path / "pyproject.toml").write_text("")
    (tmp_path / "notebooks").mkdir()
    assert paths.project_root(tmp_path / "notebooks") == tmp_path
    assert paths.project_root(tmp_path.parent) is None
    assert paths.project_root(paths.CODE_ROOT / "src" / "helpers") == paths.CODE_ROOT


def test_a_tool_refuses_to_run_another_checkouts_code(tmp_path):
    """A copy of the project run without PYTHONPATH imports the helpers of the checkout the shared
    .venv's editable install points at: the tool refuses in one line and touches neither."""
    copy = tmp_path / "copy"
    for part in ("pyproject.toml", "src/helpers/__init__.py"):
        (copy / part).parent.mkdir(parents=True, exist_ok=True)
        (copy / part).write_text("")
    before = sorted((p.name, p.stat().st_mtime_ns) for p in paths.PROCESSED.iterdir())
    env = {**os.environ, "PYTHONPATH": str(paths.CODE_ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "helpers.build.data"], cwd=copy, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    here = copy.resolve()
    assert result.stderr == (
        f"make data: the current folder is in the checkout {here} but helpers were imported "
        f"from {paths.CODE_ROOT / 'src'}; run it through make, or with PYTHONPATH={here / 'src'}\n"
    )
    assert sorted((p.name, p.stat().st_mtime_ns) for p in paths.PROCESSED.iterdir()) == before
    assert sorted(p.relative_to(copy).as_posix() for p in copy.rglob("*")) == [
        "pyproject.toml",
        "src",
        "src/helpers",
        "src/helpers/__init__.py",
    ]


def test_paths_follow_the_current_checkout(tmp_path):
    """Outside a checkout the paths are the imported code's; inside one, that checkout's."""
    code = "from helpers import paths; print(paths.ROOT)"
    env = {**os.environ, "PYTHONPATH": str(paths.CODE_ROOT / "src")}
    outside = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert outside.stdout.strip() == str(paths.CODE_ROOT)
    for part in ("pyproject.toml", "src/helpers/__init__.py"):
        (tmp_path / part).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / part).write_text("")
    (tmp_path / "notebooks").mkdir()
    inside = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path / "notebooks", env=env, capture_output=True, text=True, check=True
    )
    assert inside.stdout.strip() == str(tmp_path.resolve())
